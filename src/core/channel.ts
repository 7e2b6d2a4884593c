/** A chat channel paperboy serves, its digest settings and its topics (docs/architecture.md §5). */

/** Which channel: platform name (`discord`, `slack`, `console`, …) and the platform's channel id. */
export interface ChannelRef {
  platform: string;
  channelId: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What an empty digest does: post a short line, or post nothing. */
export type EmptyDigest = 'say' | 'skip';

export interface ChannelSettings extends ChannelRef {
  /** Discord guild / Slack team, when known. */
  workspaceId: string | null;
  /** IANA zone, as the user typed it. */
  timezone: string;
  /** Local digest time `HH:MM`. */
  digestTime: string;
  /** Enabled weekdays, Monday first. */
  days: Weekday[];
  /** Papers per digest, 1–10. */
  size: number;
  minUpvotes: number;
  empty: EmptyDigest;
  threadMode: boolean;
  paused: boolean;
  pauseReason: string | null;
  createdBy: string;
  createdAt: string;
}

/** The settings a user may change with `/papers schedule` (and pause/resume). */
export type ChannelPatch = Partial<
  Pick<ChannelSettings, 'timezone' | 'digestTime' | 'days' | 'size' | 'minUpvotes' | 'empty' | 'threadMode'>
>;

export interface Topic {
  /** The canonical form of the topic expression; unique per channel. */
  normalized: string;
  /** What the user typed. */
  raw: string;
  createdBy: string;
  createdAt: string;
}

/** What a channel has until someone changes it (docs/architecture.md §5); every store's column defaults agree. */
export const CHANNEL_DEFAULTS = Object.freeze({
  digestTime: '09:00',
  days: Object.freeze<Weekday[]>(['mon', 'tue', 'wed', 'thu', 'fri']),
  size: 5,
  minUpvotes: 0,
  empty: 'say' as EmptyDigest,
  threadMode: false,
});

/** At most this many topics per channel (docs/architecture.md §5). */
export const MAX_TOPICS_PER_CHANNEL = 25;

/** `platform:channel-id`, for logs and markers. */
export function channelKey(ref: ChannelRef): string {
  return `${ref.platform}:${ref.channelId}`;
}
