/**
 * Search ranked by PostgreSQL's own `ts_rank` over the weighted full-text vectors, with the core's prior added to
 * every match, as SQLite's FTS5 fallback adds it to bm25() (sqlite/search/exhaustive.ts). It answers while the
 * search index is incomplete or switched off, and is the benchmark's baseline: ts_rank knows no inverse document
 * frequency, so a rare word counts no more than a common one and rankings differ from bm25's.
 */
import type pg from 'pg';
import type { TextSearchRequest } from '../../../core/ports.ts';
import type { SearchRanking } from '../../../core/search-rank.ts';
import { matchTree } from '../../search/match-tree.ts';
import { TS_RANK_WEIGHTS, tsqueryOf } from './tsquery.ts';

/** One ranked match: the paper id and its relevance. */
export interface RankedId {
  id: string;
  relevance: number;
}

/** The request's text as a tsquery (phrases keep word order), or null when it can match nothing. */
function tsquery(text: NonNullable<TextSearchRequest['text']>, tokenize: (texts: readonly string[]) => string[][]): string | null {
  const tree = matchTree(text);
  const terms = tree.phrases.map((p) => tokenize([p.text])[0] ?? []);
  return tsqueryOf(tree.root, terms, 'phrase');
}

/** A request as SQL over `papers p`: the FROM, the WHERE clauses, ts_rank's expression and the parameters; null when it can match nothing. */
export function tsRankSql(
  request: TextSearchRequest,
  tokenize: (texts: readonly string[]) => string[][],
): { from: string; where: string[]; relevance: string; params: unknown[] } | null {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  let relevance = '0::float8';
  let from = 'papers p';
  if (request.text) {
    const query = tsquery(request.text, tokenize);
    if (query === null) return null;
    const q = param(query);
    from = 'search_text t JOIN papers p ON p.doc_id = t.doc_id';
    where.push(`t.tsv @@ ${q}::tsquery`);
    relevance = `ts_rank('${TS_RANK_WEIGHTS}', t.tsv, ${q}::tsquery)::float8`;
  }
  if (request.exclude) {
    const query = tsquery(request.exclude, tokenize);
    if (query !== null) {
      where.push(`NOT EXISTS (SELECT 1 FROM search_text x WHERE x.doc_id = p.doc_id AND x.tsv @@ ${param(query)}::tsquery)`);
    }
  }
  if (request.since) where.push(`coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at) >= ${param(request.since.toISOString())}`);
  const categories = request.categories ?? [];
  if (categories.length > 0) {
    where.push(
      `EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.categories) c WHERE lower(c) = ANY(${param(categories.map((c) => c.toLowerCase()))}::text[]))`,
    );
  }
  // org: is the handle, or words in the name (search/org-filter.ts).
  for (const org of request.orgs ?? []) {
    const value = param(org.toLowerCase());
    where.push(`(strpos(lower(coalesce(p.organization, '')), ${value}) > 0 OR lower(p.organization_handle) = ${value})`);
  }
  if (request.skipIds && request.skipIds.size > 0) where.push(`NOT (p.id = ANY(${param([...request.skipIds])}::text[]))`);
  return { from, where, relevance, params };
}

/** Every match scored with ts_rank plus the prior; the best `limit` and the best relevance. */
export async function rankByTsRank(
  client: pg.ClientBase,
  ranking: SearchRanking,
  request: TextSearchRequest,
  tokenize: (texts: readonly string[]) => string[][],
): Promise<{ ranked: RankedId[]; best: number }> {
  const sql = tsRankSql(request, tokenize);
  if (!sql) return { ranked: [], best: 0 };
  const { from, where, relevance, params } = sql;
  const { rows } = await client.query<{
    id: string;
    relevance: number;
    hf: string | null;
    published: string | null;
    upvotes: number | null;
  }>(
    `SELECT p.id, ${relevance} AS relevance, p.hf_submitted_at AS hf, p.published_at AS published,
       (SELECT s.upvotes FROM paper_signals s WHERE s.paper_id = p.id ORDER BY s.observed_at DESC, s.id DESC LIMIT 1) AS upvotes
     FROM ${from} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  const best = rows.reduce((max, row) => Math.max(max, row.relevance), 0);
  const now = request.now.getTime();
  const ranked = rows.map((row) => {
    const upvotes = row.upvotes ?? 0;
    const prior = ranking.prior(upvotes, ranking.priorDate({ hfSubmittedAt: row.hf, publishedAt: row.published }), now);
    return { id: row.id, relevance: row.relevance, upvotes, score: ranking.tierScore(row.relevance, best, prior) };
  });
  ranked.sort(ranking.compare);
  return { ranked: ranked.slice(0, request.limit).map(({ id, relevance: r }) => ({ id, relevance: r })), best };
}
