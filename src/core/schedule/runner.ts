/**
 * The scheduler's use case (docs/architecture.md §9): at an instant, find every channel's due slot from the pure
 * schedule and the slots already done, mark missed ones skipped, and deliver the due ones through the exactly-once
 * path. Also answers `/papers status`'s "next digest".
 */
import { channelKey, type ChannelRef, type ChannelSettings } from '../channel.ts';
import type { Clock } from '../clock.ts';
import { DELIVERY_LEASE_MS } from '../digest/delivery.ts';
import { digestMarker } from '../digest/text.ts';
import type { DigestService, ScheduledSlot } from '../digest/service.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { ChannelStore, DeliveryStore, SlotRecord } from '../ports.ts';
import { MISSED_LOOKBACK_MS, nextDigestText, planSlots, slotsBetween, type Slot, type SkipReason } from './slots.ts';

/** A failed slot is retried after this, doubling per attempt up to FAILED_RETRY_MAX_MS: a dead channel is not hammered every minute. */
export const FAILED_RETRY_BASE_MS = 60_000;
export const FAILED_RETRY_MAX_MS = 30 * 60_000;

/** What the runner needs. */
export interface ScheduleRunnerDeps {
  channels: Pick<ChannelStore, 'list' | 'get'>;
  deliveries: Pick<DeliveryStore, 'getSlot' | 'claim' | 'recordSkipped'>;
  digests: Pick<DigestService, 'deliverScheduled'>;
  clock: Clock;
  log: Logger;
  /** PAPERBOY_CATCHUP_HOURS in milliseconds. */
  catchupMs: number;
  /** Whether a platform has a running publisher; other platforms' channels wait until it runs again. */
  serves: (platform: string) => boolean;
  metrics?: Pick<Metrics, 'recordDigest'>;
  leaseMs?: number;
  /**
   * PAPERBOY_INSTANCE_ID: each process starts its due slots at its own place in the list (a hash of this), so
   * processes sharing a database claim different slots instead of queueing for the same ones (docs/architecture.md
   * §16). Unset: the list's own order.
   */
  spreadKey?: string;
}

/** `list` rotated to start at a place that depends only on `key` (FNV-1a), so each process starts elsewhere. */
export function rotateFor<T>(list: readonly T[], key: string | undefined): T[] {
  if (key === undefined || list.length < 2) return [...list];
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  const start = hash % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

/** What one run did, for the tick's log line. */
export interface DigestRunSummary {
  channels: number;
  due: number;
  posted: number;
  failed: number;
  skipped: number;
  /** Slots still posting when the tick moved on (left to their lease). */
  pending: number;
  /** Missed slots marked skipped (too late or superseded). */
  missed: number;
  /** Channels whose planning failed (a store error); the others went on. */
  errors: number;
}

/** The scheduler's digest operations. */
export interface ScheduleRunner {
  /** Plans every served, unpaused channel at `now` and delivers what is due; `signal` stops starting new slots. */
  runDue(now: Date, options?: { signal?: AbortSignal }): Promise<DigestRunSummary>;
  /**
   * The due slot of one channel at `now` (`paperboy digest`): missed older slots are marked skipped unless
   * `dryRun`; a failed slot's retry backoff is ignored (an operator asked for it now).
   */
  dueSlot(channel: ChannelSettings, now: Date, options?: { dryRun?: boolean }): Promise<ScheduledSlot | null>;
  /** "Tue 4 Mar 09:00 Europe/Berlin" for `/papers status`; null for an unknown channel or one with no days. */
  nextDigest(ref: ChannelRef): Promise<string | null>;
}

function createdAt(channel: ChannelSettings): Date | null {
  const ms = Date.parse(channel.createdAt);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Creates the runner. */
export function createScheduleRunner(deps: ScheduleRunnerDeps): ScheduleRunner {
  const leaseMs = deps.leaseMs ?? DELIVERY_LEASE_MS;

  /** The newest done slot key and the records of the undone slots after it (newest first), from the store. */
  async function history(channel: ChannelSettings, now: Date) {
    const since = Math.max(now.getTime() - MISSED_LOOKBACK_MS, createdAt(channel)?.getTime() ?? 0);
    const due = slotsBetween(channel, new Date(since - 1), now);
    const records = new Map<string, SlotRecord>();
    let lastDoneKey: string | null = null;
    for (const slot of due.reverse()) {
      const record = await deps.deliveries.getSlot(channel, slot.slotKey);
      if (record?.status === 'posted' || record?.status === 'skipped') {
        lastDoneKey = slot.slotKey;
        break;
      }
      if (record) records.set(slot.slotKey, record);
    }
    return { lastDoneKey, records };
  }

  /** True when the slot should be left alone now: another live attempt holds it, or its retry backoff runs. */
  function waiting(record: SlotRecord | undefined, now: Date): boolean {
    if (!record) return false;
    const since = now.getTime() - Date.parse(record.claimedAt);
    if (record.status === 'claimed') return since < leaseMs;
    const backoff = Math.min(FAILED_RETRY_BASE_MS * 2 ** Math.max(0, record.attempts - 1), FAILED_RETRY_MAX_MS);
    return record.status === 'failed' && since < backoff;
  }

  async function skip(channel: ChannelSettings, slot: Slot, reason: SkipReason, now: Date): Promise<boolean> {
    const claim = await deps.deliveries.claim(channel, slot.slotKey, {
      dueAt: slot.dueAt,
      marker: digestMarker(channel, slot.slotKey),
      at: now,
      leaseMs,
    });
    if (!claim.claimed) return false;
    const lateHours = Math.round((now.getTime() - slot.dueAt.getTime()) / 36e5);
    await deps.deliveries.recordSkipped(
      claim.slotId,
      now,
      reason === 'too late' ? `too late: due ${lateHours} h ago, beyond the catch-up grace` : 'superseded by a newer digest',
    );
    deps.metrics?.recordDigest('skipped', channel.platform);
    deps.log.warn(
      { channel: channelKey(channel), slotKey: slot.slotKey, dueAt: slot.dueAt.toISOString(), reason },
      'missed digest skipped',
    );
    return true;
  }

  async function planChannel(
    channel: ChannelSettings,
    now: Date,
    options: { dryRun?: boolean; ignoreBackoff?: boolean } = {},
  ): Promise<{ slot: ScheduledSlot | null; missed: number }> {
    const { lastDoneKey, records } = await history(channel, now);
    const plan = planSlots(channel, now, { catchupMs: deps.catchupMs, lastDoneKey, notBefore: createdAt(channel) });
    let missed = 0;
    // Only never-attempted slots are marked skipped: one a crashed or failed attempt touched may be on the
    // platform already, and stays as it is (its newer sibling is what gets posted).
    for (const slot of options.dryRun ? [] : plan.skip)
      if (!records.has(slot.slotKey) && (await skip(channel, slot, slot.reason, now))) missed += 1;
    if (!plan.post || (!options.ignoreBackoff && waiting(records.get(plan.post.slotKey), now))) return { slot: null, missed };
    return { slot: { channel, slotKey: plan.post.slotKey, dueAt: plan.post.dueAt }, missed };
  }

  return {
    async dueSlot(channel, now, options = {}) {
      return (await planChannel(channel, now, { ...options, ignoreBackoff: true })).slot;
    },

    async runDue(now, options = {}) {
      const summary: DigestRunSummary = { channels: 0, due: 0, posted: 0, failed: 0, skipped: 0, pending: 0, missed: 0, errors: 0 };
      const due: ScheduledSlot[] = [];
      for (const channel of await deps.channels.list()) {
        if (channel.paused || !deps.serves(channel.platform)) continue;
        summary.channels += 1;
        try {
          const { slot, missed } = await planChannel(channel, now);
          summary.missed += missed;
          if (slot) due.push(slot);
        } catch (error) {
          // One channel's store trouble must not keep the others from their digests.
          summary.errors += 1;
          deps.log.error({ channel: channelKey(channel), err: describeError(error) }, 'planning a channel’s digest failed');
        }
      }
      summary.due = due.length;
      if (due.length === 0) return summary;
      for (const { outcome } of await deps.digests.deliverScheduled(rotateFor(due, deps.spreadKey), options)) {
        if (outcome.status === 'posted') summary.posted += 1;
        else if (outcome.status === 'failed') summary.failed += 1;
        else if (outcome.status === 'skipped') summary.skipped += 1;
        else if (outcome.status === 'pending') summary.pending += 1;
      }
      return summary;
    },

    async nextDigest(ref) {
      const channel = await deps.channels.get(ref);
      if (!channel) return null;
      const now = deps.clock.now();
      const { lastDoneKey } = await history(channel, now);
      return nextDigestText(channel, now, { catchupMs: deps.catchupMs, lastDoneKey, notBefore: createdAt(channel) });
    },
  };
}
