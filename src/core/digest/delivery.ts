/**
 * The exactly-once delivery path (docs/architecture.md §8): claim the slot → (on a retry, reconcile by marker) →
 * build → publish → record the message id and the delivered papers. A slot is never posted twice: a second caller
 * finds it claimed or done, and a retry after a crash first asks the platform whether the post is already there.
 */
import type { ChannelSettings } from '../channel.ts';
import type { Clock } from '../clock.ts';
import type { Digest } from './model.ts';
import { publishWithRetries } from './publish.ts';
import { digestMarker } from './text.ts';
import { ChannelUnavailableError, describeError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ChannelStore, DeliveryStore, Publisher } from '../ports.ts';

/** Slot keys of `digest now` are `manual-<id>`; they never count as a channel's previous scheduled slot. */
export const MANUAL_SLOT_PREFIX = 'manual-';

/**
 * How long a claim protects a slot. Longer than any honest attempt (build + publish with its capped 429 waits and
 * retries, a minute or two), short enough that a slot whose worker crashed is retried within the catch-up grace.
 */
export const DELIVERY_LEASE_MS = 10 * 60_000;

/** What the path needs. */
export interface DeliveryDeps {
  deliveries: DeliveryStore;
  /** Pauses a channel the platform says is gone or closed to the bot (docs/architecture.md §8); else it only fails. */
  channels?: Pick<ChannelStore, 'setPaused'>;
  publisher: Publisher;
  clock: Clock;
  log: Logger;
  leaseMs?: number;
  /** Waits between publish attempts within one call (default PUBLISH_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
}

/** What happened to the slot. */
export type DeliveryOutcome =
  | { status: 'posted'; messageId: string; digest: Digest | null; reconciled: boolean }
  | { status: 'skipped'; digest: Digest }
  | { status: 'failed'; digest: Digest | null; error: string; cause: unknown }
  /** Nothing done: the slot was already posted or skipped, or another live attempt holds it. */
  | { status: 'not-claimed'; slotStatus: 'posted' | 'skipped' | 'claimed' | 'failed' };

/** Delivers one slot of one channel; never throws for a build, reconcile or publish failure (it records them). */
export async function deliverSlot(
  deps: DeliveryDeps,
  channel: ChannelSettings,
  slotKey: string,
  options: { dueAt: Date | null; build: () => Promise<Digest>; signal?: AbortSignal },
): Promise<DeliveryOutcome> {
  const log = deps.log.child({ channel: `${channel.platform}:${channel.channelId}`, slotKey });
  const marker = digestMarker(channel, slotKey);
  const claimedAt = deps.clock.now();
  const claim = await deps.deliveries.claim(channel, slotKey, {
    dueAt: options.dueAt,
    marker,
    at: claimedAt,
    leaseMs: deps.leaseMs ?? DELIVERY_LEASE_MS,
  });
  if (!claim.claimed) {
    log.debug({ status: claim.status }, 'slot not claimed');
    return { status: 'not-claimed', slotStatus: claim.status };
  }
  const fail = async (digest: Digest | null, stage: string, cause: unknown): Promise<DeliveryOutcome> => {
    const error = `${stage}: ${describeError(cause)}`;
    await deps.deliveries.recordFailed(claim.slotId, error, deps.clock.now());
    if (cause instanceof ChannelUnavailableError && deps.channels) {
      // Retrying cannot help until someone fixes access; /papers status shows why, /papers resume restarts it.
      await deps.channels.setPaused(channel, true, cause.reason);
      log.warn({ attempt: claim.attempt, reason: cause.reason }, 'channel unavailable; paused it');
      return { status: 'failed', digest, error, cause };
    }
    log.warn({ attempt: claim.attempt, error }, 'digest delivery failed; the slot stays retryable');
    return { status: 'failed', digest, error, cause };
  };

  if (claim.previousClaimAt !== null) {
    // An earlier attempt may have posted and died before recording it: look before posting again.
    let found: { messageId: string } | null;
    try {
      found = await deps.publisher.findByMarker(channel, marker, claim.previousClaimAt);
    } catch (error) {
      // Not knowing whether it is there is no reason to risk a second copy; the next tick asks again.
      return fail(null, 'checking for an earlier post', error);
    }
    if (found) {
      await deps.deliveries.recordPosted(claim.slotId, {
        messageId: found.messageId,
        paperIds: claim.plannedPaperIds ?? [],
        at: deps.clock.now(),
      });
      log.info({ messageId: found.messageId, attempt: claim.attempt }, 'found the earlier post of this slot; recorded it');
      return { status: 'posted', messageId: found.messageId, digest: null, reconciled: true };
    }
  }

  let digest: Digest;
  try {
    digest = await options.build();
  } catch (error) {
    return fail(null, 'building the digest', error);
  }
  if (digest.cards.length === 0 && channel.empty === 'skip') {
    await deps.deliveries.recordSkipped(claim.slotId, deps.clock.now(), 'nothing new');
    log.info({}, 'empty digest skipped (channel setting)');
    return { status: 'skipped', digest };
  }
  const paperIds = digest.cards.map((card) => card.id);
  await deps.deliveries.plan(claim.slotId, paperIds, deps.clock.now());
  const published = await publishWithRetries({ ...deps, log }, channel, digest, { since: claimedAt, signal: options.signal });
  if (!published.ok) return fail(digest, published.stage, published.cause);
  const { messageId, reconciled } = published;
  await deps.deliveries.recordPosted(claim.slotId, { messageId, paperIds, at: deps.clock.now() });
  log.info({ messageId, papers: paperIds.length, attempt: claim.attempt }, 'digest posted');
  return { status: 'posted', messageId, digest, reconciled };
}
