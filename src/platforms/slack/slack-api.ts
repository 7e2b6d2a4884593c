/**
 * The Web API client paperboy's own calls use, and per-channel rate limiting. The client rejects a 429 instead
 * of pausing its whole queue (the WebClient default; docs/architecture.md §12), so one channel's Retry-After never
 * stalls the posts to other channels; `createRateGate` waits it out for that channel only.
 */
import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Clock } from '../../core/clock.ts';
import { PaperboyError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';

export type SlackClient = webApi.WebClient;
export type RetryOptions = webApi.RetryOptions;

/** Network errors and 5xx get a few quick retries; after that the caller's own retry (the next tick) takes over. */
export const RETRY: RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 };

/** Longest paperboy waits on 429s for one call before giving up (the slot stays retryable). */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;
const MAX_RATE_LIMITED_ATTEMPTS = 6;

/** A WebClient for `token` against `apiUrl` that rejects rate-limited calls. */
export function createSlackClient(token: string, apiUrl: string, logger: BoltLogger): SlackClient {
  return new webApi.WebClient(token, { slackApiUrl: apiUrl, rejectRateLimitedCalls: true, retryConfig: RETRY, logger });
}

/** Slack's error string (`not_in_channel`, `channel_not_found`, …) of a failed call, or null for other failures. */
export function platformError(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === webApi.ErrorCode.PlatformError && typeof data?.error === 'string' ? data.error : null;
}

/** Milliseconds a 429 asks to wait, or null when the error is not a rate limit. */
export function retryAfterMs(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== webApi.ErrorCode.RateLimitedError) return null;
  return typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? Math.max(0, retryAfter * 1000) : 1000;
}

/** Runs calls under a key (a channel id), waiting out that key's 429s without holding up any other key. */
export interface RateGate {
  call<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** Creates a gate; waits use `clock.sleep`, so tests with a fixed clock do not wait for real. */
export function createRateGate(
  clock: Clock,
  log: Logger,
  maxWaitMs = MAX_RATE_LIMIT_WAIT_MS,
  onRateLimited: () => void = () => {},
): RateGate {
  const blockedUntil = new Map<string, number>();
  return {
    async call(key, fn) {
      let waited = 0;
      for (let attempt = 1; ; attempt++) {
        const wait = (blockedUntil.get(key) ?? 0) - clock.now().getTime();
        if (wait > 0) {
          await clock.sleep(wait);
          waited += wait;
        } else blockedUntil.delete(key);
        try {
          return await fn();
        } catch (error) {
          const ms = retryAfterMs(error);
          if (ms === null) throw error;
          onRateLimited();
          blockedUntil.set(key, clock.now().getTime() + ms);
          log.warn({ key, retryAfterMs: ms, attempt }, 'slack rate limit; waiting on this channel only');
          if (waited + ms > maxWaitMs || attempt >= MAX_RATE_LIMITED_ATTEMPTS) {
            throw new PaperboyError('rate_limited', `Slack kept rate-limiting calls for ${key}`, { cause: error });
          }
        }
      }
    },
  };
}
