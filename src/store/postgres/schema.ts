/**
 * The PostgreSQL schema: the same tables, columns and constraints as the SQLite one (sqlite/schema.ts,
 * docs/architecture.md §5), so every repository keeps the same behaviour behind the same ports. Instants are
 * ISO-8601 UTC text as on SQLite (written from the injected clock; text order is time order), lists are jsonb.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { CHANNEL_DEFAULTS } from '../../core/channel.ts';
import type { Replay } from '../../core/ports.ts';
import { DEFAULT_DIGEST_DAYS, DEFAULT_DIGEST_TIME, SLOT_STATUSES, SOURCE_RUN_STATUSES } from '../columns.ts';

const list = (name: string) =>
  jsonb(name)
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`);

/** Papers merged from every source on their canonical arXiv id. */
export const papers = pgTable(
  'papers',
  {
    docId: integer('doc_id').primaryKey().generatedAlwaysAsIdentity(),
    // A unique constraint, not only an index: foreign keys to it are created in the same migration.
    id: text('id').notNull().unique('papers_id_uq'),
    version: integer('version'),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    authors: list('authors'),
    categories: list('categories'),
    publishedAt: text('published_at'),
    hfSubmittedAt: text('hf_submitted_at'),
    aiSummary: text('ai_summary'),
    aiKeywords: list('ai_keywords'),
    githubRepo: text('github_repo'),
    projectPage: text('project_page'),
    thumbnail: text('thumbnail'),
    organization: text('organization'),
    organizationHandle: text('organization_handle'),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('papers_hf_submitted_at_idx').on(t.hfSubmittedAt),
    index('papers_published_at_idx').on(t.publishedAt),
    index('papers_submitted_idx').on(sql`coalesce(${t.hfSubmittedAt}, ${t.publishedAt}, ${t.firstSeenAt})`),
  ],
);

/** Engagement counters over time, one row per observation, so trending can use velocity as well as totals. */
export const paperSignals = pgTable(
  'paper_signals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
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
    index('paper_signals_paper_source_observed_idx').on(t.paperId, t.source, t.observedAt),
  ],
);

/** A chat channel that receives digests, with its settings. Created by its first `subscribe` or `schedule`. */
export const channels = pgTable(
  'channels',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    workspaceId: text('workspace_id'),
    timezone: text('timezone').notNull().default('UTC'),
    digestTime: text('digest_time').notNull().default(DEFAULT_DIGEST_TIME),
    digestDays: text('digest_days').notNull().default(DEFAULT_DIGEST_DAYS),
    digestSize: integer('digest_size').notNull().default(CHANNEL_DEFAULTS.size),
    minUpvotes: integer('min_upvotes').notNull().default(CHANNEL_DEFAULTS.minUpvotes),
    emptyDigest: text('empty_digest', { enum: ['say', 'skip'] })
      .notNull()
      .default(CHANNEL_DEFAULTS.empty),
    threadMode: boolean('thread_mode').notNull().default(CHANNEL_DEFAULTS.threadMode),
    paused: boolean('paused').notNull().default(false),
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
    check('channels_digest_time_ck', sql`${t.digestTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

/** A channel's topics: small queries in the query language, stored normalized (for uniqueness) and as typed. */
export const topics = pgTable(
  'topics',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
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
export const digestSlots = pgTable(
  'digest_slots',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    channel: integer('channel')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    slotKey: text('slot_key').notNull(),
    dueAt: text('due_at'),
    status: text('status', { enum: SLOT_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    marker: text('marker'),
    platformMessageId: text('platform_message_id'),
    claimedAt: text('claimed_at').notNull(),
    postedAt: text('posted_at'),
    updatedAt: text('updated_at').notNull(),
    plannedPaperIds: jsonb('planned_paper_ids').$type<string[]>(),
  },
  (t) => [
    uniqueIndex('digest_slots_channel_slot_key_uq').on(t.channel, t.slotKey),
    index('digest_slots_channel_due_idx').on(t.channel, t.dueAt),
    index('digest_slots_status_idx').on(t.status),
    check('digest_slots_status_ck', sql`${t.status} IN ('claimed', 'posted', 'failed', 'skipped')`),
  ],
);

/** What each channel has been shown, so no paper is delivered to a channel twice. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
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
export const sourceRuns = pgTable(
  'source_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
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
 * What a Prev/Next or Share button replays, under the short random token the button carries (decision 0003,
 * docs/architecture.md §16): shared by every bot process on the database. Ephemeral: a row is dead once
 * `expires_at` has passed, and the store deletes dead rows in bulk now and then; `paperboy db copy` leaves it out.
 */
export const replays = pgTable(
  'replays',
  {
    token: text('token').primaryKey(),
    platform: text('platform').notNull(),
    // The replay itself; one holding text jsonb refuses (NUL, a lone surrogate) is its JSON text in a jsonb string.
    replay: jsonb('replay').$type<Replay | string>().notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('replays_expires_at_idx').on(t.expiresAt)],
);

// ── The search engine's tables (postgres/search/, docs/architecture.md §16): derived from `papers`, never copied ──

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Every paper's full-text vector: its FTS5 terms (the same as SQLite's), title A, keywords B, authors C, abstract D. */
export const searchText = pgTable(
  'search_text',
  {
    docId: integer('doc_id').primaryKey(),
    tsv: tsvector('tsv').notNull(),
  },
  // A short pending list: GIN's fast-update list is scanned in full by every search until it is merged, and
  // writing the index's new common terms searches it once per term (4 MB by default; 256 kB took a quarter off).
  (t) => [index('search_text_tsv_idx').using('gin', t.tsv).with({ gin_pending_list_limit: 256 })],
);

/** The search index's totals: papers, tokens, the generation every write moves on, and whether every paper is in. */
export const searchMeta = pgTable(
  'search_meta',
  {
    id: integer('id').primaryKey(),
    docs: integer('docs').notNull().default(0),
    tokens: doublePrecision('tokens').notNull().default(0),
    generation: integer('generation').notNull().default(0),
    complete: boolean('complete').notNull().default(false),
  },
  (t) => [check('search_meta_one_ck', sql`${t.id} = 1`)],
);

/** The index's papers: terms (ids, column by column, search/doc.ts) and what ranking reads of them. */
export const searchDocs = pgTable('search_docs', {
  docId: integer('doc_id').primaryKey(),
  paperId: text('paper_id').notNull(),
  terms: bytea('terms').notNull(),
  length: integer('length').notNull(),
  upvotes: integer('upvotes').notNull(),
  datedMs: doublePrecision('dated_ms'),
  submitted: text('submitted').notNull(),
});

/** The index's vocabulary: each term's id, document frequency, and whether its postings are stored. */
export const searchTerms = pgTable('search_terms', {
  id: integer('id').primaryKey(),
  term: text('term').notNull().unique('search_terms_term_uq'),
  df: integer('df').notNull(),
  listed: boolean('listed').notNull(),
});

/** Stored postings of common terms, in segments (search/segments.ts). */
export const searchPostings = pgTable(
  'search_postings',
  {
    termId: integer('term_id').notNull(),
    seg: integer('seg').notNull(),
    n: integer('n').notNull(),
    postings: bytea('postings').notNull(),
  },
  (t) => [primaryKey({ name: 'search_postings_pk', columns: [t.termId, t.seg] })],
);

/** Which papers each generation changed, so a process refreshes only those. */
export const searchLog = pgTable(
  'search_log',
  {
    generation: integer('generation').notNull(),
    docId: integer('doc_id').notNull(),
  },
  (t) => [primaryKey({ name: 'search_log_pk', columns: [t.generation, t.docId] })],
);

/** Leases of jobs that run on one process at a time (sqlite/schema.ts `leases`). */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: text('until').notNull(),
});

export type PaperRow = typeof papers.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type SourceRunRow = typeof sourceRuns.$inferSelect;
