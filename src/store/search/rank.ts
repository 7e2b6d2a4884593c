/**
 * What both stores' search indexes share around the evaluator (index-eval.ts): the request they rank, its filters as
 * per-paper tests over the doc table, and the last step, the finalists in the exact order of the core's ranking.
 */
import type { PaperStore, TextSearchRequest, TextSearchResult } from '../../core/ports.ts';
import type { TextQuery } from '../../core/query/index.ts';
import type { SearchRanking } from '../../core/search-rank.ts';
import type { DocTable } from './doc-table.ts';
import type { EvalFilters, EvalResult } from './index-eval.ts';
import { organizationMatches } from './org-filter.ts';

/** One ranked request: the text condition, filters, and how many of the best to return. */
export interface IndexRankRequest {
  text: TextQuery;
  exclude: TextQuery | null;
  categories: readonly string[];
  orgs: readonly string[];
  since: Date | null;
  skipIds: ReadonlySet<string> | null;
  k: number;
  now: Date;
}

/** The best `k` (paper id, relevance), best first, and the best relevance among every match. */
export interface IndexRankResult {
  hits: Array<{ paperId: string; relevance: number }>;
  best: number;
}

const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The filters as per-paper tests over the dictionaries of the doc table. */
export function evalFilters(request: IndexRankRequest, table: DocTable, skip: ReadonlySet<number> | null): EvalFilters {
  const categories = request.categories.map((c) => c.toLowerCase());
  const orgs = request.orgs.map((o) => asciiLower(o.toLowerCase()));
  return {
    sinceMs: request.since ? request.since.getTime() : null,
    categoryOk:
      categories.length === 0 ? null : Uint8Array.from(table.categoryLists, (list) => (list.some((c) => categories.includes(c)) ? 1 : 0)),
    organizationOk:
      orgs.length === 0
        ? null
        : Uint8Array.from(table.organizations, (name, id) => {
            const handle = table.organizationHandles[id] ?? '';
            return orgs.every((o) => organizationMatches(o, name, handle)) ? 1 : 0;
          }),
    skip,
  };
}

/** The finalists (doc ids with their paper ids in `ids`) ranked exactly as the search service ranks; the best `k`. */
export function orderFinalists(input: {
  finalists: EvalResult['finalists'];
  best: number;
  ids: ReadonlyMap<number, string>;
  table: DocTable;
  ranking: SearchRanking;
  request: IndexRankRequest;
}): IndexRankResult {
  const { finalists, best, ids, table, ranking, request } = input;
  const nowMs = request.now.getTime();
  const ranked = finalists.map(({ doc, relevance }) => {
    const dated = table.datedMs[doc] as number;
    const upvotes = table.upvotes[doc] as number;
    const prior = ranking.prior(upvotes, Number.isNaN(dated) ? null : dated, nowMs);
    return {
      paperId: ids.get(doc) ?? '',
      relevance,
      key: { score: ranking.tierScore(relevance, best, prior), upvotes, id: ids.get(doc) ?? '' },
    };
  });
  ranked.sort((a, b) => ranking.compare(a.key, b.key));
  return { hits: ranked.slice(0, request.k).map(({ paperId, relevance }) => ({ paperId, relevance })), best };
}

/** A store request with a text condition as the search index ranks it. */
export function indexRequest(request: TextSearchRequest & { text: TextQuery }): IndexRankRequest {
  return {
    text: request.text,
    exclude: request.exclude,
    categories: request.categories ?? [],
    orgs: request.orgs ?? [],
    since: request.since ?? null,
    skipIds: request.skipIds ?? null,
    k: request.limit,
    now: request.now,
  };
}

/** Ranked paper ids as the PaperIndex's answer: the stored papers, in rank order, each with its relevance. */
export async function hitsOf(
  papers: Pick<PaperStore, 'getMany'>,
  ranked: { ranked: ReadonlyArray<{ id: string; relevance: number }>; best: number },
): Promise<TextSearchResult> {
  const relevance = new Map(ranked.ranked.map((r) => [r.id, r.relevance]));
  const found = await papers.getMany(ranked.ranked.map((r) => r.id));
  return { hits: found.map((paper) => ({ paper, relevance: relevance.get(paper.id) as number })), best: ranked.best };
}
