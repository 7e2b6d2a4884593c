/**
 * Ranks a scored pool for one channel: window, min upvotes, best topic match, combined score. Ten thousand
 * channels rank the same pool in one run, so this only walks as far down the pool as the channel's top needs.
 */
import type { Candidate } from './candidate.ts';
import type { ChannelSettings } from './channel.ts';
import type { DigestWindow } from './digest/window.ts';
import { RELEVANCE_BLEND } from './ranking-constants.ts';
import { compareRanked, scoreCandidate, type Rankable, type TrendingScore } from './trending.ts';

/** A pool candidate with its trending score at the run's instant (`score` is that trending score). */
export interface ScoredCandidate extends Rankable {
  candidate: Candidate;
  trending: TrendingScore;
}

/** One of the channel's topics with what it matched in the pool. */
export interface ChannelTopicMatches {
  key: string;
  /** describeQuery of the topic, for "matches *label*". */
  label: string;
  /** Paper id → BM25 relevance (higher is better); empty for a topic that could not be matched. */
  matches: ReadonlyMap<string, number>;
}

/** A paper ranked for one channel; `score` is trending × relevance blend, what the channel's order follows. */
export interface RankedPaper extends Rankable {
  candidate: Candidate;
  trending: TrendingScore;
  /** Label of the topic it matched best; null for a channel without topics. */
  topic: string | null;
}

/** Scores a pool at `now`, best trending first: the order {@link rankForChannel} expects. */
export function scorePool(candidates: readonly Candidate[], now: Date): ScoredCandidate[] {
  const scored = candidates.map((candidate): ScoredCandidate => {
    const trending = scoreCandidate(candidate, now);
    const { id, signals } = candidate.paper;
    return { candidate, trending, score: trending.score, upvotes: signals.upvotes, submittedAt: candidate.submittedAt, id };
  });
  return scored.sort(compareRanked);
}

// Per-run memos keyed by the objects themselves: every channel sharing the pool or a topic's matches reuses them.
const positions = new WeakMap<readonly ScoredCandidate[], Map<string, number>>();
const scales = new WeakMap<ReadonlyMap<string, number>, number>();
const orders = new WeakMap<ReadonlyMap<string, number>, Int32Array>();

/** Each paper's position in the pool's trending order. */
function positionsOf(scored: readonly ScoredCandidate[]): Map<string, number> {
  let map = positions.get(scored);
  if (!map) {
    map = new Map(scored.map((s, i) => [s.id, i]));
    positions.set(scored, map);
  }
  return map;
}

/** The topic's best relevance in the pool: relevance / scale is 0–1 and comparable across topics. */
function scaleOf(matches: ReadonlyMap<string, number>): number {
  let scale = scales.get(matches);
  if (scale === undefined) {
    scale = 0;
    for (const relevance of matches.values()) if (relevance > scale) scale = relevance;
    if (scale <= 0) scale = 1;
    scales.set(matches, scale);
  }
  return scale;
}

/** The topic's matches as pool positions, best trending first; computed once per topic, not per channel. */
function orderOf(matches: ReadonlyMap<string, number>, scored: readonly ScoredCandidate[]): Int32Array {
  let order = orders.get(matches);
  if (!order) {
    const at = positionsOf(scored);
    const list: number[] = [];
    for (const id of matches.keys()) {
      const position = at.get(id);
      if (position !== undefined) list.push(position);
    }
    order = Int32Array.from(list).sort();
    orders.set(matches, order);
  }
  return order;
}

/** The index of the topic a paper matches best (normalized relevance in `out[0]`), or -1 when none matched it. */
function bestMatch(id: string, topics: readonly ChannelTopicMatches[], scaleList: readonly number[], out: [number]): number {
  let best = -1;
  for (let i = 0; i < topics.length; i += 1) {
    const relevance = (topics[i] as ChannelTopicMatches).matches.get(id);
    if (relevance === undefined) continue;
    const r = relevance / (scaleList[i] as number);
    if (best < 0 || r > out[0]) {
      best = i;
      out[0] = r;
    }
  }
  return best;
}

function ranked(s: ScoredCandidate, score: number, topic: string | null): RankedPaper {
  return { candidate: s.candidate, trending: s.trending, score, upvotes: s.upvotes, submittedAt: s.submittedAt, id: s.id, topic };
}

/** Inserts into a best-first list capped at `limit`. */
function insertTop(top: RankedPaper[], paper: RankedPaper, limit: number): void {
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareRanked(top[mid] as RankedPaper, paper) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= limit) return;
  top.splice(lo, 0, paper);
  if (top.length > limit) top.pop();
}

/** Pool positions matched by any of the topics, ascending (best trending first), each once: a k-way merge. */
function* matchedPositions(topics: readonly ChannelTopicMatches[], scored: readonly ScoredCandidate[]): Generator<number> {
  const lists = topics.map((t) => orderOf(t.matches, scored));
  const heads = lists.map(() => 0);
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    lists.forEach((list, i) => {
      const value = list[heads[i] as number];
      if (value !== undefined && value < next) next = value;
    });
    if (next === Number.POSITIVE_INFINITY) return;
    lists.forEach((list, i) => {
      if (list[heads[i] as number] === next) heads[i] = (heads[i] as number) + 1;
    });
    yield next;
  }
}

/**
 * The channel's eligible papers, best first: submitted since the window start, at or above min upvotes, matching
 * a topic (any paper when `topics` is null). Shown papers are not removed here (selectPapers does it).
 * `scored` must be best trending first (scorePool); `limit` keeps only the head.
 */
export function rankForChannel(args: {
  channel: Pick<ChannelSettings, 'minUpvotes'>;
  window: Pick<DigestWindow, 'since'>;
  scored: readonly ScoredCandidate[];
  topics: readonly ChannelTopicMatches[] | null;
  limit?: number;
}): RankedPaper[] {
  const { scored, topics } = args;
  const limit = args.limit ?? Number.POSITIVE_INFINITY;
  const since = args.window.since.toISOString();
  const minUpvotes = args.channel.minUpvotes;
  const eligible = (s: ScoredCandidate) => s.submittedAt >= since && s.upvotes >= minUpvotes;
  const out: RankedPaper[] = [];
  if (topics === null) {
    for (const s of scored) {
      if (out.length >= limit) break;
      if (eligible(s)) out.push(ranked(s, s.score, null));
    }
    return out;
  }
  // Walk the matched papers best trending first and stop once no later one can enter the top `limit`: relevance
  // lifts a trending score by at most (1 + RELEVANCE_BLEND), and later papers trend no higher.
  const maxLift = 1 + RELEVANCE_BLEND;
  const capped = Number.isFinite(limit);
  const scaleList = topics.map((t) => scaleOf(t.matches));
  const r: [number] = [0];
  for (const position of matchedPositions(topics, scored)) {
    const s = scored[position] as ScoredCandidate;
    const last = capped && out.length >= limit ? out[out.length - 1] : undefined;
    if (last && s.score * maxLift < last.score) break;
    if (!eligible(s)) continue;
    const best = bestMatch(s.id, topics, scaleList, r);
    if (best < 0) continue;
    const paper = ranked(s, s.score * (1 + RELEVANCE_BLEND * r[0]), (topics[best] as ChannelTopicMatches).label);
    if (capped) insertTop(out, paper, limit);
    else out.push(paper);
  }
  return capped ? out : out.sort(compareRanked);
}
