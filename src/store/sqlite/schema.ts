/**
 * The SQLite schema (docs/architecture.md §5). Conventions: snake_case columns; instants are ISO-8601 UTC text
 * (`2025-03-03T09:00:00.000Z`), written from the injected clock, never SQL defaults; lists are JSON text arrays.
 * `papers_fts` (FTS5) and its triggers live in a hand-written migration, because drizzle has no virtual tables.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNEL_DEFAULTS } from '../../core/channel.ts';
import type { Replay } from '../../core/ports.ts';
import { DEFAULT_DIGEST_DAYS, DEFAULT_DIGEST_TIME, SLOT_STATUSES, SOURCE_RUN_STATUSES } from '../columns.ts';

/** Papers merged from every source on their canonical arXiv id. */
export const papers = sqliteTable(
  'papers',
  {
    // An explicit INTEGER PRIMARY KEY is a stable rowid alias; `papers_fts` uses it as content_rowid. The implicit
    // rowid of a table without one may be renumbered by VACUUM / VACUUM INTO, silently corrupting the FTS index.
    docId: integer('doc_id').primaryKey(),
    id: text('id').notNull(),
    version: integer('version'),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    authors: text('authors', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    categories: text('categories', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    publishedAt: text('published_at'),
    hfSubmittedAt: text('hf_submitted_at'),
    aiSummary: text('ai_summary'),
    aiKeywords: text('ai_keywords', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    githubRepo: text('github_repo'),
    projectPage: text('project_page'),
    thumbnail: text('thumbnail'),
    organization: text('organization'),
    organizationHandle: text('organization_handle'),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('papers_id_uq').on(t.id),
    index('papers_hf_submitted_at_idx').on(t.hfSubmittedAt),
    index('papers_published_at_idx').on(t.publishedAt),
    // Digest and trending candidates are "submitted in [since, until)" by this very expression (HF submission,
    // else arXiv publication, else first seen): one index range scan instead of an OR over two indexes.
    index('papers_submitted_idx').on(sql`coalesce(${t.hfSubmittedAt}, ${t.publishedAt}, ${t.firstSeenAt})`),
  ],
);

/** Engagement counters over time, one row per observation, so trending can use velocity as well as totals. */
export const paperSignals = sqliteTable(
  'paper_signals',
  {
    id: integer('id').primaryKey(),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    observedAt: text('observed_at').notNull(),
    upvotes: integer('upvotes').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    githubStars: integer('github_stars').notNull().default(0),
  },
  (t) => [
    index('paper_signals_paper_observed_idx').on(t.paperId, t.observedAt),
    // Carrying a counter forward needs the newest row of one (paper, source).
    index('paper_signals_paper_source_observed_idx').on(t.paperId, t.source, t.observedAt),
  ],
);

/** A chat channel that receives digests, with its settings. Created by its first `subscribe` or `schedule`. */
export const channels = sqliteTable(
  'channels',
  {
    id: integer('id').primaryKey(),
    platform: text('platform').notNull(),
    // Discord channel ids are global snowflakes; Slack's are unique within the one workspace the bot serves.
    channelId: text('channel_id').notNull(),
    // Discord guild / Slack team: what `guildDelete` and `app_uninstalled` delete by.
    workspaceId: text('workspace_id'),
    timezone: text('timezone').notNull().default('UTC'),
    digestTime: text('digest_time').notNull().default(DEFAULT_DIGEST_TIME),
    digestDays: text('digest_days').notNull().default(DEFAULT_DIGEST_DAYS),
    digestSize: integer('digest_size').notNull().default(CHANNEL_DEFAULTS.size),
    minUpvotes: integer('min_upvotes').notNull().default(CHANNEL_DEFAULTS.minUpvotes),
    emptyDigest: text('empty_digest', { enum: ['say', 'skip'] })
      .notNull()
      .default(CHANNEL_DEFAULTS.empty),
    threadMode: integer('thread_mode', { mode: 'boolean' }).notNull().default(CHANNEL_DEFAULTS.threadMode),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    pauseReason: text('pause_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('channels_platform_channel_uq').on(t.platform, t.channelId),
    index('channels_platform_workspace_idx').on(t.platform, t.workspaceId),
    check('channels_digest_size_ck', sql`${t.digestSize} BETWEEN 1 AND 10`),
    check('channels_min_upvotes_ck', sql`${t.minUpvotes} >= 0`),
    check('channels_empty_digest_ck', sql`${t.emptyDigest} IN ('say', 'skip')`),
    check('channels_digest_time_ck', sql`${t.digestTime} GLOB '[01][0-9]:[0-5][0-9]' OR ${t.digestTime} GLOB '2[0-3]:[0-5][0-9]'`),
  ],
);

/** A channel's topics: small queries in the query language, stored normalized (for uniqueness) and as typed. */
export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey(),
    channel: integer('channel')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    normalized: text('normalized').notNull(),
    raw: text('raw').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('topics_channel_normalized_uq').on(t.channel, t.normalized)],
);

/** One digest of one channel: the unit of exactly-once delivery. */
export const digestSlots = sqliteTable(
  'digest_slots',
  {
    id: integer('id').primaryKey(),
    channel: integer('channel')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    // The channel-local date (`2025-03-03`) for scheduled digests, `manual-<id>` for `digest now`.
    slotKey: text('slot_key').notNull(),
    // When a scheduled slot fell due (UTC); null for manual digests.
    dueAt: text('due_at'),
    status: text('status', { enum: SLOT_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    // What reconciliation looks for in the bot's recent messages after a crash between post and record.
    marker: text('marker'),
    platformMessageId: text('platform_message_id'),
    claimedAt: text('claimed_at').notNull(),
    postedAt: text('posted_at'),
    updatedAt: text('updated_at').notNull(),
    // The papers an attempt is about to post, written just before publishing: when a crash hits between post and
    // record, reconciliation finds the post by marker and records exactly these as delivered.
    plannedPaperIds: text('planned_paper_ids', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [
    uniqueIndex('digest_slots_channel_slot_key_uq').on(t.channel, t.slotKey),
    // A digest's window starts at the channel's previous scheduled slot: one seek per channel per run.
    index('digest_slots_channel_due_idx').on(t.channel, t.dueAt),
    index('digest_slots_status_idx').on(t.status),
    check('digest_slots_status_ck', sql`${t.status} IN ('claimed', 'posted', 'failed', 'skipped')`),
  ],
);

/** What each channel has been shown, so no paper is delivered to a channel twice. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey(),
    channel: integer('channel')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    slot: integer('slot')
      .notNull()
      .references(() => digestSlots.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    deliveredAt: text('delivered_at').notNull(),
  },
  (t) => [
    uniqueIndex('deliveries_channel_paper_uq').on(t.channel, t.paperId),
    index('deliveries_slot_idx').on(t.slot),
    index('deliveries_paper_idx').on(t.paperId),
  ],
);

/** The log of source refreshes; feeds `/papers status` and metrics. */
export const sourceRuns = sqliteTable(
  'source_runs',
  {
    id: integer('id').primaryKey(),
    source: text('source').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: SOURCE_RUN_STATUSES }).notNull(),
    items: integer('items').notNull().default(0),
    error: text('error'),
  },
  (t) => [
    index('source_runs_source_started_idx').on(t.source, t.startedAt),
    check('source_runs_status_ck', sql`${t.status} IN ('running', 'ok', 'failed')`),
  ],
);

/**
 * Leases: which process does a job that must run on one process at a time (a source refresh), until when. A holder
 * that dies leaves its lease to expire; `paperboy db copy` leaves the table out (nothing in it outlives minutes).
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: text('until').notNull(),
});

/**
 * What a Prev/Next or Share button replays, under the short random token the button carries (decision 0003,
 * docs/architecture.md §16): shared by every bot process on the database. Ephemeral: a row is dead once
 * `expires_at` has passed (the platform's window to edit the reply), and the store deletes dead rows in bulk now
 * and then; `paperboy db copy` leaves the table out.
 */
export const replays = sqliteTable(
  'replays',
  {
    token: text('token').primaryKey(),
    platform: text('platform').notNull(),
    replay: text('replay', { mode: 'json' }).$type<Replay>().notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('replays_expires_at_idx').on(t.expiresAt)],
);

/** Row types, for repositories. */
export type PaperRow = typeof papers.$inferSelect;
/** A `channels` row. */
export type ChannelRow = typeof channels.$inferSelect;
/** A `source_runs` row. */
export type SourceRunRow = typeof sourceRuns.$inferSelect;
