/**
 * The ingest benchmark at one corpus size: a day's batch of new Hugging Face items through the real ingest path
 * (parse → ingest() → upsertMany: papers, signals, FTS5 and the search index), side by side with its baseline,
 * raw better-sqlite3 INSERTs of the same items into the same `papers` table in one transaction, without FTS
 * (rolled back, so every run starts from the same store).
 */
import type { Db } from '../src/store/index.ts';
import { DEFAULT_SEED, DIGEST_DAY, createCorpus, type CorpusItem } from './corpus.ts';
import { ingestItems } from './ingest-path.ts';

/** One run: papers per second through the real path and through the baseline. */
export interface IngestRun {
  perS: number;
  baselinePerS: number;
}

/** New papers for run `run`: the corpus generator with another seed, renumbered into a month no corpus uses. */
export function freshItems(run: number, count: number): CorpusItem[] {
  const day = new Date(DIGEST_DAY.getTime() + 86_400_000).toISOString();
  return createCorpus(count * 2, DEFAULT_SEED + 1 + run)
    .batch(0, count)
    .map((item, i) => {
      const paper = {
        ...(item.raw.paper as Record<string, unknown>),
        id: `2512.${String(10_000 + run * count + i).padStart(5, '0')}`,
        submittedOnDailyAt: day,
      };
      return { raw: { ...item.raw, paper }, categories: item.categories };
    });
}

interface RawPaper {
  id: string;
  title?: string;
  summary?: string;
  authors?: Array<{ name?: string }>;
  ai_keywords?: string[];
  publishedAt?: string;
  submittedOnDailyAt?: string;
}

/** The baseline: the same items as plain rows, one prepared INSERT each, one transaction, rolled back. */
function rawInsert(db: Db, items: readonly CorpusItem[], at: string): number {
  const insert = db.sqlite.prepare(
    `INSERT INTO papers (id, title, abstract, authors, categories, published_at, hf_submitted_at, ai_keywords, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = performance.now();
  db.sqlite.exec('BEGIN');
  try {
    for (const { raw, categories } of items) {
      const p = raw.paper as RawPaper;
      // A distinct id: the real path's run has just stored these papers.
      insert.run(
        `${p.id}r`,
        p.title ?? '',
        p.summary ?? '',
        JSON.stringify((p.authors ?? []).map((a) => a.name)),
        JSON.stringify(categories),
        p.publishedAt ?? null,
        p.submittedOnDailyAt ?? null,
        JSON.stringify(p.ai_keywords ?? []),
        at,
        at,
      );
    }
    return performance.now() - start;
  } finally {
    db.sqlite.exec('ROLLBACK');
  }
}

/** `runs` runs of `count` new papers each; the real path's papers stay (the store grows by runs × count). */
export async function benchIngest(db: Db, runs: number, count: number): Promise<IngestRun[]> {
  const out: IngestRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const items = freshItems(run, count);
    const ms = await ingestItems(db, items);
    const baselineMs = rawInsert(db, items, new Date().toISOString());
    out.push({ perS: count / (ms / 1000), baselinePerS: count / (baselineMs / 1000) });
  }
  return out;
}
