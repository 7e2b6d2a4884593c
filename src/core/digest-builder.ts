/**
 * Builds one channel's digest from a scored candidate pool (DESIGN §3–4), purely: eligible papers (window,
 * min upvotes, a topic match — or everything when the channel has no topics) → combined score → not yet shown
 * → diversity pass → top N, each with its reason.
 */
import type { Candidate } from './candidate.ts';
import { toCard } from './card.ts';
import type { ChannelSettings } from './channel.ts';
import type { Digest } from './digest-model.ts';
import { digestHeader, digestMarker, emptyDigestText, reasonLine, sinceText } from './digest-text.ts';
import type { DigestWindow } from './digest-window.ts';
import { diversify } from './diversity.ts';
import { RELEVANCE_BLEND, VELOCITY_REASON_MIN_UPVOTES } from './ranking-constants.ts';
import { compareRanked, scoreCandidate, type TrendingScore } from './trending.ts';

/** A pool candidate with its trending score at the run's instant. */
export interface ScoredCandidate {
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

/** A paper ranked for one channel. */
export interface RankedPaper {
  candidate: Candidate;
  trending: TrendingScore;
  /** Trending × relevance blend; what the channel's order follows. */
  score: number;
  /** Label of the topic it matched best; null for a channel without topics. */
  topic: string | null;
}

/** Scores a pool at `now`, best trending first: the order {@link rankForChannel} expects. */
export function scorePool(candidates: readonly Candidate[], now: Date): ScoredCandidate[] {
  const scored = candidates.map((candidate) => ({ candidate, trending: scoreCandidate(candidate, now) }));
  return scored.sort((a, b) => compareRanked(rankable({ ...a, score: a.trending.score }), rankable({ ...b, score: b.trending.score })));
}

/** Relevance divided by the topic's best relevance in the pool: 0–1, comparable across topics. */
function normalizer(topic: ChannelTopicMatches): number {
  let best = 0;
  for (const relevance of topic.matches.values()) if (relevance > best) best = relevance;
  return best > 0 ? best : 1;
}

/**
 * The channel's eligible papers, best first: submitted since the window start, at or above min upvotes, matching
 * a topic (any paper when `topics` is null). Shown papers are not removed here; {@link selectPapers} does it.
 * `scored` must be best trending first; `limit` keeps only the head (a channel without topics stops walking there).
 */
export function rankForChannel(args: {
  channel: Pick<ChannelSettings, 'minUpvotes'>;
  window: Pick<DigestWindow, 'since'>;
  scored: readonly ScoredCandidate[];
  topics: readonly ChannelTopicMatches[] | null;
  limit?: number;
}): RankedPaper[] {
  const limit = args.limit ?? Number.POSITIVE_INFINITY;
  const since = args.window.since.toISOString();
  const eligible = (c: Candidate) => c.submittedAt >= since && c.paper.signals.upvotes >= args.channel.minUpvotes;
  const ranked: RankedPaper[] = [];
  if (args.topics === null) {
    for (const s of args.scored) {
      if (ranked.length >= limit) break;
      if (eligible(s.candidate)) ranked.push({ ...s, score: s.trending.score, topic: null });
    }
    return ranked;
  } else {
    const best = new Map<string, { relevance: number; label: string }>();
    for (const topic of args.topics) {
      const scale = normalizer(topic);
      for (const [id, relevance] of topic.matches) {
        const r = relevance / scale;
        const current = best.get(id);
        if (!current || r > current.relevance) best.set(id, { relevance: r, label: topic.label });
      }
    }
    for (const s of args.scored) {
      const match = best.get(s.candidate.paper.id);
      if (!match || !eligible(s.candidate)) continue;
      ranked.push({ ...s, score: s.trending.score * (1 + RELEVANCE_BLEND * match.relevance), topic: match.label });
    }
  }
  ranked.sort((a, b) => compareRanked(rankable(a), rankable(b)));
  return ranked.length > limit ? ranked.slice(0, limit) : ranked;
}

function rankable(p: Pick<RankedPaper, 'candidate' | 'score'>) {
  return { score: p.score, upvotes: p.candidate.paper.signals.upvotes, submittedAt: p.candidate.submittedAt, id: p.candidate.paper.id };
}

/** The top `size` of `ranked` not already shown to the channel, after the diversity pass. */
export function selectPapers(ranked: readonly RankedPaper[], shown: ReadonlySet<string>, size: number): RankedPaper[] {
  const fresh = ranked.filter((p) => !shown.has(p.candidate.paper.id));
  const items = fresh.map((p) => ({ p, title: p.candidate.paper.title, githubRepo: p.candidate.paper.githubRepo }));
  return diversify(items, size).map((item) => item.p);
}

/** Everything a digest's text needs besides the papers. */
export interface ComposeArgs {
  channel: ChannelSettings;
  slotKey: string;
  /** The slot's instant: the header's date. */
  at: Date;
  window: Pick<DigestWindow, 'previous'>;
  hasTopics: boolean;
  footer: readonly string[];
}

/** The neutral digest of the selected papers: header in the channel's zone, cards with reasons, empty line, marker. */
export function composeDigest(selected: readonly RankedPaper[], args: ComposeArgs): Digest {
  const cards = selected.map((p) =>
    toCard(p.candidate.paper, reasonLine({ topic: p.topic, velocity: p.trending.velocity }, VELOCITY_REASON_MIN_UPVOTES)),
  );
  return {
    channel: { platform: args.channel.platform, channelId: args.channel.channelId },
    slotKey: args.slotKey,
    header: digestHeader(args.at, args.channel.timezone),
    cards,
    emptyText: cards.length > 0 ? null : emptyDigestText(args.hasTopics, sinceText(args.window.previous, args.at, args.channel.timezone)),
    footer: [...args.footer],
    marker: digestMarker(args.channel, args.slotKey),
  };
}

/** Everything {@link buildDigest} needs, all already loaded. */
export interface DigestBuildInput extends Omit<ComposeArgs, 'hasTopics' | 'window'> {
  window: DigestWindow;
  /** The pool, unscored: scored here at `at`. */
  candidates: readonly Candidate[];
  /** The channel's topics with their matches; empty = overall trending. */
  topics: readonly ChannelTopicMatches[];
  shown: ReadonlySet<string>;
}

/** Rank, select and compose in one go, for callers that have the channel's whole shown set. */
export function buildDigest(input: DigestBuildInput): Digest {
  const scored = scorePool(input.candidates, input.at);
  const ranked = rankForChannel({ ...input, scored, topics: input.topics.length > 0 ? input.topics : null });
  return composeDigest(selectPapers(ranked, input.shown, input.channel.size), { ...input, hasTopics: input.topics.length > 0 });
}
