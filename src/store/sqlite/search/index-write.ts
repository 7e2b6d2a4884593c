/**
 * Keeps the search index in step with `papers`: the store's "papers changed" hook calls `sync` with the papers a
 * write inserted or changed, inside its transaction, after papers_fts has them. Each paper is removed (if indexed) and added
 * again: its term ids, document frequencies, totals, the postings of its common terms, and a change-log entry.
 */
import type { SearchRanking } from '../../../core/search-rank.ts';
import type { Db } from '../db.ts';
import { createFts5Tokenizer } from '../../search/fts5-tokenize.ts';
import { createBatchTerms, forEachTermFrequency, intern, termsOfPapers } from '../../search/batch-terms.ts';
import { decodeDoc, encodeDoc } from '../../search/doc.ts';
import { DEFAULT_SEARCH_INDEX_OPTIONS, LOG_GENERATIONS, type SearchIndexOptions } from '../../search/index-options.ts';
import { appendPostings, buildPostings, preparePostingStatements, segmentSizes } from './index-postings.ts';

interface PaperRow {
  doc_id: number;
  id: string;
  title: string;
  abstract: string;
  authors: string;
  ai_keywords: string;
  hf_submitted_at: string | null;
  published_at: string | null;
  submitted: string;
  upvotes: number | null;
}

interface Meta {
  docs: number;
  tokens: number;
  generation: number;
}

/** The writer's operations; all run inside the caller's transaction. */
export interface SearchIndexWriter {
  /** Re-indexes these papers (removing deleted ones) and any deleted since the last sync. */
  sync(docIds: Iterable<number>): void;
  /** Indexes up to `limit` papers the index has never seen (a database from before the index); returns how many. */
  catchUp(limit: number): number;
  /** Empties the index and marks it incomplete (search switched off): catching up rebuilds it from scratch. */
  reset(): void;
}

function prepare(db: Db) {
  const q = (sql: string) => db.sqlite.prepare(sql);
  return {
    createMeta: q('INSERT OR IGNORE INTO search_meta (id) VALUES (1)'),
    meta: q('SELECT docs, tokens, generation FROM search_meta WHERE id = 1'),
    saveMeta: q('UPDATE search_meta SET docs = ?, tokens = ?, generation = ? WHERE id = 1'),
    // Whether every paper is indexed: asked once, when the index is first written (it may predate the index).
    settleComplete: q(
      'UPDATE search_meta SET complete = NOT EXISTS (SELECT 1 FROM papers WHERE doc_id NOT IN (SELECT doc_id FROM search_docs)) WHERE id = 1',
    ),
    markComplete: q('UPDATE search_meta SET complete = 1 WHERE id = 1'),
    stale: q('DELETE FROM search_stale RETURNING doc_id').pluck(),
    oldDocs: q('SELECT doc_id, terms, length FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))'),
    deleteDoc: q('DELETE FROM search_docs WHERE doc_id = ?'),
    papers: q(`SELECT p.doc_id, p.id, p.title, p.abstract, p.authors, p.ai_keywords, p.hf_submitted_at, p.published_at,
        coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at) AS submitted,
        (SELECT s.upvotes FROM paper_signals s WHERE s.paper_id = p.id ORDER BY s.observed_at DESC, s.id DESC LIMIT 1) AS upvotes
      FROM papers p WHERE p.doc_id IN (SELECT value FROM json_each(?))`),
    termsByText: q('SELECT id, term, df, listed FROM search_terms WHERE term IN (SELECT value FROM json_each(?))').raw(),
    termsById: q('SELECT id, term, df, listed FROM search_terms WHERE id IN (SELECT value FROM json_each(?))').raw(),
    // New terms get the ids an INSERT would give them (one past the largest, in order), so they are written once.
    lastTermId: q('SELECT coalesce(max(id), 0) FROM search_terms').pluck(),
    insertTerms: q(`INSERT INTO search_terms (id, term, df, listed)
      SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?) AS j`),
    // One statement per sync: a batch changes tens of thousands of terms.
    saveTerms: q(`UPDATE search_terms SET df = j.value ->> 1, listed = j.value ->> 2
      FROM json_each(?) AS j WHERE search_terms.id = j.value ->> 0`),
    insertDoc: q('INSERT INTO search_docs (doc_id, paper_id, terms, length, upvotes, dated_ms, submitted) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    log: q('INSERT OR IGNORE INTO search_log (generation, doc_id) SELECT ?, value FROM json_each(?)'),
    pruneLog: q('DELETE FROM search_log WHERE generation < ?'),
    missing: q('SELECT doc_id FROM papers WHERE doc_id NOT IN (SELECT doc_id FROM search_docs) LIMIT ?').pluck(),
    // The generation moves on, so a reader's caches from before the reset are never taken for current.
    reset: [
      'DELETE FROM search_docs',
      'DELETE FROM search_terms',
      'DELETE FROM search_postings',
      'DELETE FROM search_log',
      'DELETE FROM search_stale',
      'UPDATE search_meta SET docs = 0, tokens = 0, generation = generation + 1, complete = 0',
    ].map(q),
  };
}

type TermRow = [id: number, term: string, df: number, listed: number];

/** JSON arrays as SQL parameters: a list is one statement instead of one per element. */
const json = (values: readonly unknown[]): string => JSON.stringify(values);

/** Creates the writer; `options.listMinDf` decides which terms get stored postings (tests use small values). */
export function createSearchIndexWriter(
  db: Db,
  ranking: SearchRanking,
  options: SearchIndexOptions = DEFAULT_SEARCH_INDEX_OPTIONS,
): SearchIndexWriter {
  const st = prepare(db);
  const postings = preparePostingStatements(db);
  const tokenize = createFts5Tokenizer(db.sqlite);

  function sync(requested: Iterable<number>): void {
    const docIds = [...new Set([...requested, ...(st.stale.all() as number[])])];
    if (docIds.length === 0) return;
    const created = st.createMeta.run().changes > 0;
    const meta = st.meta.get() as Meta;
    const batch = createBatchTerms();
    const { ids, dfs, listed, dirty, changes } = batch;
    const change = (k: number, docId: number, freq: number) => {
      dirty[k] = 1;
      if (listed[k] === 1) (changes[k] ??= new Map()).set(docId, freq);
    };
    const known = (rows: TermRow[]) => {
      for (const [id, term, df, isListed] of rows) {
        const k = intern(batch, term);
        ids[k] = id;
        dfs[k] = df;
        listed[k] = isListed;
      }
    };

    // Remove what the index holds for these papers.
    const old = st.oldDocs.all(json(docIds)) as Array<{ doc_id: number; terms: Buffer; length: number }>;
    const oldTerms = old.map((row) => {
      const doc = decodeDoc(row.terms);
      return [...new Set(doc.terms.subarray(0, doc.starts[4]))];
    });
    const oldIds = [...new Set(oldTerms.flat())];
    if (oldIds.length > 0) known(st.termsById.all(json(oldIds)) as TermRow[]);
    const byId = new Map(oldIds.length > 0 ? ids.map((id, k) => [id, k]) : []);
    old.forEach((row, i) => {
      for (const id of oldTerms[i] ?? []) {
        const k = byId.get(id) as number;
        dfs[k] = (dfs[k] as number) - 1;
        change(k, row.doc_id, 0);
      }
      st.deleteDoc.run(row.doc_id);
      meta.docs -= 1;
      meta.tokens -= row.length;
    });

    // Add the papers that exist: their terms as batch indices, column by column.
    const papers = st.papers.all(json(docIds)) as PaperRow[];
    const docs = termsOfPapers(papers, batch, tokenize);
    const n = batch.texts.length;
    const unknown: string[] = [];
    for (let k = 0; k < n; k += 1) if (ids[k] === 0) unknown.push(batch.texts[k] as string);
    if (unknown.length > 0) known(st.termsByText.all(json(unknown)) as TermRow[]);
    // Terms still unknown are new, numbered in order of first appearance.
    const fresh = new Uint8Array(n);
    let nextId = (st.lastTermId.get() as number) + 1;
    for (let k = 0; k < n; k += 1) {
      if (ids[k] !== 0) continue;
      ids[k] = nextId++;
      fresh[k] = 1;
    }

    const freq = new Float64Array(n);
    let termIds = new Int32Array(0);
    papers.forEach((paper, i) => {
      const { terms, lengths } = docs[i] as (typeof docs)[number];
      const length = terms.length;
      if (termIds.length < length) termIds = new Int32Array(length * 2);
      const datedMs = ranking.priorDate({ hfSubmittedAt: paper.hf_submitted_at, publishedAt: paper.published_at });
      for (let j = 0; j < length; j += 1) termIds[j] = ids[terms[j] as number] as number;
      st.insertDoc.run(
        paper.doc_id,
        paper.id,
        encodeDoc(termIds.subarray(0, length), lengths),
        length,
        paper.upvotes ?? 0,
        datedMs,
        paper.submitted,
      );
      meta.docs += 1;
      meta.tokens += length;
      forEachTermFrequency(terms, lengths, freq, (k, frequency) => {
        dfs[k] = (dfs[k] as number) + 1;
        change(k, paper.doc_id, frequency);
      });
    });

    const saved: Array<[number, number, number]> = [];
    const added: Array<[number, string, number, number]> = [];
    const stored = segmentSizes(
      postings,
      ids.filter((_, k) => changes[k] !== undefined),
    );
    for (let k = 0; k < n; k += 1) {
      const id = ids[k] as number;
      const termChanges = changes[k];
      if (termChanges) appendPostings(postings, id, termChanges, stored.get(id) ?? []);
      // A term that just became common gets its postings from FTS5 itself, which already holds this batch.
      if (listed[k] === 0 && (dfs[k] as number) >= options.listMinDf) {
        buildPostings(postings, id, batch.texts[k] as string);
        listed[k] = 1;
      }
      if (fresh[k] === 1) added.push([id, batch.texts[k] as string, dfs[k] as number, listed[k] as number]);
      else if (dirty[k] === 1) saved.push([id, dfs[k] as number, listed[k] as number]);
    }
    if (added.length > 0) st.insertTerms.run(json(added));
    if (saved.length > 0) st.saveTerms.run(json(saved));
    meta.generation += 1;
    st.saveMeta.run(meta.docs, meta.tokens, meta.generation);
    st.log.run(meta.generation, json(docIds));
    if (meta.generation % 100 === 0) st.pruneLog.run(meta.generation - LOG_GENERATIONS);
    if (created) st.settleComplete.run();
  }

  return {
    sync,
    catchUp(limit) {
      const missing = st.missing.all(limit) as number[];
      if (missing.length > 0) sync(missing);
      // Nothing missing: complete. An empty database keeps no meta row (it would look like one holding data).
      else st.markComplete.run();
      return missing.length;
    },
    reset() {
      for (const statement of st.reset) statement.run();
    },
  };
}
