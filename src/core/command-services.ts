/** What `/papers` handlers depend on; implemented by the composition root, faked in tests. */
import type { PaperCard } from './card.ts';
import type { ChannelRef } from './channel.ts';
import type { Clock } from './clock.ts';
import type { Digest } from './digest/model.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { ChannelStore } from './ports.ts';
import type { SearchResult, SearchService } from './search-types.ts';

/** A trending period `/papers trending` offers. */
export type TrendingPeriod = 'day' | 'week' | 'month';

/** A trending page request; `topic` is query-language text, already validated (a syntax error throws QuerySyntaxError). */
export interface TrendingRequest {
  period: TrendingPeriod;
  topic?: string;
  limit: number;
  offset: number;
}

/** One paper in full, for `/papers paper`. */
export interface PaperDetail {
  card: PaperCard;
  abstract: string;
  /** ISO instant of the first arXiv version, when known. */
  publishedAt: string | null;
  categories: string[];
  /** e.g. "Not in the local store yet; fetched from arXiv just now". */
  sourceNote?: string;
}

/** One source's health, for `/papers status`; instants are ISO strings. */
export interface SourceHealth {
  name: string;
  lastOk: string | null;
  lastError: { at: string; message: string } | null;
}

/** Everything `/papers status` shows about a channel and the sources. */
export interface StatusReport {
  sources: SourceHealth[];
  /** The channel's timezone (or the default one), for formatting the instants above. */
  timezone: string;
  /** Next scheduled digest as local time text ("Tue 4 Mar 09:00 Europe/Berlin"); null when none is due. */
  nextDigest: string | null;
  lastDelivery: { slotKey: string; postedAt: string } | null;
  paused: boolean;
  pauseReason: string | null;
  topics: number;
  /** "Digest at 09:00 Europe/Berlin on Mon–Fri, 5 papers"; null when the channel is not set up. */
  schedule: string | null;
  /** The scheduler's health when it runs in this process: its newest completed tick (ISO) and whether that is recent. */
  scheduler?: { lastTickAt: string | null; healthy: boolean } | null;
}

/** What `/papers digest now` did. `reason` (lower case, no final period) says why nothing was posted ("already posted today"). */
export interface PostNowResult {
  posted: boolean;
  digest: Digest;
  messageId: string | null;
  reason?: string;
}

/** The services a command handler may use; nothing platform-specific. */
export interface CommandServices {
  clock: Clock;
  log: Logger;
  defaults: { timezone: string };
  search: SearchService;
  trending(request: TrendingRequest): Promise<SearchResult>;
  /** `id` is canonical; null when no store or source knows the paper. */
  paper(id: string): Promise<PaperDetail | null>;
  channels: ChannelStore;
  digests: {
    /** The digest the channel would get now; marks nothing delivered. */
    preview(channel: ChannelRef): Promise<Digest>;
    /** Posts a digest to the channel as a regular message through the exactly-once path. */
    postNow(channel: ChannelRef, by: string): Promise<PostNowResult>;
  };
  status(channel: ChannelRef): Promise<StatusReport>;
  /** Counts every invocation (subcommand, outcome, latency); the dispatcher records, so every platform is counted. */
  metrics?: Pick<Metrics, 'recordCommand'>;
}
