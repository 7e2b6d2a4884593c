/**
 * Digests for commands and the scheduler: preview (build only), post now (a manual slot through the delivery
 * path) and scheduled slots in bulk, all runs sharing one candidate pool.
 */
import { CHANNEL_DEFAULTS, type ChannelRef, type ChannelSettings } from '../channel.ts';
import type { Clock } from '../clock.ts';
import type { PostNowResult } from '../command-services.ts';
import { MANUAL_SLOT_PREFIX, deliverSlot, type DeliveryOutcome } from './delivery.ts';
import { fanOut, type ScheduledOutcome } from './fanout.ts';
import type { Digest } from './model.ts';
import { ChannelUnavailableError, describeError } from '../errors.ts';
import { createDigestRun, resolveWindow, type DigestRunDeps } from './run.ts';
import { localDate, type DigestWindow } from './window.ts';
import type { Metrics } from '../metrics.ts';
import type { ChannelStore, DeliveryStore, Publisher } from '../ports.ts';

/** One scheduled slot to deliver. */
export interface ScheduledSlot {
  channel: ChannelSettings;
  /** The channel-local date, `2025-03-04`. */
  slotKey: string;
  dueAt: Date;
}

/** What the service needs. */
export interface DigestServiceDeps extends DigestRunDeps {
  channels: ChannelStore;
  deliveries: DeliveryStore;
  /** By platform name (`discord`, `slack`, `console`). */
  publishers: ReadonlyMap<string, Publisher>;
  clock: Clock;
  /** For previews of channels that have no settings yet. */
  defaults: { timezone: string };
  /** A unique id for `manual-<id>` slot keys; random by default. */
  newId?: () => string;
  leaseMs?: number;
  /** Scheduled slots delivered at once (publishing is network-bound; the store work is not). */
  concurrency?: number;
  /** Counts posted, failed and skipped digests. */
  metrics?: Pick<Metrics, 'recordDigest'>;
  /** Waits between publish attempts of one slot (default PUBLISH_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** How long deliverScheduled waits for one slot (default SLOT_WAIT_MS, delivery-fanout.ts). */
  slotWaitMs?: number;
}

/** The digest operations. */
export interface DigestService {
  /** The digest the channel would get now; claims and records nothing. */
  preview(channel: ChannelRef): Promise<Digest>;
  /** Posts a digest now under a `manual-<id>` slot; what it shows counts as delivered. */
  postNow(channel: ChannelRef, by: string): Promise<PostNowResult>;
  /**
   * Delivers scheduled slots (each exactly once), loading the candidate pool once for all of them. After `signal`
   * aborts, no further slot is started (those in flight finish); only attempted slots are in the result.
   */
  deliverScheduled(
    slots: readonly ScheduledSlot[],
    options?: { signal?: AbortSignal },
  ): Promise<Array<{ slot: ScheduledSlot; outcome: ScheduledOutcome }>>;
  /** Builds the digests those slots would post (a dry run): one shared pool, nothing claimed or recorded. */
  buildScheduled(slots: readonly ScheduledSlot[]): Promise<Digest[]>;
}

/** Settings of a channel that has none stored yet: the defaults of docs/architecture.md §5. */
export function defaultChannelSettings(ref: ChannelRef, timezone: string): ChannelSettings {
  return {
    platform: ref.platform,
    channelId: ref.channelId,
    workspaceId: null,
    timezone,
    ...CHANNEL_DEFAULTS,
    days: [...CHANNEL_DEFAULTS.days],
    paused: false,
    pauseReason: null,
    createdBy: '',
    createdAt: new Date(0).toISOString(),
  };
}

function randomId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

/** "Nothing new matched your topics since Monday." → "nothing new matched your topics since Monday". */
function asReason(text: string | null): string {
  const line = (text ?? 'Nothing new matched this channel').replace(/\.$/, '');
  return line.charAt(0).toLowerCase() + line.slice(1);
}

/** Creates the digest service. */
export function createDigestService(deps: DigestServiceDeps): DigestService {
  const deliveryDeps = (publisher: Publisher) => ({
    deliveries: deps.deliveries,
    channels: deps.channels,
    publisher,
    clock: deps.clock,
    log: deps.log,
    ...(deps.leaseMs === undefined ? {} : { leaseMs: deps.leaseMs }),
    ...(deps.retryDelaysMs === undefined ? {} : { retryDelaysMs: deps.retryDelaysMs }),
  });
  const count = (platform: string, outcome: DeliveryOutcome) => {
    if (outcome.status !== 'not-claimed') deps.metrics?.recordDigest(outcome.status, platform);
  };

  async function previewOf(channel: ChannelSettings, now: Date): Promise<Digest> {
    const run = createDigestRun(deps, now);
    try {
      return await run.build(channel, `preview-${localDate(now, channel.timezone)}`, now);
    } finally {
      run.close();
    }
  }

  /** Each slot's window first, so the run's one pool covers exactly the widest of them. */
  async function plannedRun(slots: readonly ScheduledSlot[]) {
    const windows: DigestWindow[] = [];
    for (const slot of slots) windows.push(await resolveWindow(deps, slot.channel, slot.dueAt));
    const poolSince = windows.reduce<Date | undefined>((min, w) => (min === undefined || w.since < min ? w.since : min), undefined);
    return { run: createDigestRun(deps, deps.clock.now(), poolSince ? { poolSince } : {}), windows };
  }

  return {
    async preview(ref) {
      const channel = (await deps.channels.get(ref)) ?? defaultChannelSettings(ref, deps.defaults.timezone);
      return previewOf(channel, deps.clock.now());
    },

    async postNow(ref, by) {
      const now = deps.clock.now();
      const channel = await deps.channels.get(ref);
      if (!channel) {
        const digest = await previewOf(defaultChannelSettings(ref, deps.defaults.timezone), now);
        return {
          posted: false,
          digest,
          messageId: null,
          reason: 'this channel has no digest set up yet; subscribe to a topic or set a schedule first',
        };
      }
      const publisher = deps.publishers.get(channel.platform);
      const slotKey = `${MANUAL_SLOT_PREFIX}${(deps.newId ?? randomId)()}`;
      if (!publisher) {
        return {
          posted: false,
          digest: await previewOf(channel, now),
          messageId: null,
          reason: `paperboy cannot post to ${channel.platform} channels here`,
        };
      }
      const run = createDigestRun(deps, now);
      try {
        deps.log.info({ channel: `${ref.platform}:${ref.channelId}`, by, slotKey }, 'manual digest requested');
        const outcome = await deliverSlot(deliveryDeps(publisher), channel, slotKey, {
          dueAt: null,
          build: () => run.build(channel, slotKey, now),
        });
        count(channel.platform, outcome);
        switch (outcome.status) {
          case 'posted':
            return { posted: true, digest: outcome.digest ?? (await run.build(channel, slotKey, now)), messageId: outcome.messageId };
          case 'skipped':
            return { posted: false, digest: outcome.digest, messageId: null, reason: asReason(outcome.digest.emptyText) };
          case 'failed': {
            const reason =
              outcome.cause instanceof ChannelUnavailableError
                ? `paperboy cannot post here (${outcome.cause.reason}); digests are paused until that is fixed`
                : 'posting to this channel failed; try again in a minute';
            return { posted: false, digest: outcome.digest ?? (await previewOf(channel, now)), messageId: null, reason };
          }
          case 'not-claimed':
            return {
              posted: false,
              digest: await previewOf(channel, now),
              messageId: null,
              reason: 'another digest is being posted here right now',
            };
        }
      } finally {
        run.close();
      }
    },

    async buildScheduled(slots) {
      const { run, windows } = await plannedRun(slots);
      try {
        const digests: Digest[] = [];
        for (const [i, slot] of slots.entries()) digests.push(await run.build(slot.channel, slot.slotKey, slot.dueAt, windows[i]));
        return digests;
      } finally {
        run.close();
      }
    },

    async deliverScheduled(slots, options = {}) {
      const { signal } = options;
      const { run, windows } = await plannedRun(slots);
      const deliverOne = async (slot: ScheduledSlot, window: DigestWindow | undefined): Promise<DeliveryOutcome> => {
        const publisher = deps.publishers.get(slot.channel.platform);
        let outcome: DeliveryOutcome;
        try {
          outcome = publisher
            ? await deliverSlot(deliveryDeps(publisher), slot.channel, slot.slotKey, {
                dueAt: slot.dueAt,
                build: () => run.build(slot.channel, slot.slotKey, slot.dueAt, window),
                ...(signal ? { signal } : {}),
              })
            : { status: 'failed', digest: null, error: `no publisher for platform ${slot.channel.platform}`, cause: null };
        } catch (error) {
          // A store failure on one slot (its channel just removed, a locked database) must not stop the others.
          deps.log.error(
            { channel: `${slot.channel.platform}:${slot.channel.channelId}`, slotKey: slot.slotKey, error: describeError(error) },
            'digest slot delivery failed',
          );
          outcome = { status: 'failed', digest: null, error: describeError(error), cause: error };
        }
        count(slot.channel.platform, outcome);
        return outcome;
      };
      let fanned: Awaited<ReturnType<typeof fanOut>> | null = null;
      try {
        fanned = await fanOut(slots.length, (i) => deliverOne(slots[i] as ScheduledSlot, windows[i]), {
          log: deps.log,
          signal,
          describe: (i) => ({ channel: `${slots[i]?.channel.platform}:${slots[i]?.channel.channelId}`, slotKey: slots[i]?.slotKey }),
          ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
          ...(deps.slotWaitMs === undefined ? {} : { slotWaitMs: deps.slotWaitMs }),
        });
      } finally {
        // A slot still posting may still be building from the run's pool: close it when the last one settles.
        if (fanned) void fanned.settled.then(() => run.close());
        else run.close();
      }
      const { outcomes } = fanned;
      return slots.flatMap((slot, i) => {
        const outcome = outcomes[i];
        return outcome ? [{ slot, outcome }] : [];
      });
    },
  };
}
