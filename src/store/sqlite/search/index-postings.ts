/**
 * Stored postings of common terms (`search_postings`): each sync appends one segment per changed term; segments
 * are tiered by size (search-index-options.ts), so a term keeps a few dozen at most and ingest rewrites each
 * posting a few times.
 */
import type { Db } from '../db.ts';
import { COLUMN_WEIGHTS } from '../../search/doc.ts';
import { decodePostings, encodePostings, mergePostings, postingsOf, type Postings } from '../../search/postings.ts';
import { planAppend } from '../../search/segments.ts';

/** Prepares the postings statements and the FTS5 vocabulary view that lists a term's occurrences. */
export function preparePostingStatements(db: Db) {
  db.sqlite.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.pb_fts_instances USING fts5vocab(main, papers_fts, instance)');
  return {
    // Streamed, not GROUP BY: a sort of a common term's ~100k occurrences kept ~45 MB of native memory afterwards.
    occurrences: db.sqlite.prepare('SELECT doc, col FROM temp.pb_fts_instances WHERE term = ?').raw(),
    // Every changed term's segment sizes in one statement, in key order: one lookup each cost ~30 µs at 100k papers.
    segments: db.sqlite
      .prepare('SELECT term_id, seg, n FROM search_postings WHERE term_id IN (SELECT value FROM json_each(?)) ORDER BY term_id, seg')
      .raw(),
    read: db.sqlite.prepare('SELECT postings FROM search_postings WHERE term_id = ? AND seg = ?').pluck(),
    readAll: db.sqlite.prepare('SELECT postings FROM search_postings WHERE term_id = ? ORDER BY seg').pluck(),
    insert: db.sqlite.prepare('INSERT INTO search_postings (term_id, seg, n, postings) VALUES (?, ?, ?, ?)'),
    remove: db.sqlite.prepare('DELETE FROM search_postings WHERE term_id = ? AND seg = ?'),
  };
}

/** The prepared statements. */
export type PostingStatements = ReturnType<typeof preparePostingStatements>;

const COLUMN_INDEX: Record<string, number> = { title: 0, abstract: 1, authors: 2, ai_keywords: 3 };

/** A term's postings as FTS5 holds them (for a term that just became common): weighted frequency per paper. */
export function postingsFromFts(statements: PostingStatements, term: string, column: number | null = null): Postings {
  const freqs = new Map<number, number>();
  for (const [doc, col] of statements.occurrences.iterate(term) as Iterable<[number, string]>) {
    const c = COLUMN_INDEX[col] as number;
    if (column !== null && c !== column) continue;
    freqs.set(doc, (freqs.get(doc) ?? 0) + (COLUMN_WEIGHTS[c] as number));
  }
  return postingsOf(freqs);
}

/** Stores a new term's postings, read from FTS5, as its first segment. */
export function buildPostings(statements: PostingStatements, termId: number, term: string): void {
  const postings = postingsFromFts(statements, term);
  statements.insert.run(termId, 1, postings.docs.length, encodePostings(postings));
}

/** Segment numbers and sizes of these terms' stored postings, oldest first; a term without any has none listed. */
export function segmentSizes(statements: PostingStatements, termIds: readonly number[]): Map<number, Array<[seg: number, n: number]>> {
  const out = new Map<number, Array<[number, number]>>();
  if (termIds.length === 0) return out;
  for (const [termId, seg, n] of statements.segments.all(JSON.stringify(termIds)) as Array<[number, number, number]>) {
    let list = out.get(termId);
    if (!list) out.set(termId, (list = []));
    list.push([seg, n]);
  }
  return out;
}

/**
 * Appends a sync's changes as a new segment (segments.ts plans the merges). `stored` is the term's segments as
 * {@link segmentSizes} lists them.
 */
export function appendPostings(
  statements: PostingStatements,
  termId: number,
  changes: ReadonlyMap<number, number>,
  stored: ReadonlyArray<readonly [number, number]>,
): void {
  const plan = planAppend(changes, stored, (seg) => decodePostings(statements.read.get(termId, seg) as Buffer));
  for (const seg of plan.removed) statements.remove.run(termId, seg);
  if (plan.written) statements.insert.run(termId, plan.written.seg, plan.written.n, encodePostings(plan.written.postings));
}

/** A term's stored postings, all segments merged; removed entries dropped. */
export function loadPostings(statements: Pick<PostingStatements, 'readAll'>, termId: number): Postings {
  const segments = (statements.readAll.all(termId) as Buffer[]).map(decodePostings);
  return mergePostings(segments, true);
}
