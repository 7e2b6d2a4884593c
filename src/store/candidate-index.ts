/**
 * Topic matching against one candidate pool. The pool's papers are copied into a small temporary FTS5 table, so
 * each topic scores only the pool's few thousand papers instead of every match in the whole corpus (a common
 * word matches most of 100k papers, tens of milliseconds per query: reference/search-performance.md). BM25's
 * statistics are then the pool's, which suits "how relevant is this among today's papers".
 */
import type { Candidate } from '../core/candidate.ts';
import { describeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { TopicMatches, TopicQuery } from '../core/ports.ts';
import { BM25_WEIGHTS } from '../core/ranking-constants.ts';
import type { Db } from './db.ts';

/** The tokenizer of `papers_fts` (migrations/0001_fts.sql): topics must tokenize as they do in search. */
const TOKENIZE = 'porter unicode61 remove_diacritics 2';

/** Relevance of a match without a text condition (`cat:cs.LG`): every such match is equally relevant. */
const FILTER_ONLY_RELEVANCE = 1;

/** Keeps relevance strictly positive: FTS5 floors IDF at 1e-6, so a term in every paper scores ~0. */
const MIN_RELEVANCE = 1e-9;

let poolSequence = 0;

export interface PoolIndex {
  match(topics: readonly TopicQuery[]): TopicMatches;
  close(): void;
}

function passesFilters(candidate: Candidate, topic: TopicQuery): boolean {
  const { categories, organization } = candidate.paper;
  if (topic.categories && topic.categories.length > 0) {
    const wanted = new Set(topic.categories.map((c) => c.toLowerCase()));
    if (!categories.some((c) => wanted.has(c.toLowerCase()))) return false;
  }
  if (topic.orgs && topic.orgs.length > 0) {
    const org = (organization ?? '').toLowerCase();
    if (!topic.orgs.every((o) => org.includes(o.toLowerCase()))) return false;
  }
  return true;
}

/** Builds the pool's index lazily, on the first topic: channels without topics never pay for it. */
export function createPoolIndex(db: Db, candidates: readonly Candidate[], docIds: readonly number[], log: Logger): PoolIndex {
  const table = `pb_pool_${++poolSequence}`;
  const byDocId = new Map<number, Candidate>();
  docIds.forEach((docId, i) => {
    const candidate = candidates[i];
    if (candidate) byDocId.set(docId, candidate);
  });
  const cache: TopicMatches = new Map();
  let statements: { match: (q: string) => Array<{ rowid: number; relevance: number }> } | null = null;
  let closed = false;

  function build() {
    const { title, abstract, authors, aiKeywords } = BM25_WEIGHTS;
    db.sqlite.exec(`CREATE VIRTUAL TABLE temp.${table} USING fts5(title, abstract, authors, ai_keywords, tokenize='${TOKENIZE}')`);
    db.sqlite
      .prepare(
        `INSERT INTO temp.${table}(rowid, title, abstract, authors, ai_keywords)
         SELECT doc_id, title, abstract, authors, ai_keywords FROM main.papers WHERE doc_id IN (SELECT value FROM json_each(?))`,
      )
      .run(JSON.stringify(docIds));
    const select = db.sqlite.prepare(
      `SELECT rowid, -bm25(${table}, ${title}, ${abstract}, ${authors}, ${aiKeywords}) AS relevance FROM temp.${table} WHERE ${table} MATCH ?`,
    );
    return { match: (q: string) => select.all(q) as Array<{ rowid: number; relevance: number }> };
  }

  function textMatches(match: string): Map<number, number> {
    statements ??= build();
    return new Map(statements.match(match).map((row) => [row.rowid, Math.max(row.relevance, MIN_RELEVANCE)]));
  }

  function matchOne(topic: TopicQuery): Map<string, number> {
    const scored = topic.match === null ? null : textMatches(topic.match);
    const excluded = topic.exclude === null ? null : textMatches(topic.exclude);
    const result = new Map<string, number>();
    const consider = (docId: number, relevance: number) => {
      const candidate = byDocId.get(docId);
      if (!candidate || excluded?.has(docId) || !passesFilters(candidate, topic)) return;
      result.set(candidate.paper.id, relevance);
    };
    if (scored) for (const [docId, relevance] of scored) consider(docId, relevance);
    else for (const docId of byDocId.keys()) consider(docId, FILTER_ONLY_RELEVANCE);
    return result;
  }

  return {
    match(topics) {
      const out: TopicMatches = new Map();
      for (const topic of topics) {
        let matches = cache.get(topic.key);
        if (!matches) {
          try {
            matches = byDocId.size === 0 || closed ? new Map<string, number>() : matchOne(topic);
          } catch (error) {
            // One topic FTS5 rejects must not cost every other channel its digest.
            log.warn({ topic: topic.key, error: describeError(error) }, 'topic could not be matched; skipping it');
            matches = new Map<string, number>();
          }
          cache.set(topic.key, matches);
        }
        out.set(topic.key, matches);
      }
      return out;
    },
    close() {
      closed = true;
      if (statements) db.sqlite.exec(`DROP TABLE IF EXISTS temp.${table}`);
      statements = null;
    },
  };
}
