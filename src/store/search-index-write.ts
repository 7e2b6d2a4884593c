/**
 * Keeps the search index in step with `papers`: the ingest path calls `sync` with the papers it inserted or
 * changed, inside its own transaction, after papers_fts has them. Each paper is removed (if indexed) and added
 * again: its term ids, document frequencies, totals, the postings of its common terms, and a change-log entry.
 */
import { priorDate } from '../core/search-rank.ts';
import type { Db } from './db.ts';
import { createFts5Tokenizer } from './fts5-tokenize.ts';
import { COLUMN_WEIGHTS, decodeDoc, encodeDoc } from './search-doc.ts';
import { DEFAULT_SEARCH_INDEX_OPTIONS, LOG_GENERATIONS, type SearchIndexOptions } from './search-index-options.ts';
import { appendPostings, buildPostings, preparePostingStatements } from './search-index-postings.ts';

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

/** A term's row of `search_terms` while a sync works on it. */
interface TermState {
  id: number;
  term: string;
  df: number;
  listed: boolean;
  dirty: boolean;
  /** Postings changes of this sync (0 = the paper no longer has the term). */
  changes: Map<number, number> | null;
}

/** The writer's operations; all run inside the caller's transaction. */
export interface SearchIndexWriter {
  /** Re-indexes these papers (removing deleted ones) and any deleted since the last sync. */
  sync(docIds: Iterable<number>): void;
  /** Indexes up to `limit` papers the index has never seen (a database from before the index); returns how many. */
  catchUp(limit: number): number;
}

function prepare(db: Db) {
  const q = (sql: string) => db.sqlite.prepare(sql);
  return {
    createMeta: q('INSERT OR IGNORE INTO search_meta (id) VALUES (1)'),
    meta: q('SELECT docs, tokens, generation FROM search_meta WHERE id = 1'),
    saveMeta: q('UPDATE search_meta SET docs = ?, tokens = ?, generation = ? WHERE id = 1'),
    // Whether every paper is indexed: asked once, when the index is first written (it may predate the index).
    settleComplete: q('UPDATE search_meta SET complete = NOT EXISTS (SELECT 1 FROM papers WHERE doc_id NOT IN (SELECT doc_id FROM search_docs)) WHERE id = 1'),
    markComplete: q('UPDATE search_meta SET complete = 1 WHERE id = 1'),
    stale: q('DELETE FROM search_stale RETURNING doc_id').pluck(),
    oldDocs: q('SELECT doc_id, terms, length FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))'),
    deleteDoc: q('DELETE FROM search_docs WHERE doc_id = ?'),
    papers: q(`SELECT p.doc_id, p.id, p.title, p.abstract, p.authors, p.ai_keywords, p.hf_submitted_at, p.published_at,
        coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at) AS submitted,
        (SELECT s.upvotes FROM paper_signals s WHERE s.paper_id = p.id ORDER BY s.observed_at DESC, s.id DESC LIMIT 1) AS upvotes
      FROM papers p WHERE p.doc_id IN (SELECT value FROM json_each(?))`),
    allTerms: q('SELECT id, term, df, listed FROM search_terms'),
    termsByText: q('SELECT id, term, df, listed FROM search_terms WHERE term IN (SELECT value FROM json_each(?))'),
    termsById: q('SELECT id, term, df, listed FROM search_terms WHERE id IN (SELECT value FROM json_each(?))'),
    insertTerms: q('INSERT INTO search_terms (term) SELECT value FROM json_each(?) RETURNING id, term').raw(),
    // One statement per sync: a batch changes tens of thousands of terms.
    saveTerms: q(`UPDATE search_terms SET df = j.value ->> 1, listed = j.value ->> 2
      FROM json_each(?) AS j WHERE search_terms.id = j.value ->> 0`),
    insertDoc: q('INSERT INTO search_docs (doc_id, paper_id, terms, length, upvotes, dated_ms, submitted) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    log: q('INSERT OR IGNORE INTO search_log (generation, doc_id) SELECT ?, value FROM json_each(?)'),
    pruneLog: q('DELETE FROM search_log WHERE generation < ?'),
    missing: q('SELECT doc_id FROM papers WHERE doc_id NOT IN (SELECT doc_id FROM search_docs) LIMIT ?').pluck(),
  };
}

type TermRow = { id: number; term: string; df: number; listed: number };

const toState = (row: TermRow): TermState => ({ id: row.id, term: row.term, df: row.df, listed: row.listed === 1, dirty: false, changes: null });

/** JSON arrays as SQL parameters: a list is one statement instead of one per element. */
const json = (values: readonly unknown[]): string => JSON.stringify(values);

/** Weighted frequency per term id of one paper's columns, as bm25() counts a one-term phrase. */
function frequencies(columns: readonly (readonly number[])[]): Map<number, number> {
  const freqs = new Map<number, number>();
  columns.forEach((column, c) => {
    for (const id of column) freqs.set(id, (freqs.get(id) ?? 0) + (COLUMN_WEIGHTS[c] as number));
  });
  return freqs;
}

/** The term dictionary (whole, or the terms of one small sync). */
interface Dictionary {
  generation: number;
  byText: Map<string, TermState>;
  byId: Map<number, TermState>;
}

/** Creates the writer; `options.listMinDf` decides which terms get stored postings (tests use small values). */
export function createSearchIndexWriter(db: Db, options: SearchIndexOptions = DEFAULT_SEARCH_INDEX_OPTIONS): SearchIndexWriter {
  const st = prepare(db);
  const postings = preparePostingStatements(db);
  const tokenize = createFts5Tokenizer(db.sqlite);
  let dictionary: Dictionary | null = null;

  /** The dictionary as of `generation`; reloaded when another writer (or a rolled-back sync) moved it. */
  function dictionaryAt(generation: number): Dictionary {
    if (dictionary?.generation === generation) return dictionary;
    const byText = new Map<string, TermState>();
    const byId = new Map<number, TermState>();
    for (const row of st.allTerms.iterate() as Iterable<TermRow>) {
      const state = toState(row);
      byText.set(state.term, state);
      byId.set(state.id, state);
    }
    dictionary = { generation, byText, byId };
    return dictionary;
  }

  function sync(requested: Iterable<number>): void {
    const docIds = [...new Set([...requested, ...(st.stale.all() as number[])])];
    if (docIds.length === 0) return;
    const created = st.createMeta.run().changes > 0;
    const meta = st.meta.get() as Meta;
    const whole = dictionary?.generation === meta.generation || docIds.length >= options.wholeDictionaryFrom;
    const dict: Dictionary = whole ? dictionaryAt(meta.generation) : { generation: meta.generation, byText: new Map(), byId: new Map() };
    const lookUp = (statement: typeof st.termsById, keys: readonly unknown[]) => {
      if (whole || keys.length === 0) return;
      for (const row of statement.all(json(keys)) as TermRow[]) {
        const state = toState(row);
        dict.byText.set(state.term, state);
        dict.byId.set(state.id, state);
      }
    };
    // Dropped until this sync completes: if it throws (and its transaction rolls back), the next one reloads.
    dictionary = null;
    // Terms this sync touches; their states are the dictionary's own, so it stays current.
    const terms = new Map<number, TermState>();
    const change = (t: TermState, docId: number, freq: number) => {
      t.dirty = true;
      if (t.listed) (t.changes ??= new Map()).set(docId, freq);
    };

    // Remove what the index holds for these papers.
    const old = st.oldDocs.all(json(docIds)) as Array<{ doc_id: number; terms: Buffer; length: number }>;
    const oldTerms = old.map((row) => {
      const doc = decodeDoc(row.terms);
      return [...new Set(doc.terms.subarray(0, doc.starts[4]))];
    });
    lookUp(st.termsById, [...new Set(oldTerms.flat())].filter((id) => !dict.byId.has(id)));
    for (const id of new Set(oldTerms.flat())) {
      const state = dict.byId.get(id);
      if (state) terms.set(id, state);
    }
    old.forEach((row, i) => {
      for (const id of oldTerms[i] ?? []) {
        const t = terms.get(id) as TermState;
        t.df -= 1;
        change(t, row.doc_id, 0);
      }
      st.deleteDoc.run(row.doc_id);
      meta.docs -= 1;
      meta.tokens -= row.length;
    });

    // Add the papers that exist.
    const papers = st.papers.all(json(docIds)) as PaperRow[];
    const tokenized = papers.map((p) => tokenize([p.title, p.abstract, p.authors, p.ai_keywords]));
    const byText = dict.byText;
    if (!whole) lookUp(st.termsByText, [...new Set(tokenized.flat(2))].filter((text) => !byText.has(text)));
    const fresh = new Set<string>();
    for (const columns of tokenized) for (const column of columns) for (const term of column) if (!byText.has(term)) fresh.add(term);
    for (const [id, term] of (fresh.size > 0 ? st.insertTerms.all(json([...fresh])) : []) as Array<[number, string]>) {
      const state = toState({ id, term, df: 0, listed: 0 });
      byText.set(term, state);
      dict.byId.set(id, state);
    }
    papers.forEach((paper, i) => {
      const columns = (tokenized[i] ?? []).map((column) =>
        column.map((term) => {
          const state = byText.get(term) as TermState;
          terms.set(state.id, state);
          return state.id;
        }),
      );
      const length = columns.reduce((n, c) => n + c.length, 0);
      const datedMs = priorDate({ hfSubmittedAt: paper.hf_submitted_at, publishedAt: paper.published_at });
      st.insertDoc.run(paper.doc_id, paper.id, encodeDoc(columns), length, paper.upvotes ?? 0, datedMs, paper.submitted);
      meta.docs += 1;
      meta.tokens += length;
      for (const [id, freq] of frequencies(columns)) {
        const t = terms.get(id) as TermState;
        t.df += 1;
        change(t, paper.doc_id, freq);
      }
    });

    const dirty: Array<[number, number, number]> = [];
    for (const t of terms.values()) {
      if (t.changes) appendPostings(postings, t.id, t.changes);
      // A term that just became common gets its postings from FTS5 itself, which already holds this batch.
      if (!t.listed && t.df >= options.listMinDf) {
        buildPostings(postings, t.id, t.term);
        t.listed = true;
      }
      if (t.dirty) dirty.push([t.id, t.df, t.listed ? 1 : 0]);
      t.dirty = false;
      t.changes = null;
    }
    if (dirty.length > 0) st.saveTerms.run(json(dirty));
    meta.generation += 1;
    dict.generation = meta.generation;
    if (whole) dictionary = dict;
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
      else {
        st.createMeta.run();
        st.markComplete.run();
      }
      return missing.length;
    },
  };
}
