/**
 * The ports the core owns. Everything that touches the outside world implements one of these;
 * all are async even where the implementation (better-sqlite3) is synchronous.
 */
import type { ChannelPatch, ChannelRef, ChannelSettings, Topic } from './channel.ts';
import type { SourceBatch, SourceName, SourcedPaper, StoredPaper } from './paper.ts';

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
  /** The newest run of each source, and its newest successful run. */
  latest(): Promise<Array<{ source: string; last: SourceRun; lastOk: SourceRun | null }>>;
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
  /** FTS5 MATCH expression from `compileMatch` (every user word quoted); null = no text condition. */
  match: string | null;
  /** FTS5 expression of excluded terms; matching papers are left out. */
  exclude: string | null;
  /** Keep papers with any of these arXiv categories (case-insensitive). */
  categories?: string[];
  /** Keep papers whose organization contains each of these (case-insensitive). */
  orgs?: string[];
  /** Keep papers submitted to HF (or published) at or after this instant. */
  since?: Date | null;
  /** How many candidates to return, best BM25 first (the core re-ranks them). */
  limit: number;
}

export interface TextSearchHit {
  paper: StoredPaper;
  /** BM25 relevance, higher is better (FTS5's bm25() negated); 0 when there was no text condition. */
  relevance: number;
}

/** Full-text search over stored papers (title > AI keywords > authors > abstract). */
export interface PaperIndex {
  search(request: TextSearchRequest): Promise<TextSearchHit[]>;
}
