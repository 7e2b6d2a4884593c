/**
 * The PostgreSQL DeliveryStore: digest slots claimed in a transaction that inserts the slot or locks its row, so
 * of any number of processes claiming one slot at once exactly one wins; and the papers each channel was shown.
 * Plain SQL with bound parameters, as on SQLite (reviewable side by side), each statement finding the channel
 * by a join rather than a lookup of its own: a digest run calls these for thousands of channels, each a round trip.
 */
import type { ChannelRef } from '../../core/channel.ts';
import { MANUAL_SLOT_PREFIX } from '../../core/digest/delivery.ts';
import { PaperboyError } from '../../core/errors.ts';
import type { DeliveryStore, SlotClaim } from '../../core/ports.ts';
import type { PgDb } from './db.ts';
import { storeCall, inTransaction } from './run.ts';
import { toSlotRecord, type SlotRow as SharedSlotRow } from '../rows.ts';

type SlotRow = SharedSlotRow<unknown>;

const SLOT_COLUMNS = `s.id, s.slot_key, s.due_at, s.status, s.attempts, s.last_error, s.marker, s.platform_message_id,
  s.claimed_at, s.posted_at, s.planned_paper_ids, (SELECT count(*)::int FROM deliveries d WHERE d.slot = s.id) AS papers`;

/** `digest_slots s` of the channel `$1:$2`. */
const CHANNEL_SLOTS = `digest_slots s JOIN channels c ON c.id = s.channel WHERE c.platform = $1 AND c.channel_id = $2`;

const SQL = {
  // The channel is found by the insert itself; no row back means the slot exists or the channel does not.
  insertSlot: `INSERT INTO digest_slots (channel, slot_key, due_at, status, attempts, marker, claimed_at, updated_at)
    SELECT c.id, $3, $4, 'claimed', 1, $5, $6, $6 FROM channels c WHERE c.platform = $1 AND c.channel_id = $2
    ON CONFLICT (channel, slot_key) DO NOTHING RETURNING id`,
  // SKIP LOCKED: a row another process is claiming right now is theirs; this one moves on to its next slot
  // instead of queueing behind it (docs/architecture.md §16).
  lockSlot: `SELECT s.id, s.status, s.attempts, s.claimed_at, s.planned_paper_ids FROM ${CHANNEL_SLOTS} AND s.slot_key = $3
    FOR UPDATE OF s SKIP LOCKED`,
  slotId: `SELECT s.id FROM ${CHANNEL_SLOTS} AND s.slot_key = $3`,
  reclaim: `UPDATE digest_slots SET status = 'claimed', attempts = attempts + 1, claimed_at = $1, updated_at = $1, marker = $2
    WHERE id = $3`,
  plan: `UPDATE digest_slots SET planned_paper_ids = $1::jsonb, updated_at = $2 WHERE id = $3`,
  // The posted slot, then its papers in the given order, numbered from 1. A paper deleted since the digest was built
  // is left out rather than failing the record; one another slot (a concurrent `digest now`) already delivered
  // stays delivered by that slot. The update's row comes back: none means no such slot.
  postedAndDelivered: `WITH s AS (
      UPDATE digest_slots SET status = 'posted', platform_message_id = $1, posted_at = $2, updated_at = $2, last_error = NULL,
        planned_paper_ids = $3::jsonb WHERE id = $4 RETURNING id, channel
    ), d AS (
      INSERT INTO deliveries (channel, paper_id, slot, position, delivered_at)
      SELECT s.channel, p.id, s.id, p.position::int, $2 FROM s, unnest($5::text[]) WITH ORDINALITY AS p(id, position)
      WHERE EXISTS (SELECT 1 FROM papers WHERE papers.id = p.id) ORDER BY p.position
      ON CONFLICT (channel, paper_id) DO NOTHING
    )
    SELECT channel FROM s`,
  skipped: `UPDATE digest_slots SET status = 'skipped', last_error = $1, updated_at = $2 WHERE id = $3 AND status <> 'posted'`,
  // Never downgrade a slot another attempt has meanwhile posted or skipped.
  failed: `UPDATE digest_slots SET status = 'failed', last_error = $1, updated_at = $2 WHERE id = $3 AND status = 'claimed'`,
  shown: `SELECT d.paper_id FROM deliveries d JOIN channels c ON c.id = d.channel
    WHERE c.platform = $1 AND c.channel_id = $2 AND d.paper_id = ANY($3::text[])`,
  // ILIKE: SQLite's LIKE, which the sibling uses, ignores ASCII case; the prefix is a bound parameter.
  previousScheduled: `SELECT s.slot_key, s.due_at FROM ${CHANNEL_SLOTS}
    AND s.due_at IS NOT NULL AND s.due_at < $3 AND s.status = 'posted' AND s.slot_key NOT ILIKE $4
    ORDER BY s.due_at DESC LIMIT 1`,
  lastPosted: `SELECT ${SLOT_COLUMNS} FROM ${CHANNEL_SLOTS} AND s.status = 'posted' ORDER BY s.posted_at DESC NULLS LAST, s.id DESC LIMIT 1`,
  slot: `SELECT ${SLOT_COLUMNS} FROM ${CHANNEL_SLOTS} AND s.slot_key = $3`,
};

function plannedIds(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : null;
}

/** True for PostgreSQL's foreign-key violation (SQLSTATE 23503): a row pointing at one that is gone. */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}

function missingChannel(ref: ChannelRef): PaperboyError {
  return new PaperboyError('not_found', `No channel ${ref.platform}:${ref.channelId}`);
}

/** A DeliveryStore over the PostgreSQL database. */
export function createPostgresDeliveryStore(db: PgDb): DeliveryStore {
  const { pool } = db;

  async function claim(ref: ChannelRef, slotKey: string, c: Parameters<DeliveryStore['claim']>[2]): Promise<SlotClaim> {
    const at = c.at.toISOString();
    // A new slot (the usual case) is claimed by one statement on its own, one round trip: a concurrent claim's
    // uncommitted insert makes it wait for that outcome, then do nothing.
    const inserted = await pool
      .query<{ id: number }>(SQL.insertSlot, [ref.platform, ref.channelId, slotKey, c.dueAt?.toISOString() ?? null, c.marker, at])
      .catch((error: unknown) => {
        // The channel was removed between this statement's read of it and its foreign-key check.
        throw isForeignKeyViolation(error) ? missingChannel(ref) : error;
      });
    const id = inserted.rows[0]?.id;
    if (id !== undefined) return { claimed: true, slotId: id, attempt: 1, previousClaimAt: null, plannedPaperIds: null };
    return inTransaction(pool, async (client) => {
      // The row lock: of concurrent re-claims, the one holding it decides; the others see it taken.
      const { rows } = await client.query<Pick<SlotRow, 'id' | 'status' | 'attempts' | 'claimed_at' | 'planned_paper_ids'>>(SQL.lockSlot, [
        ref.platform,
        ref.channelId,
        slotKey,
      ]);
      const row = rows[0];
      if (!row) {
        // Locked: another process is claiming it this moment. Otherwise no channel, or the slot went with it.
        const locked = await client.query<{ id: number }>(SQL.slotId, [ref.platform, ref.channelId, slotKey]);
        const id = locked.rows[0]?.id;
        if (id !== undefined) return { claimed: false, status: 'claimed', slotId: id };
        throw missingChannel(ref);
      }
      if (row.status === 'posted' || row.status === 'skipped') return { claimed: false, status: row.status, slotId: row.id };
      const live = Date.parse(row.claimed_at) > c.at.getTime() - c.leaseMs;
      if (row.status === 'claimed' && live) return { claimed: false, status: 'claimed', slotId: row.id };
      await client.query(SQL.reclaim, [at, c.marker, row.id]);
      return {
        claimed: true,
        slotId: row.id,
        attempt: row.attempts + 1,
        previousClaimAt: new Date(row.claimed_at),
        plannedPaperIds: plannedIds(row.planned_paper_ids),
      };
    });
  }

  async function recordPosted(slotId: number, messageId: string, paperIds: readonly string[], at: string): Promise<void> {
    // One statement, so one round trip and atomic by itself: the slot marked posted and its papers delivered.
    const { rows } = await pool.query<{ channel: number }>(SQL.postedAndDelivered, [
      messageId,
      at,
      JSON.stringify(paperIds),
      slotId,
      paperIds,
    ]);
    if (rows.length === 0) throw new PaperboyError('not_found', `No digest slot ${slotId}`);
  }

  return {
    async claim(ref, slotKey, c) {
      return storeCall('Claiming a digest slot', () => claim(ref, slotKey, c));
    },

    async plan(slotId, paperIds, at) {
      await storeCall('Planning a digest', () => pool.query(SQL.plan, [JSON.stringify(paperIds), at.toISOString(), slotId]));
    },

    async recordPosted(slotId, post) {
      await storeCall('Recording a posted digest', () => recordPosted(slotId, post.messageId, post.paperIds, post.at.toISOString()));
    },

    async recordSkipped(slotId, at, reason) {
      await storeCall('Recording a skipped digest', () => pool.query(SQL.skipped, [reason ?? null, at.toISOString(), slotId]));
    },

    async recordFailed(slotId, error, at) {
      await storeCall('Recording a failed digest', () => pool.query(SQL.failed, [error, at.toISOString(), slotId]));
    },

    async shownAmong(ref, paperIds) {
      if (paperIds.length === 0) return new Set();
      const { rows } = await storeCall('Reading delivered papers', () =>
        pool.query<{ paper_id: string }>(SQL.shown, [ref.platform, ref.channelId, paperIds]),
      );
      return new Set(rows.map((row) => row.paper_id));
    },

    async previousScheduledSlot(ref, before) {
      const { rows } = await storeCall('Reading the previous digest slot', () =>
        pool.query<{ slot_key: string; due_at: string }>(SQL.previousScheduled, [
          ref.platform,
          ref.channelId,
          before.toISOString(),
          `${MANUAL_SLOT_PREFIX}%`,
        ]),
      );
      const row = rows[0];
      return row ? { slotKey: row.slot_key, dueAt: new Date(row.due_at) } : null;
    },

    async lastDelivery(ref) {
      const { rows } = await storeCall('Reading the last digest', () => pool.query<SlotRow>(SQL.lastPosted, [ref.platform, ref.channelId]));
      return rows[0] ? toSlotRecord(rows[0]) : null;
    },

    async getSlot(ref, slotKey) {
      const { rows } = await storeCall('Reading a digest slot', () =>
        pool.query<SlotRow>(SQL.slot, [ref.platform, ref.channelId, slotKey]),
      );
      return rows[0] ? toSlotRecord(rows[0]) : null;
    },
  };
}
