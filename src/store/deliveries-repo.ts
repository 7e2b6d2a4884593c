/**
 * The SQLite DeliveryStore: digest slots claimed in IMMEDIATE transactions (so two processes on one file cannot
 * both claim a slot), and the papers each channel was shown.
 */
import { and, count, desc, eq, inArray, isNotNull, lt, notLike, sql } from 'drizzle-orm';
import type { ChannelRef } from '../core/channel.ts';
import { PaperboyError, describeError } from '../core/errors.ts';
import type { DeliveryStore, SlotClaim, SlotRecord } from '../core/ports.ts';
import type { Db } from './db.ts';
import { channels, deliveries, digestSlots, papers, type DigestSlotRow } from './schema.ts';

/** Slot keys of `digest now` start with this; they never count as the previous scheduled slot. */
export const MANUAL_SLOT_PREFIX = 'manual-';

function wrap<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError('store', `${what} failed: ${describeError(error)}`, { cause: error });
  }
}

/** A DeliveryStore over the SQLite database. */
export function createSqliteDeliveryStore(db: Db): DeliveryStore {
  const { orm } = db;

  const channelIdOf = (ref: ChannelRef): number | null =>
    orm
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.platform, ref.platform), eq(channels.channelId, ref.channelId)))
      .get()?.id ?? null;

  const requireChannel = (ref: ChannelRef): number => {
    const id = channelIdOf(ref);
    if (id === null) throw new PaperboyError('not_found', `No channel ${ref.platform}:${ref.channelId}`);
    return id;
  };

  const toRecord = (row: DigestSlotRow): SlotRecord => {
    const delivered = orm.select({ n: count() }).from(deliveries).where(eq(deliveries.slot, row.id)).get()?.n ?? 0;
    return {
      slotKey: row.slotKey,
      status: row.status,
      dueAt: row.dueAt,
      attempts: row.attempts,
      lastError: row.lastError,
      marker: row.marker,
      platformMessageId: row.platformMessageId,
      claimedAt: row.claimedAt,
      postedAt: row.postedAt,
      papers: delivered,
    };
  };

  /** Claims inside the caller's IMMEDIATE transaction. */
  function claimIn(ref: ChannelRef, slotKey: string, c: Parameters<DeliveryStore['claim']>[2]): SlotClaim {
    const channel = requireChannel(ref);
    const at = c.at.toISOString();
    const row = orm
      .select()
      .from(digestSlots)
      .where(and(eq(digestSlots.channel, channel), eq(digestSlots.slotKey, slotKey)))
      .get();
    if (!row) {
      const inserted = orm
        .insert(digestSlots)
        .values({ channel, slotKey, dueAt: c.dueAt?.toISOString() ?? null, status: 'claimed', attempts: 1, marker: c.marker, claimedAt: at, updatedAt: at })
        .returning({ id: digestSlots.id })
        .get();
      return { claimed: true, slotId: inserted.id, attempt: 1, previousClaimAt: null, plannedPaperIds: null };
    }
    if (row.status === 'posted' || row.status === 'skipped') return { claimed: false, status: row.status, slotId: row.id };
    const live = Date.parse(row.claimedAt) > c.at.getTime() - c.leaseMs;
    if (row.status === 'claimed' && live) return { claimed: false, status: 'claimed', slotId: row.id };
    orm
      .update(digestSlots)
      .set({ status: 'claimed', attempts: row.attempts + 1, claimedAt: at, updatedAt: at, marker: c.marker })
      .where(eq(digestSlots.id, row.id))
      .run();
    return {
      claimed: true,
      slotId: row.id,
      attempt: row.attempts + 1,
      previousClaimAt: new Date(row.claimedAt),
      plannedPaperIds: row.plannedPaperIds ?? null,
    };
  }

  const shownStatement = orm
    .select({ paperId: deliveries.paperId })
    .from(deliveries)
    .where(and(eq(deliveries.channel, sql.placeholder('channel')), inArray(deliveries.paperId, sql`(SELECT value FROM json_each(${sql.placeholder('ids')}))`)))
    .prepare();

  return {
    async claim(ref, slotKey, c) {
      // IMMEDIATE takes the write lock before reading, so a second process waits and then sees our claim.
      return wrap('Claiming a digest slot', () => orm.transaction(() => claimIn(ref, slotKey, c), { behavior: 'immediate' }));
    },

    async plan(slotId, paperIds, at) {
      wrap('Planning a digest', () =>
        orm.update(digestSlots).set({ plannedPaperIds: [...paperIds], updatedAt: at.toISOString() }).where(eq(digestSlots.id, slotId)).run(),
      );
    },

    async recordPosted(slotId, post) {
      const at = post.at.toISOString();
      wrap('Recording a posted digest', () =>
        orm.transaction(
          () => {
            const slot = orm.select({ channel: digestSlots.channel }).from(digestSlots).where(eq(digestSlots.id, slotId)).get();
            if (!slot) throw new PaperboyError('not_found', `No digest slot ${slotId}`);
            orm
              .update(digestSlots)
              .set({ status: 'posted', platformMessageId: post.messageId, postedAt: at, updatedAt: at, lastError: null, plannedPaperIds: [...post.paperIds] })
              .where(eq(digestSlots.id, slotId))
              .run();
            const known = new Set(orm.select({ id: papers.id }).from(papers).where(inArray(papers.id, [...post.paperIds])).all().map((r) => r.id));
            const rows = post.paperIds
              .map((paperId, i) => ({ channel: slot.channel, paperId, slot: slotId, position: i + 1, deliveredAt: at }))
              .filter((row) => known.has(row.paperId));
            // A paper another slot (a concurrent `digest now`) already delivered stays delivered by that slot.
            if (rows.length > 0) orm.insert(deliveries).values(rows).onConflictDoNothing().run();
          },
          { behavior: 'immediate' },
        ),
      );
    },

    async recordSkipped(slotId, at, reason) {
      const when = at.toISOString();
      wrap('Recording a skipped digest', () =>
        orm
          .update(digestSlots)
          .set({ status: 'skipped', lastError: reason ?? null, updatedAt: when })
          .where(and(eq(digestSlots.id, slotId), sql`${digestSlots.status} <> 'posted'`))
          .run(),
      );
    },

    async recordFailed(slotId, error, at) {
      wrap('Recording a failed digest', () =>
        orm
          .update(digestSlots)
          .set({ status: 'failed', lastError: error, updatedAt: at.toISOString() })
          // Never downgrade a slot another attempt has meanwhile posted or skipped.
          .where(and(eq(digestSlots.id, slotId), eq(digestSlots.status, 'claimed')))
          .run(),
      );
    },

    async shownAmong(ref, paperIds) {
      const channel = channelIdOf(ref);
      if (channel === null || paperIds.length === 0) return new Set();
      const rows = shownStatement.all({ channel, ids: JSON.stringify(paperIds) });
      return new Set(rows.map((row) => row.paperId));
    },

    async previousScheduledSlot(ref, before) {
      const channel = channelIdOf(ref);
      if (channel === null) return null;
      const row = orm
        .select({ slotKey: digestSlots.slotKey, dueAt: digestSlots.dueAt })
        .from(digestSlots)
        .where(
          and(
            eq(digestSlots.channel, channel),
            isNotNull(digestSlots.dueAt),
            lt(digestSlots.dueAt, before.toISOString()),
            eq(digestSlots.status, 'posted'),
            notLike(digestSlots.slotKey, `${MANUAL_SLOT_PREFIX}%`),
          ),
        )
        .orderBy(desc(digestSlots.dueAt))
        .limit(1)
        .get();
      return row?.dueAt ? { slotKey: row.slotKey, dueAt: new Date(row.dueAt) } : null;
    },

    async lastDelivery(ref) {
      const channel = channelIdOf(ref);
      if (channel === null) return null;
      const row = orm
        .select()
        .from(digestSlots)
        .where(and(eq(digestSlots.channel, channel), eq(digestSlots.status, 'posted')))
        .orderBy(desc(digestSlots.postedAt), desc(digestSlots.id))
        .limit(1)
        .get();
      return row ? toRecord(row) : null;
    },

    async getSlot(ref, slotKey) {
      const channel = channelIdOf(ref);
      if (channel === null) return null;
      const row = orm
        .select()
        .from(digestSlots)
        .where(and(eq(digestSlots.channel, channel), eq(digestSlots.slotKey, slotKey)))
        .get();
      return row ? toRecord(row) : null;
    },
  };
}
