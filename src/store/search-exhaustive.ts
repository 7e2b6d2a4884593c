/**
 * The search ranking computed the straightforward way: FTS5 scores every match with bm25(), filters apply in SQL,
 * and the prior is added to each. Exact and simple, but it scores every match (hundreds of milliseconds for a
 * common term at 100k papers), so it only answers what the impact index cannot.
 */
import { compareRankKeys, priorDate, searchPrior, tierScore } from '../core/search-rank.ts';
import type { TextSearchRequest } from '../core/ports.ts';
import { BM25_WEIGHTS } from '../core/ranking-constants.ts';
import type { Db } from './db.ts';

const BM25 = `bm25(papers_fts, ${BM25_WEIGHTS.title}, ${BM25_WEIGHTS.abstract}, ${BM25_WEIGHTS.authors}, ${BM25_WEIGHTS.aiKeywords})`;
/** The same expression as papers_submitted_idx, so since: filters use the index. */
const SUBMITTED = 'coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at)';
/** The paper's latest observation, as PaperStore.get reports its signals. */
const UPVOTES = '(SELECT s.upvotes FROM paper_signals s WHERE s.paper_id = p.id ORDER BY s.observed_at DESC, s.id DESC LIMIT 1)';

interface Row {
  id: string;
  relevance: number;
  hf_submitted_at: string | null;
  published_at: string | null;
  upvotes: number | null;
}

/** One ranked match: the paper id and its relevance. */
export interface RankedId {
  id: string;
  relevance: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clauses (over `papers p`) and parameters of a request's filters. */
export function filterClauses(request: TextSearchRequest): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (request.exclude) {
    where.push('p.doc_id NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)');
    params.push(request.exclude);
  }
  if (request.since) {
    where.push(`${SUBMITTED} >= ?`);
    params.push(request.since.toISOString());
  }
  const categories = request.categories ?? [];
  if (categories.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM json_each(p.categories) c WHERE lower(c.value) IN (${categories.map(() => '?').join(', ')}))`);
    params.push(...categories.map((c) => c.toLowerCase()));
  }
  for (const org of request.orgs ?? []) {
    where.push("lower(coalesce(p.organization, '')) LIKE ? ESCAPE '\\'");
    params.push(likePattern(org));
  }
  return { where, params };
}

/**
 * Every match of the request scored and ranked; the best `limit` and the best relevance. `upvotes` is the SQL for
 * a paper's latest upvotes (over `papers p`); the benchmark passes a precomputed table's lookup.
 */
export function rankExhaustively(db: Db, request: TextSearchRequest, upvotes = UPVOTES): { ranked: RankedId[]; best: number } {
  const { where, params } = filterClauses(request);
  const rows = (
    request.match
      ? db.sqlite
          .prepare(
            `SELECT p.id, -${BM25} AS relevance, p.hf_submitted_at, p.published_at, ${upvotes} AS upvotes
             FROM papers_fts JOIN papers p ON p.doc_id = papers_fts.rowid
             WHERE papers_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}`,
          )
          .all(request.match, ...params)
      : db.sqlite
          .prepare(
            `SELECT p.id, 0 AS relevance, p.hf_submitted_at, p.published_at, ${upvotes} AS upvotes FROM papers p
             ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
          )
          .all(...params)
  ) as Row[];
  const kept = request.skipIds ? rows.filter((r) => !request.skipIds?.has(r.id)) : rows;
  const best = kept.reduce((m, r) => Math.max(m, r.relevance), 0);
  const now = request.now.getTime();
  const scored = kept.map((r) => {
    const upvotes = r.upvotes ?? 0;
    return { id: r.id, relevance: r.relevance, upvotes, score: tierScore(r.relevance, best, searchPrior(upvotes, priorDate({ hfSubmittedAt: r.hf_submitted_at, publishedAt: r.published_at }), now)) };
  });
  scored.sort(compareRankKeys);
  return { ranked: scored.slice(0, request.limit).map(({ id, relevance }) => ({ id, relevance })), best };
}
