/**
 * Delivering many scheduled slots at once (docs/architecture.md §8): a few workers, so one slow or failing channel
 * holds one worker only, and a bounded wait per slot, so a post stuck behind a platform's long 429 waits cannot hold
 * the tick (and every later slot) hostage — it goes on in the background under its claim's lease.
 */
import type { DeliveryOutcome } from './delivery.ts';
import type { Logger } from '../logger.ts';

/** How long a tick waits for one scheduled slot before moving on. */
export const SLOT_WAIT_MS = 3 * 60_000;

/** Slots delivered at once: publishing is network-bound, the store work is not. */
export const DEFAULT_CONCURRENCY = 8;

/** A scheduled slot's outcome; `pending` = still posting after the wait, left to finish under its lease. */
export type ScheduledOutcome = DeliveryOutcome | { status: 'pending' };

/** The outcome, or `pending` when it takes longer than `ms` (the promise goes on). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | { status: 'pending' }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<{ status: 'pending' }>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'pending' }), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Options of a fan-out. */
export interface FanOutOptions {
  concurrency?: number;
  slotWaitMs?: number;
  /** Once aborted, no further item starts (those in flight finish). */
  signal?: AbortSignal | undefined;
  log: Logger;
  /** Log context of an item. */
  describe: (index: number) => object;
}

/**
 * Runs `deliver` for each index with bounded concurrency and a bounded wait each. Resolves with the outcome per
 * attempted index (holes for items not started) and a promise that settles when every started delivery has.
 */
export async function fanOut(
  count: number,
  deliver: (index: number) => Promise<DeliveryOutcome>,
  options: FanOutOptions,
): Promise<{ outcomes: Array<ScheduledOutcome | undefined>; settled: Promise<unknown> }> {
  const outcomes: Array<ScheduledOutcome | undefined> = new Array(count);
  const started: Array<Promise<DeliveryOutcome>> = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count && !options.signal?.aborted; i = next++) {
      const delivery = deliver(i);
      started.push(delivery);
      const outcome = await within(delivery, options.slotWaitMs ?? SLOT_WAIT_MS);
      if (outcome.status === 'pending') {
        const context = options.describe(i);
        options.log.warn(context, 'digest still posting; moving on (its claim protects it)');
        void delivery.then((late) => options.log.info({ ...context, status: late.status }, 'a digest that was still posting finished'));
      }
      outcomes[i] = outcome;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, count)) }, worker));
  return { outcomes, settled: Promise.allSettled(started) };
}
