/**
 * The search ranking as pure functions, shared by the search service and by any index that answers top-k
 * queries itself: a tier's relevance normalised to its best match, plus a small popularity/recency prior.
 */
import { DAY_MS, SEARCH_SETTINGS } from './ranking-constants.ts';

const s = SEARCH_SETTINGS;

/** The largest prior a paper can have: saturated upvotes, submitted now. */
export const SEARCH_PRIOR_MAX = s.upvoteWeight + s.recencyWeight;

/** The recency half-life in milliseconds. */
export const RECENCY_HALF_LIFE_MS = s.recencyHalfLifeDays * DAY_MS;

/** The upvote part of the prior: log-scaled, saturating at `upvoteSaturation`. */
export function upvotePrior(upvotes: number): number {
  const capped = Math.min(Math.max(upvotes, 0), s.upvoteSaturation);
  return s.upvoteWeight * (Math.log1p(capped) / Math.log1p(s.upvoteSaturation));
}

/** The recency part of the prior at `nowMs` for a paper dated `datedMs` (NaN or null: no date, no recency). */
export function recencyPrior(datedMs: number | null, nowMs: number): number {
  if (datedMs === null || Number.isNaN(datedMs)) return 0;
  const ageDays = Math.max(0, (nowMs - datedMs) / DAY_MS);
  return s.recencyWeight * 0.5 ** (ageDays / s.recencyHalfLifeDays);
}

/** The prior: breaks near-ties in relevance by popularity and recency, never more than SEARCH_PRIOR_MAX. */
export function searchPrior(upvotes: number, datedMs: number | null, nowMs: number): number {
  return upvotePrior(upvotes) + recencyPrior(datedMs, nowMs);
}

/** The date the prior measures age from: Hugging Face submission, else arXiv publication. */
export function priorDate(paper: { hfSubmittedAt: string | null; publishedAt: string | null }): number | null {
  const ms = Date.parse(paper.hfSubmittedAt ?? paper.publishedAt ?? '');
  return Number.isNaN(ms) ? null : ms;
}

/** A hit's place within its tier: relevance as a fraction of the tier's best, plus the prior. */
export function tierScore(relevance: number, best: number, prior: number): number {
  return (best > 0 ? relevance / best : 0) + prior;
}

/** What the ranking compares: score, then upvotes, then id, so equal scores still order the same every time. */
export interface RankKey {
  score: number;
  upvotes: number;
  id: string;
}

/** Best first: higher score, then more upvotes, then the smaller id. */
export function compareRankKeys(a: RankKey, b: RankKey): number {
  return b.score - a.score || b.upvotes - a.upvotes || a.id.localeCompare(b.id);
}

/**
 * The recency prior factored for an index that scores many papers at one instant: for a paper's `scale` and the
 * instant's `at`, the prior is `weight · min(1, scale · at)`, which is {@link recencyPrior} up to rounding
 * (2^(d/h) · 2^(−n/h) = 0.5^((n − d)/h), capped for papers dated in the future). An index that uses it for a
 * shortlist re-scores its finalists with `prior` for the exact order.
 */
export interface FactoredRecency {
  weight: number;
  /** A paper's factor, 2^(dated / half-life); 0 for a paper without a date. */
  paperScale(datedMs: number | null): number;
  /** The instant's factor, 2^(−now / half-life). */
  instantScale(nowMs: number): number;
}

/**
 * The search ranking as one value, passed to a store whose index ranks the top hits itself, so the store holds no
 * copy of it: the prior and its parts, the date it is measured from, a tier's score and the final order.
 */
export interface SearchRanking {
  prior(upvotes: number, datedMs: number | null, nowMs: number): number;
  upvotePrior(upvotes: number): number;
  recency: FactoredRecency;
  priorDate(paper: { hfSubmittedAt: string | null; publishedAt: string | null }): number | null;
  tierScore(relevance: number, best: number, prior: number): number;
  compare(a: RankKey, b: RankKey): number;
}

/** The ranking `/papers search` uses. */
export const SEARCH_RANKING: SearchRanking = Object.freeze({
  prior: searchPrior,
  upvotePrior,
  recency: Object.freeze({
    weight: s.recencyWeight,
    paperScale: (datedMs: number | null) => (datedMs === null || Number.isNaN(datedMs) ? 0 : 2 ** (datedMs / RECENCY_HALF_LIFE_MS)),
    instantScale: (nowMs: number) => 2 ** (-nowMs / RECENCY_HALF_LIFE_MS),
  }),
  priorDate,
  tierScore,
  compare: compareRankKeys,
});
