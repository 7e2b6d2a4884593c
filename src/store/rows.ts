/**
 * Rows as every database's repositories read and write them: the same camelCase columns on SQLite and PostgreSQL
 * (their drizzle schemas mirror each other), turned into the core's types in one place.
 */
import type { ChannelPatch, ChannelRef, ChannelSettings } from '../core/channel.ts';
import type { Candidate } from '../core/candidate.ts';
import { PaperboyError } from '../core/errors.ts';
import type { Signals } from '../core/paper.ts';
import type { SlotRecord, SlotStatus } from '../core/ports.ts';
import { decodeDays, encodeDays } from './columns.ts';

/** A `channels` row, as both schemas type it. */
export interface ChannelColumns {
  platform: string;
  channelId: string;
  workspaceId: string | null;
  timezone: string;
  digestTime: string;
  digestDays: string;
  digestSize: number;
  minUpvotes: number;
  emptyDigest: 'say' | 'skip';
  threadMode: boolean;
  paused: boolean;
  pauseReason: string | null;
  createdBy: string;
  createdAt: string;
}

/** A channel row as the core's settings. */
export function toChannelSettings(row: ChannelColumns): ChannelSettings {
  return {
    platform: row.platform,
    channelId: row.channelId,
    workspaceId: row.workspaceId,
    timezone: row.timezone,
    digestTime: row.digestTime,
    days: decodeDays(row.digestDays),
    size: row.digestSize,
    minUpvotes: row.minUpvotes,
    empty: row.emptyDigest,
    threadMode: row.threadMode,
    paused: row.paused,
    pauseReason: row.pauseReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Column values of a patch; only the fields the patch has. */
export function channelPatchColumns(patch: ChannelPatch): Partial<ChannelColumns> {
  const set: Partial<ChannelColumns> = {};
  if (patch.timezone !== undefined) set.timezone = patch.timezone;
  if (patch.digestTime !== undefined) set.digestTime = patch.digestTime;
  if (patch.days !== undefined) set.digestDays = encodeDays(patch.days);
  if (patch.size !== undefined) set.digestSize = patch.size;
  if (patch.minUpvotes !== undefined) set.minUpvotes = patch.minUpvotes;
  if (patch.empty !== undefined) set.emptyDigest = patch.empty;
  if (patch.threadMode !== undefined) set.threadMode = patch.threadMode;
  return set;
}

/** The error for a channel that has no row. */
export function missingChannel(ref: ChannelRef): PaperboyError {
  return new PaperboyError('not_found', `No channel ${ref.platform}:${ref.channelId}`);
}

/** The engagement counters a signal row holds. */
export const COUNTER_NAMES = ['upvotes', 'comments', 'githubStars'] as const;

/** True when a source reported this counter (a finite number). */
export function reported(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True when a source reported any counter, so the item gets a signal observation. */
export function hasSignals(signals: Signals | undefined): signals is Signals {
  return signals !== undefined && COUNTER_NAMES.some((name) => reported(signals[name]));
}

/** A `digest_slots` row with its delivered-paper count, as both delivery stores select it (snake_case, raw SQL). */
export interface SlotRow<Planned> {
  id: number;
  slot_key: string;
  due_at: string | null;
  status: SlotStatus;
  attempts: number;
  last_error: string | null;
  marker: string | null;
  platform_message_id: string | null;
  claimed_at: string;
  posted_at: string | null;
  /** JSON text on SQLite, a jsonb value on PostgreSQL. */
  planned_paper_ids: Planned;
  papers: number;
}

/** A slot row as the core's record. */
export function toSlotRecord(row: SlotRow<unknown>): SlotRecord {
  return {
    slotKey: row.slot_key,
    status: row.status,
    dueAt: row.due_at,
    attempts: row.attempts,
    lastError: row.last_error,
    marker: row.marker,
    platformMessageId: row.platform_message_id,
    claimedAt: row.claimed_at,
    postedAt: row.posted_at,
    papers: row.papers,
  };
}

/** A candidate as both stores' pool queries return it: the paper row, its latest and baseline observations. */
export interface CandidateRow<P extends { docId: number }> {
  paper: P;
  latest: { upvotes: number; comments: number; githubStars: number; observedAt: string } | null;
  base: { upvotes: number; comments: number; githubStars: number } | null;
  submittedAt: string;
}

const NO_SIGNALS = { upvotes: 0, comments: 0, githubStars: 0 };

/**
 * The baseline for velocity when no observation precedes the velocity window: a paper submitted inside the
 * window gained all its upvotes there (baseline 0); an older paper first seen now (a fresh install, a late
 * backfill) has an unknown gain, so its baseline is its current count and its velocity 0 — never "+N today".
 */
function baselineOf(row: CandidateRow<{ docId: number }>, baselineAt: string): Candidate['baseline'] {
  if (row.base) return row.base;
  if (row.latest && row.submittedAt < baselineAt) {
    return { upvotes: row.latest.upvotes, comments: row.latest.comments, githubStars: row.latest.githubStars };
  }
  return NO_SIGNALS;
}

/** A pool row as the Candidate the core ranks. */
export function toCandidate<P extends { docId: number } & Omit<Candidate['paper'], 'signals'>>(
  row: CandidateRow<P>,
  baselineAt: string,
): Candidate {
  const { docId: _docId, ...paper } = row.paper;
  const latest = row.latest;
  return {
    paper: {
      ...paper,
      signals: latest
        ? { upvotes: latest.upvotes, comments: latest.comments, githubStars: latest.githubStars, observedAt: latest.observedAt }
        : { ...NO_SIGNALS, observedAt: null },
    },
    submittedAt: row.submittedAt,
    baseline: baselineOf(row, baselineAt),
  };
}
