/**
 * The ports the core owns. Everything that touches the outside world implements one of these;
 * all are async even where the implementation (better-sqlite3) is synchronous.
 */
import type { ChannelPatch, ChannelRef, ChannelSettings, Topic } from './channel.ts';
import type { SourceBatch, SourceName, SourcedPaper, StoredPaper } from './paper.ts';
import type { TextQuery } from './query/syntax.ts';

export type { Clock } from './clock.ts';
export type { Logger } from './logger.ts';

/** A listing a source can be asked for. Each source supports some kinds (`supports`). */
export type ListingRequest =
  /** Hugging Face Daily Papers list of one UTC day. */
  | { kind: 'day'; date: string }
  /** Hugging Face Daily Papers of an ISO week, `YYYY-Www`. */
  | { kind: 'week'; week: string }
  /** Hugging Face Daily Papers of a month, `YYYY-MM`. */
  | { kind: 'month'; month: string }
  /** Hugging Face's global trending list. */
  | { kind: 'trending' }
  /** arXiv's latest announcement for one category, e.g. `cs.LG`. */
  | { kind: 'category'; category: string };

export interface FetchOptions {
  signal?: AbortSignal;
  /**
   * Per-attempt timeout, counted from when the attempt starts (after any wait for arXiv's gate). Left out: the
   * HTTP layer's default, for background refreshes (docs/architecture.md §13).
   */
  timeoutMs?: number;
  /** Retries after a failed attempt (0 = one try); left out: the HTTP layer's default (docs/architecture.md §13). */
  retries?: number;
  /** Called after each page or chunk with the number of items read so far. */
  onProgress?: (itemsSoFar: number) => void;
}

/** Somewhere papers come from: Hugging Face, arXiv, a local file. */
export interface PaperSource {
  readonly name: SourceName;
  supports(request: ListingRequest): boolean;
  list(request: ListingRequest, options?: FetchOptions): Promise<SourceBatch>;
  /** Papers by canonical id; ids the source does not know are left out. */
  lookup(ids: string[], options?: FetchOptions): Promise<SourceBatch>;
}

/** A source's free-text search (Hugging Face `/api/papers/search`, arXiv `search_query`). */
export interface PaperSearchSource {
  readonly name: SourceName;
  search(query: string, options: { limit: number; deadlineMs?: number; retries?: number; signal?: AbortSignal }): Promise<SourceBatch>;
}

/** What one upsert changed. */
export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Signal observations written (one per item that carried signals). */
  signals: number;
}

/** Where papers live. */
export interface PaperStore {
  /** Merges items into the store in one transaction and records their signals at `observedAt`. */
  upsertMany(items: SourcedPaper[], observedAt: Date): Promise<UpsertSummary>;
  get(id: string): Promise<StoredPaper | null>;
  /** The stored papers among `ids`, in their order (unknown ids left out). */
  getMany(ids: readonly string[]): Promise<StoredPaper[]>;
  count(): Promise<number>;
}

export type SourceRunStatus = 'running' | 'ok' | 'failed';

/** A finished or running refresh of one source. */
export interface SourceRun {
  id: number;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: SourceRunStatus;
  items: number;
  error: string | null;
}

/** The log of source refreshes: feeds `/papers status`, health and metrics. */
export interface SourceRunStore {
  start(source: string, at: Date): Promise<number>;
  finish(runId: number, result: { at: Date; status: 'ok' | 'failed'; items: number; error?: string }): Promise<void>;
  /**
   * The newest run of each source, its newest successful run, and its newest finished run (which differs
   * from `last` while a refresh is running: a failure stays visible until a run actually succeeds).
   */
  latest(): Promise<Array<{ source: string; last: SourceRun; lastOk: SourceRun | null; lastFinished: SourceRun | null }>>;
  /**
   * Takes (or renews) the lease `name` for `holder` until `until`, unless another holder's lease is still live at
   * `at`; true when taken. What makes a job run on one process at a time among processes sharing the database.
   */
  tryLease(name: string, holder: string, at: Date, until: Date): Promise<boolean>;
  /** Gives the lease back, if `holder` still holds it. */
  releaseLease(name: string, holder: string): Promise<void>;
}

/** Channel settings and topics. A channel row exists from its first `subscribe` or `schedule`. */
export interface ChannelStore {
  get(ref: ChannelRef): Promise<ChannelSettings | null>;
  /** Returns the channel, creating it with defaults (and `timezone`) when it does not exist yet. */
  ensure(ref: ChannelRef, init: { timezone: string; createdBy: string; workspaceId?: string | null }, at: Date): Promise<ChannelSettings>;
  update(ref: ChannelRef, patch: ChannelPatch): Promise<ChannelSettings>;
  setPaused(ref: ChannelRef, paused: boolean, reason: string | null): Promise<void>;
  /** Every channel, for the scheduler and App Home. */
  list(filter?: { platform?: string; workspaceId?: string }): Promise<ChannelSettings[]>;
  topics(ref: ChannelRef): Promise<Topic[]>;
  /** Adds a topic; `exists` when its normalized form is already there. The 25-topic limit is the caller's. */
  addTopic(ref: ChannelRef, topic: { normalized: string; raw: string }, by: string, at: Date): Promise<'added' | 'exists'>;
  /** Removes by normalized form; false when it was not there. */
  removeTopic(ref: ChannelRef, normalized: string): Promise<boolean>;
  /** Forgets a channel (deleted channel, bot removed) with its topics, slots and deliveries. */
  remove(ref: ChannelRef): Promise<void>;
  /** Forgets every channel of a workspace (bot removed from a guild, Slack app uninstalled). */
  removeWorkspace(platform: string, workspaceId: string): Promise<number>;
}

/** One full-text query against the store; built by the core from the query language, never from raw user text. */
export interface TextSearchRequest {
  /** What must match, from `compileQuery`; null = no text condition. */
  text: TextQuery | null;
  /** Papers matching this are left out; null = none. */
  exclude: TextQuery | null;
  /** Keep papers with any of these arXiv categories (case-insensitive). */
  categories?: string[];
  /** Keep papers from each of these organizations: its handle (case-insensitive), or words in its name (docs/architecture.md §6). */
  orgs?: string[];
  /** Keep papers submitted to HF (or published) at or after this instant. */
  since?: Date | null;
  /** Papers to leave out by id (the strict tier's hits, when the relaxed tier is ranked). */
  skipIds?: ReadonlySet<string>;
  /** The instant the ranking's recency prior is measured at. */
  now: Date;
  /** How many to return: the exact best `limit` of the search ranking (core/search-rank.ts) over every match. */
  limit: number;
}

export interface TextSearchHit {
  paper: StoredPaper;
  /** BM25 relevance, higher is better (FTS5's bm25() negated); 0 when there was no text condition. */
  relevance: number;
}

/** The best hits of one request, best first, with the normaliser of their relevance. */
export interface TextSearchResult {
  hits: TextSearchHit[];
  /** The highest relevance among every match (not only the hits returned); 0 without a text condition. */
  best: number;
}

/** Full-text search over stored papers (title > AI keywords > authors > abstract). */
export interface PaperIndex {
  search(request: TextSearchRequest): Promise<TextSearchResult>;
  /** An excerpt of the paper's abstract with the words `text` hits marked `**like this**`; '' when none. */
  snippet(paperId: string, text: TextQuery): Promise<string>;
}

// ── Ranking, digests and delivery ─────────────────────────────────────────────────────────────────────────

// Appended below the existing declarations on purpose (ES imports hoist); they serve only this section.
import type { Candidate } from './candidate.ts';
import type { Digest } from './digest/model.ts';

/** One topic compiled for matching: the typed query from `compileQuery` plus the query's field filters. */
export interface TopicQuery {
  /** Identifies the topic across channels (its normalized form): each distinct key is matched once per pool. */
  key: string;
  /** What must match; null = no text condition (e.g. a `cat:` only topic). */
  text: TextQuery | null;
  /** Papers matching this are left out; null = none. */
  exclude: TextQuery | null;
  /** Keep papers with any of these arXiv categories (case-insensitive). */
  categories?: string[];
  /** Keep papers from each of these organizations: its handle (case-insensitive), or words in its name (docs/architecture.md §6). */
  orgs?: string[];
}

/** Per topic key: the matching candidates' ids with their relevance (higher = better, > 0). */
export type TopicMatches = Map<string, Map<string, number>>;

/** The candidates of one window, loaded once per run and shared by every channel of that run. */
export interface CandidatePool {
  readonly since: Date;
  readonly until: Date;
  /** Papers submitted in [since, until), each with its latest and baseline signals. */
  readonly candidates: readonly Candidate[];
  /**
   * Matches topics against exactly these candidates (BM25, title > keywords > authors > abstract), or only those
   * submitted at or after `since`; each distinct (key, since) runs once per pool.
   */
  matchTopics(topics: readonly TopicQuery[], options?: { since?: Date }): Promise<TopicMatches>;
  /** Frees what the pool holds (its candidate index); the pool must not be used afterwards. */
  close(): void;
}

/** Where digest and trending candidates come from. */
export interface CandidateStore {
  /**
   * Papers submitted (HF, else published) in [since, until) with their latest signals and, for velocity, the
   * newest observation at or before `until − velocityWindowMs` (zeros for a paper first seen after it).
   */
  loadPool(window: {
    since: Date;
    until: Date;
    velocityWindowMs: number;
    /**
     * Where topics are matched: `pool` (default) indexes the pool's papers once, so thousands of topics are cheap
     * (a digest run); `corpus` uses the store's full-text index, cheaper for a topic or two (a trending request).
     */
    topicIndex?: 'pool' | 'corpus';
  }): Promise<CandidatePool>;
}

/** Where a digest slot stands. */
export type SlotStatus = 'claimed' | 'posted' | 'failed' | 'skipped';

/** The outcome of trying to claim a slot. */
export type SlotClaim =
  | {
      claimed: true;
      slotId: number;
      /** 1 on the first attempt. */
      attempt: number;
      /** When an earlier attempt claimed it (null on the first): reconcile before posting again. */
      previousClaimAt: Date | null;
      /** The papers an earlier attempt was about to post (recorded before publishing), if any. */
      plannedPaperIds: string[] | null;
    }
  | { claimed: false; status: SlotStatus; slotId: number };

/** A slot as stored, for status and the scheduler. */
export interface SlotRecord {
  slotKey: string;
  status: SlotStatus;
  dueAt: string | null;
  attempts: number;
  lastError: string | null;
  marker: string | null;
  platformMessageId: string | null;
  claimedAt: string;
  postedAt: string | null;
  /** Papers recorded as delivered by this slot. */
  papers: number;
}

/** Digest slots and deliveries: the exactly-once bookkeeping (docs/architecture.md §8). */
export interface DeliveryStore {
  /**
   * In one transaction: creates the slot as `claimed`, or re-claims it when it `failed` or its claim is older
   * than `leaseMs` (a crashed attempt). A `posted`/`skipped` slot, or one claimed by a live attempt, is not claimed.
   */
  claim(ref: ChannelRef, slotKey: string, claim: { dueAt: Date | null; marker: string; at: Date; leaseMs: number }): Promise<SlotClaim>;
  /** Notes the papers about to be posted, so reconciliation after a crash can record them. */
  plan(slotId: number, paperIds: readonly string[], at: Date): Promise<void>;
  /** In one transaction: status `posted`, the message id, and the papers (in order) as delivered to the channel. */
  recordPosted(slotId: number, post: { messageId: string; paperIds: readonly string[]; at: Date }): Promise<void>;
  /** Status `skipped` (an empty digest with `empty: skip`, or too late to post); nothing is delivered. */
  recordSkipped(slotId: number, at: Date, reason?: string): Promise<void>;
  /** Status `failed` with the error; the next claim retries it. */
  recordFailed(slotId: number, error: string, at: Date): Promise<void>;
  /** Which of `paperIds` this channel has already been shown. */
  shownAmong(ref: ChannelRef, paperIds: readonly string[]): Promise<Set<string>>;
  /** The channel's newest posted scheduled (non-manual) slot due before `before`, if any. */
  previousScheduledSlot(ref: ChannelRef, before: Date): Promise<{ slotKey: string; dueAt: Date } | null>;
  /** The channel's newest posted slot (scheduled or manual), for `/papers status`. */
  lastDelivery(ref: ChannelRef): Promise<SlotRecord | null>;
  /** One slot, or null. */
  getSlot(ref: ChannelRef, slotKey: string): Promise<SlotRecord | null>;
}

/** Posts digests to one platform and finds the bot's own recent posts by marker. */
export interface Publisher {
  readonly platform: string;
  /** Posts the digest as one message (or a thread); returns the platform's message id. */
  publish(channel: ChannelSettings, digest: Digest): Promise<{ messageId: string }>;
  /** The bot's post in `channel` since `since` carrying `marker`, or null; used before re-posting a slot. */
  findByMarker(channel: ChannelRef, marker: string, since: Date): Promise<{ messageId: string } | null>;
}

/** A chat platform: a Publisher with a lifecycle. */
export interface ChatPlatform extends Publisher {
  start(): Promise<void>;
  stop(): Promise<void>;
}

// ── Chat platforms: their dependencies and button replays ─────────────────────────────────────────────────

import type { Clock } from './clock.ts';
import type { CommandSpec } from './command.ts';
import type { CommandServices } from './command-services.ts';
import type { Logger } from './logger.ts';
import type { Paging, ReplyOrigin } from './reply.ts';

/** What a reply's Prev/Next and Share buttons replay; a button carries only the short token it is stored under. */
export interface Replay {
  /** Who ran the command: the only one who may page it. */
  userId: string;
  /** Where it ran: Share posts the result there. */
  channel: ChannelRef;
  workspaceId: string | null;
  /** What Share replays (publicly); null when the reply offers no Share. */
  origin: ReplyOrigin | null;
  /** What Prev/Next replay at another offset; null when the result has one page. */
  paging: Paging | null;
}

/**
 * Button tokens → replays, bounded and expiring. Async although the in-memory store (core/replay-store.ts) is
 * not, so a shared store can serve several bot processes behind the same port.
 */
export interface ReplayStore {
  /** Remembers a replay; resolves with its token (URL-safe, at most 40 characters, fits any button id). */
  put(replay: Replay): Promise<string>;
  /** The replay, or null when unknown, expired or evicted. */
  get(token: string): Promise<Replay | null>;
}

/** What a chat platform's factory needs from the composition root. */
export interface PlatformDeps {
  services: CommandServices;
  registry: readonly CommandSpec[];
  log: Logger;
  clock: Clock;
  /** Where button replays are kept; default: in this process's memory, with the platform's expiry. */
  replays?: ReplayStore;
  /** Counts a 429 for /metrics. */
  onRateLimited?: () => void;
}
