/**
 * Builds one channel's digest from a scored candidate pool (docs/architecture.md §7), purely: eligible papers (window,
 * min upvotes, a topic match — or everything when the channel has no topics) → combined score → not yet shown
 * → diversity pass → top N, each with its reason.
 */
import type { Candidate } from '../candidate.ts';
import { toCard, type PaperCard } from '../card.ts';
import type { ChannelSettings } from '../channel.ts';
import type { Digest } from './model.ts';
import type { StoredPaper } from '../paper.ts';
import { digestHeader, digestMarker, emptyDigestText, reasonLine, sinceText } from './text.ts';
import type { DigestWindow } from './window.ts';
import { diversify } from '../diversity.ts';
import { rankForChannel, scorePool, type ChannelTopicMatches, type RankedPaper } from '../channel-ranking.ts';
import { VELOCITY_REASON_MIN_UPVOTES } from '../ranking-constants.ts';

export type { ChannelTopicMatches, RankedPaper, ScoredCandidate } from '../channel-ranking.ts';

function withReason(card: PaperCard, reason: string): PaperCard {
  return { ...card, reason };
}

/** The top `size` of `ranked` not already shown to the channel, after the diversity pass. */
export function selectPapers(ranked: readonly RankedPaper[], shown: ReadonlySet<string>, size: number): RankedPaper[] {
  const fresh = ranked.filter((p) => !shown.has(p.id));
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
  /** The card of a paper without its reason; a run passes a memo so 10,000 digests summarize each paper once. */
  cardOf?: (paper: StoredPaper) => PaperCard;
}

/** The neutral digest of the selected papers: header in the channel's zone, cards with reasons, empty line, marker. */
export function composeDigest(selected: readonly RankedPaper[], args: ComposeArgs): Digest {
  const cards = selected.map((p) =>
    withReason(
      (args.cardOf ?? toCard)(p.candidate.paper),
      reasonLine({ topic: p.topic, velocity: p.trending.velocity }, VELOCITY_REASON_MIN_UPVOTES),
    ),
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
