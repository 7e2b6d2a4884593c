/**
 * The SQLite DeliveryStore: digest slots claimed in IMMEDIATE transactions (so two processes on one file cannot
 * both claim a slot), and the papers each channel was shown. Statements are prepared once, as plain SQL: a digest
 * run calls them for each of thousands of channels, where building queries per call would dominate.
 */
import type { ChannelRef } from '../../core/channel.ts';
import { MANUAL_SLOT_PREFIX } from '../../core/digest/delivery.ts';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { DeliveryStore, SlotClaim } from '../../core/ports.ts';
import type { Db } from './db.ts';
import { toSlotRecord, type SlotRow as SharedSlotRow } from '../rows.ts';

/** Re-exported for the store's callers; the core owns it. */
export { MANUAL_SLOT_PREFIX };

type SlotRow = SharedSlotRow<string | null>;

const SLOT_COLUMNS = `s.id, s.slot_key, s.due_at, s.status, s.attempts, s.last_error, s.marker, s.platform_message_id,
  s.claimed_at, s.posted_at, s.planned_paper_ids, (SELECT count(*) FROM deliveries d WHERE d.slot = s.id) AS papers`;

function prepare(db: Db) {
  const q = (text: string) => db.sqlite.prepare(text);
  return {
    channelId: q(`SELECT id FROM channels WHERE platform = ? AND channel_id = ?`).pluck(),
    slot: q(`SELECT ${SLOT_COLUMNS} FROM digest_slots s WHERE s.channel = ? AND s.slot_key = ?`),
    insertSlot: q(
      `INSERT INTO digest_slots (channel, slot_key, due_at, status, attempts, marker, claimed_at, updated_at)
       VALUES (?, ?, ?, 'claimed', 1, ?, ?, ?)`,
    ),
    reclaim: q(
      `UPDATE digest_slots SET status = 'claimed', attempts = attempts + 1, claimed_at = ?, updated_at = ?, marker = ? WHERE id = ?`,
    ),
    plan: q(`UPDATE digest_slots SET planned_paper_ids = ?, updated_at = ? WHERE id = ?`),
    slotChannel: q(`SELECT channel FROM digest_slots WHERE id = ?`).pluck(),
    posted: q(
      `UPDATE digest_slots SET status = 'posted', platform_message_id = ?, posted_at = ?, updated_at = ?, last_error = NULL,
       planned_paper_ids = ? WHERE id = ?`,
    ),
    // A paper deleted since the digest was built is left out rather than failing the record; one another slot
    // (a concurrent `digest now`) already delivered stays delivered by that slot.
    deliver: q(
      `INSERT INTO deliveries (channel, paper_id, slot, position, delivered_at)
       SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM papers WHERE id = ?)
       ON CONFLICT (channel, paper_id) DO NOTHING`,
    ),
    skipped: q(`UPDATE digest_slots SET status = 'skipped', last_error = ?, updated_at = ? WHERE id = ? AND status <> 'posted'`),
    // Never downgrade a slot another attempt has meanwhile posted or skipped.
    failed: q(`UPDATE digest_slots SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND status = 'claimed'`),
    shown: q(`SELECT paper_id FROM deliveries WHERE channel = ? AND paper_id IN (SELECT value FROM json_each(?))`).pluck(),
    previousScheduled: q(
      `SELECT slot_key, due_at FROM digest_slots
       WHERE channel = ? AND due_at IS NOT NULL AND due_at < ? AND status = 'posted' AND slot_key NOT LIKE '${MANUAL_SLOT_PREFIX}%'
       ORDER BY due_at DESC LIMIT 1`,
    ),
    lastPosted: q(
      `SELECT ${SLOT_COLUMNS} FROM digest_slots s WHERE s.channel = ? AND s.status = 'posted' ORDER BY s.posted_at DESC, s.id DESC LIMIT 1`,
    ),
  };
}

function wrap<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError('store', `${what} failed: ${describeError(error)}`, { cause: error });
  }
}

function plannedIds(text: string | null): string[] | null {
  if (text === null) return null;
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : null;
}

/** A DeliveryStore over the SQLite database. */
export function createSqliteDeliveryStore(db: Db): DeliveryStore {
  const st = prepare(db);
  const channelIdOf = (ref: ChannelRef) => (st.channelId.get(ref.platform, ref.channelId) as number | undefined) ?? null;
  const slotOf = (channel: number, slotKey: string) => st.slot.get(channel, slotKey) as SlotRow | undefined;

  // IMMEDIATE takes the write lock before reading, so a second process waits and then sees our claim.
  const claim = db.sqlite.transaction((ref: ChannelRef, slotKey: string, c: Parameters<DeliveryStore['claim']>[2]): SlotClaim => {
    const channel = channelIdOf(ref);
    if (channel === null) throw new PaperboyError('not_found', `No channel ${ref.platform}:${ref.channelId}`);
    const at = c.at.toISOString();
    const row = slotOf(channel, slotKey);
    if (!row) {
      const id = Number(st.insertSlot.run(channel, slotKey, c.dueAt?.toISOString() ?? null, c.marker, at, at).lastInsertRowid);
      return { claimed: true, slotId: id, attempt: 1, previousClaimAt: null, plannedPaperIds: null };
    }
    if (row.status === 'posted' || row.status === 'skipped') return { claimed: false, status: row.status, slotId: row.id };
    const live = Date.parse(row.claimed_at) > c.at.getTime() - c.leaseMs;
    if (row.status === 'claimed' && live) return { claimed: false, status: 'claimed', slotId: row.id };
    st.reclaim.run(at, at, c.marker, row.id);
    return {
      claimed: true,
      slotId: row.id,
      attempt: row.attempts + 1,
      previousClaimAt: new Date(row.claimed_at),
      plannedPaperIds: plannedIds(row.planned_paper_ids),
    };
  });

  const recordPosted = db.sqlite.transaction((slotId: number, messageId: string, paperIds: readonly string[], at: string) => {
    const channel = st.slotChannel.get(slotId) as number | undefined;
    if (channel === undefined) throw new PaperboyError('not_found', `No digest slot ${slotId}`);
    st.posted.run(messageId, at, at, JSON.stringify(paperIds), slotId);
    paperIds.forEach((paperId, i) => st.deliver.run(channel, paperId, slotId, i + 1, at, paperId));
  });

  return {
    async claim(ref, slotKey, c) {
      return wrap('Claiming a digest slot', () => claim.immediate(ref, slotKey, c));
    },

    async plan(slotId, paperIds, at) {
      wrap('Planning a digest', () => st.plan.run(JSON.stringify(paperIds), at.toISOString(), slotId));
    },

    async recordPosted(slotId, post) {
      wrap('Recording a posted digest', () => recordPosted.immediate(slotId, post.messageId, post.paperIds, post.at.toISOString()));
    },

    async recordSkipped(slotId, at, reason) {
      wrap('Recording a skipped digest', () => st.skipped.run(reason ?? null, at.toISOString(), slotId));
    },

    async recordFailed(slotId, error, at) {
      wrap('Recording a failed digest', () => st.failed.run(error, at.toISOString(), slotId));
    },

    async shownAmong(ref, paperIds) {
      const channel = channelIdOf(ref);
      if (channel === null || paperIds.length === 0) return new Set();
      return new Set(st.shown.all(channel, JSON.stringify(paperIds)) as string[]);
    },

    async previousScheduledSlot(ref, before) {
      const channel = channelIdOf(ref);
      if (channel === null) return null;
      const row = st.previousScheduled.get(channel, before.toISOString()) as { slot_key: string; due_at: string } | undefined;
      return row ? { slotKey: row.slot_key, dueAt: new Date(row.due_at) } : null;
    },

    async lastDelivery(ref) {
      const channel = channelIdOf(ref);
      if (channel === null) return null;
      const row = st.lastPosted.get(channel) as SlotRow | undefined;
      return row ? toSlotRecord(row) : null;
    },

    async getSlot(ref, slotKey) {
      const channel = channelIdOf(ref);
      if (channel === null) return null;
      const row = slotOf(channel, slotKey);
      return row ? toSlotRecord(row) : null;
    },
  };
}
