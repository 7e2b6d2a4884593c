/**
 * The trending score (docs/architecture.md §7), pure:
 *
 *   points   = BASE_POINTS + UPVOTE_WEIGHT·upvotes + COMMENT_WEIGHT·comments + STAR_LOG2_WEIGHT·log2(1 + stars)
 *              + VELOCITY_WEIGHT·max(0, upvotes − baseline upvotes)
 *   score    = points / (ageHours + AGE_OFFSET_HOURS) ^ GRAVITY
 *
 * where ageHours = hours from HF submission (else arXiv publication) to now, at least 0, and the baseline is the
 * newest observation at or before now − 24 h. Ties break on upvotes, then the newer paper, then the id.
 */
import type { Candidate, Counters } from './candidate.ts';
import {
  AGE_OFFSET_HOURS,
  BASE_POINTS,
  COMMENT_WEIGHT,
  GRAVITY,
  HOUR_MS,
  MAX_COUNT,
  STAR_LOG2_WEIGHT,
  UPVOTE_WEIGHT,
  VELOCITY_WEIGHT,
} from './ranking-constants.ts';

/** What the score is computed from. */
export interface TrendingInput {
  latest: Counters;
  baseline: Counters;
  /** ISO instant of HF submission (else publication); unparseable counts as "now". */
  submittedAt: string;
  now: Date;
}

/** A score and the parts it was made of (the reason line uses `velocity`). */
export interface TrendingScore {
  score: number;
  points: number;
  /** Upvotes gained since the baseline, never negative. */
  velocity: number;
  ageHours: number;
}

/** A count made safe for arithmetic: NaN and negatives are 0, huge values are capped, fractions kept. */
function safeCount(value: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  return Math.min(value, MAX_COUNT);
}

/** Hours between submission and now, at least 0 (clock skew, future-dated items) and finite. */
function ageHoursOf(submittedAt: string, now: Date): number {
  const age = (now.getTime() - Date.parse(submittedAt)) / HOUR_MS;
  return Number.isFinite(age) && age > 0 ? age : 0;
}

/** Computes the trending score of one paper's counters at `now`. Always finite and ≥ 0. */
export function trendingScore(input: TrendingInput): TrendingScore {
  const upvotes = safeCount(input.latest.upvotes);
  const velocity = Math.max(0, upvotes - safeCount(input.baseline.upvotes));
  const points =
    BASE_POINTS +
    UPVOTE_WEIGHT * upvotes +
    COMMENT_WEIGHT * safeCount(input.latest.comments) +
    STAR_LOG2_WEIGHT * Math.log2(1 + safeCount(input.latest.githubStars)) +
    VELOCITY_WEIGHT * velocity;
  const ageHours = ageHoursOf(input.submittedAt, input.now);
  const score = points / Math.pow(ageHours + AGE_OFFSET_HOURS, GRAVITY);
  return { score, points, velocity, ageHours };
}

/** The trending score of a candidate at `now`. */
export function scoreCandidate(candidate: Candidate, now: Date): TrendingScore {
  const { upvotes, comments, githubStars } = candidate.paper.signals;
  return trendingScore({
    latest: { upvotes, comments, githubStars },
    baseline: candidate.baseline,
    submittedAt: candidate.submittedAt,
    now,
  });
}

/** What the deterministic order looks at. */
export interface Rankable {
  score: number;
  upvotes: number;
  submittedAt: string;
  id: string;
}

/** Best first: higher score, then more upvotes, then the newer paper, then the smaller id; a total order. */
export function compareRanked(a: Rankable, b: Rankable): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
