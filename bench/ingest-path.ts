/**
 * Feeding the corpus through the real ingest path: Hugging Face JSON → parseHfItems → ingest() → upsertMany (FTS5 and
 * the search index included), in batches the size of a busy day's list. The arXiv categories a listing would merge
 * in ride along on the parsed items, since Hugging Face items carry none.
 */
import { createFixedClock, type Clock } from '../src/core/clock.ts';
import { ingest, type IngestJob } from '../src/core/ingest.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { SourceBatch } from '../src/core/paper.ts';
import { parseHfItems } from '../src/sources/hf-parse.ts';
import { SEARCH_RANKING } from '../src/core/search-rank.ts';
import { createSqliteStore, openDatabase, type Db } from '../src/store/index.ts';
import { DIGEST_DAY, type Corpus, type CorpusItem } from './corpus.ts';

/** Papers per ingest call while building a corpus: one transaction each, like a month's import of one day's lists. */
export const INGEST_BATCH = 5_000;

/** The instant the corpus is ingested and searched at: midday of the digest day. */
export const BENCH_NOW = new Date(DIGEST_DAY.getTime() + 12 * 3_600_000);

/** Parses raw items like a Daily Papers response and attaches their categories. */
export function parseCorpusItems(items: readonly CorpusItem[]): SourceBatch {
  const batch = parseHfItems(
    items.map((item) => item.raw),
    silentLogger,
    'bench corpus',
  );
  const categories = new Map(items.map((item) => [String((item.raw.paper as { id?: unknown }).id), item.categories]));
  for (const parsed of batch.items) parsed.paper.categories = categories.get(parsed.paper.id) ?? [];
  return batch;
}

/** Opens (creating and migrating) a bench database. */
export function openBenchDb(file: string, clock: Clock = createFixedClock(BENCH_NOW)): Db {
  return openDatabase(file, { log: silentLogger, clock });
}

/** Ingests items through the real path in INGEST_BATCH batches; `batches` generates each (untimed). */
async function ingestBatches(
  db: Db,
  count: number,
  batch: (at: number, n: number) => readonly CorpusItem[],
  clock: Clock,
  size = INGEST_BATCH,
): Promise<number> {
  const { papers, runs } = createSqliteStore(db, { ranking: SEARCH_RANKING });
  const deps = { store: papers, runs, clock, log: silentLogger };
  let ms = 0;
  for (let at = 0; at < count; at += size) {
    const items = batch(at, Math.min(size, count - at));
    // Generating the corpus is not ingest: only the ingest call (parse included) is timed.
    const job: IngestJob = { source: 'huggingface', label: `bench ${at}`, fetch: async () => parseCorpusItems(items) };
    const t = performance.now();
    await ingest(deps, job);
    ms += performance.now() - t;
  }
  return ms;
}

/** Ingests items [start, start + count) of the corpus through the real path; returns the milliseconds it took. */
export function ingestRange(
  db: Db,
  corpus: Corpus,
  start: number,
  count: number,
  clock: Clock = createFixedClock(BENCH_NOW),
): Promise<number> {
  return ingestBatches(db, count, (at, n) => corpus.batch(start + at, n), clock);
}

/** Ingests the given items through the real path as one batch (a day's list); returns the milliseconds it took. */
export function ingestItems(db: Db, items: readonly CorpusItem[], clock: Clock = createFixedClock(BENCH_NOW)): Promise<number> {
  return ingestBatches(db, items.length, () => items, clock, items.length);
}
