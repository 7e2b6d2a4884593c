/**
 * Publishing one claimed digest with bounded retries (docs/architecture.md §8): a 5xx, timeout or network failure is
 * retried after a backoff, but only after asking the platform whether the failed call posted anyway (a timeout after
 * the platform accepted it), so a retry never duplicates a post. Anything else fails at once for the caller to
 * record.
 */
import type { ChannelSettings } from '../channel.ts';
import type { Clock } from '../clock.ts';
import type { Digest } from './model.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Publisher } from '../ports.ts';
import { isTransientError } from '../transient-errors.ts';

/**
 * Waits before the 2nd and 3rd attempt of one slot within a tick. The SDKs already retry a 5xx once or twice
 * within a second; these cover a longer blip (~10 s) and then leave the slot for the next tick.
 */
export const PUBLISH_RETRY_DELAYS_MS: readonly number[] = [2_000, 8_000];

/** What publishing ended with; `stage` names the step that failed, for the slot's `last_error`. */
export type PublishResult = { ok: true; messageId: string; reconciled: boolean } | { ok: false; stage: string; cause: unknown };

/** What publishing needs. */
export interface PublishDeps {
  publisher: Publisher;
  clock: Clock;
  log: Logger;
  retryDelaysMs?: readonly number[];
}

/** Publishes `digest` (marker inside) to `channel`; `since` is when the slot was claimed (where to look for a post). */
export async function publishWithRetries(
  deps: PublishDeps,
  channel: ChannelSettings,
  digest: Digest,
  options: { since: Date; signal?: AbortSignal | undefined },
): Promise<PublishResult> {
  const delays = deps.retryDelaysMs ?? PUBLISH_RETRY_DELAYS_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { messageId } = await deps.publisher.publish(channel, digest);
      return { ok: true, messageId, reconciled: false };
    } catch (error) {
      const delay = delays[attempt - 1];
      if (delay === undefined || !isTransientError(error) || options.signal?.aborted)
        return { ok: false, stage: 'posting the digest', cause: error };
      deps.log.warn({ attempt, retryInMs: delay, err: describeError(error) }, 'posting the digest failed; retrying after a pause');
      try {
        await deps.clock.sleep(delay, options.signal);
      } catch {
        // Shutting down: the slot stays retryable and the next start looks for the post before trying again.
        return { ok: false, stage: 'posting the digest', cause: error };
      }
    }
    let found: { messageId: string } | null;
    try {
      found = await deps.publisher.findByMarker(channel, digest.marker, options.since);
    } catch (error) {
      return { ok: false, stage: 'checking for an earlier post', cause: error };
    }
    if (found) {
      deps.log.info({ messageId: found.messageId, attempt }, 'the failed attempt had posted after all; not posting again');
      return { ok: true, messageId: found.messageId, reconciled: true };
    }
  }
}
