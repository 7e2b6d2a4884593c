/**
 * Topic matching against one candidate pool. The pool's papers are copied into a small temporary FTS5 table, so
 * each topic scores only the pool's papers instead of every match in the whole corpus (a common word matches most
 * of 100k papers, tens of milliseconds per query at that size). Its rowids follow submission
 * order, so a channel's window is a rowid range FTS5 seeks to. BM25's statistics are the pool's, which suits
 * "how relevant is this among this week's papers".
 */
import type { Candidate } from '../../../core/candidate.ts';
import { describeError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { TopicMatches, TopicQuery } from '../../../core/ports.ts';
import { BM25_WEIGHTS } from '../../../core/ranking-constants.ts';
import type { Db } from '../db.ts';
import { organizationMatches } from '../../search/org-filter.ts';
import { fts5Expression } from './fts5-expression.ts';

/** The tokenizer of `papers_fts` (migrations/0001_fts.sql): topics must tokenize as they do in search. */
const TOKENIZE = 'porter unicode61 remove_diacritics 2';

/** Relevance of a match without a text condition (`cat:cs.LG`): every such match is equally relevant. */
const FILTER_ONLY_RELEVANCE = 1;

/** Keeps relevance strictly positive: FTS5 floors IDF at 1e-6, so a term in every paper scores ~0. */
const MIN_RELEVANCE = 1e-9;

let poolSequence = 0;

/** The pool's topic index. */
export interface PoolIndex {
  match(topics: readonly TopicQuery[], since?: Date): TopicMatches;
  close(): void;
}

/** A predicate for the topic's `cat:` / `org:` filters, or null when it has none (the common case, kept cheap). */
function filtersOf(topic: TopicQuery): ((candidate: Candidate) => boolean) | null {
  const wanted = new Set((topic.categories ?? []).map((c) => c.toLowerCase()));
  const orgs = (topic.orgs ?? []).map((o) => o.toLowerCase());
  if (wanted.size === 0 && orgs.length === 0) return null;
  return ({ paper }) => {
    if (wanted.size > 0 && !paper.categories.some((c) => wanted.has(c.toLowerCase()))) return false;
    const name = (paper.organization ?? '').toLowerCase();
    const handle = (paper.organizationHandle ?? '').toLowerCase();
    return orgs.every((o) => organizationMatches(o, name, handle));
  };
}

/** Index of the first candidate (in submission order) submitted at or after `since`. */
function firstAtOrAfter(ordered: readonly Candidate[], since: string): number {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ordered[mid] as Candidate).submittedAt < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where topics are matched: a temporary index of the pool's papers, or the store's own `papers_fts`. */
export type TopicIndexMode = 'pool' | 'corpus';

/**
 * Builds the pool's index lazily, on the first topic: runs whose channels have no topics never pay for it. In
 * `corpus` mode nothing is built; topics run on `papers_fts` and the hits are kept when they are in the pool.
 */
export function createPoolIndex(
  db: Db,
  candidates: readonly Candidate[],
  docIds: readonly number[],
  log: Logger,
  mode: TopicIndexMode = 'pool',
): PoolIndex {
  const table = `pb_pool_${++poolSequence}`;
  // Temp rowid = 1 + position in submission order.
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => ((candidates[a] as Candidate).submittedAt < (candidates[b] as Candidate).submittedAt ? -1 : 1));
  const ordered = order.map((i) => candidates[i] as Candidate);
  const cache: TopicMatches = new Map();
  let statements: ReturnType<typeof build> | null = null;
  let closed = false;

  // Rows are indexed lazily and only from the earliest window asked for: most channels look back a day or two, so
  // a pool loaded for a week indexes only what some channel needs. `indexedFrom` is the lowest rowid indexed.
  let indexedFrom = ordered.length + 1;

  function build() {
    const { title, abstract, authors, aiKeywords } = BM25_WEIGHTS;
    db.sqlite.exec(`CREATE VIRTUAL TABLE temp.${table} USING fts5(title, abstract, authors, ai_keywords, tokenize='${TOKENIZE}')`);
    const insert = db.sqlite.prepare(
      `INSERT INTO temp.${table}(rowid, title, abstract, authors, ai_keywords)
       SELECT ? + j.key, p.title, p.abstract, p.authors, p.ai_keywords FROM json_each(?) j JOIN main.papers p ON p.doc_id = j.value`,
    );
    // Rows as arrays, and exclusions without bm25(): thousands of topics run per digest run.
    const where = `WHERE ${table} MATCH ? AND rowid >= ?`;
    const scored = db.sqlite
      .prepare(`SELECT rowid, -bm25(${table}, ${title}, ${abstract}, ${authors}, ${aiKeywords}) FROM temp.${table} ${where}`)
      .raw();
    const rowids = db.sqlite.prepare(`SELECT rowid FROM temp.${table} ${where}`).pluck();
    return {
      extend: (from: number) => {
        if (from >= indexedFrom) return;
        insert.run(from, JSON.stringify(order.slice(from - 1, indexedFrom - 1).map((i) => docIds[i])));
        indexedFrom = from;
      },
      scored: (q: string, from: number) => scored.all(q, from) as Array<[number, number]>,
      rowids: (q: string, from: number) => rowids.all(q, from) as number[],
    };
  }

  /** The store's index, hits translated to pool positions: cheaper than indexing a big pool for one topic. */
  function corpus(): ReturnType<typeof build> {
    const { title, abstract, authors, aiKeywords } = BM25_WEIGHTS;
    const positionOf = new Map(order.map((i, k) => [docIds[i] as number, k + 1]));
    const scored = db.sqlite
      .prepare(
        `SELECT rowid, -bm25(papers_fts, ${title}, ${abstract}, ${authors}, ${aiKeywords}) FROM main.papers_fts WHERE papers_fts MATCH ?`,
      )
      .raw();
    const rowids = db.sqlite.prepare(`SELECT rowid FROM main.papers_fts WHERE papers_fts MATCH ?`).pluck();
    const inPool = (docId: number, from: number) => {
      const position = positionOf.get(docId);
      return position !== undefined && position >= from ? position : null;
    };
    return {
      extend: () => undefined,
      scored: (q: string, from: number) =>
        (scored.all(q) as Array<[number, number]>).flatMap(([docId, relevance]): Array<[number, number]> => {
          const position = inPool(docId, from);
          return position === null ? [] : [[position, relevance]];
        }),
      rowids: (q: string, from: number) => (rowids.all(q) as number[]).flatMap((docId) => inPool(docId, from) ?? []),
    };
  }

  function matchOne(topic: TopicQuery, from: number): Map<string, number> {
    statements ??= mode === 'corpus' ? corpus() : build();
    statements.extend(from);
    const excluded = topic.exclude === null ? null : new Set(statements.rowids(fts5Expression(topic.exclude), from));
    const passes = filtersOf(topic);
    const rows: Iterable<[number, number]> =
      topic.text === null
        ? ordered.slice(from - 1).map((_, i): [number, number] => [from + i, FILTER_ONLY_RELEVANCE])
        : statements.scored(fts5Expression(topic.text), from);
    const result = new Map<string, number>();
    for (const [rowid, relevance] of rows) {
      const candidate = ordered[rowid - 1];
      if (!candidate || excluded?.has(rowid) || (passes && !passes(candidate))) continue;
      result.set(candidate.paper.id, Math.max(relevance, MIN_RELEVANCE));
    }
    return result;
  }

  return {
    match(topics, since) {
      const from = 1 + (since ? firstAtOrAfter(ordered, since.toISOString()) : 0);
      const out: TopicMatches = new Map();
      for (const topic of topics) {
        const key = `${from}|${topic.key}`;
        let matches = cache.get(key);
        if (!matches) {
          try {
            matches = ordered.length === 0 || closed ? new Map<string, number>() : matchOne(topic, from);
          } catch (error) {
            // One topic FTS5 rejects must not cost every other channel its digest.
            log.warn({ topic: topic.key, error: describeError(error) }, 'topic could not be matched; skipping it');
            matches = new Map<string, number>();
          }
          cache.set(key, matches);
        }
        out.set(topic.key, matches);
      }
      return out;
    },
    close() {
      closed = true;
      if (statements && mode === 'pool') db.sqlite.exec(`DROP TABLE IF EXISTS temp.${table}`);
      statements = null;
    },
  };
}
