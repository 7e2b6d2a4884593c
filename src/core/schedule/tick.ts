/**
 * The scheduler tick (docs/architecture.md §9): once a minute, deliver the due digests, then start the due source
 * refreshes (in the background). Ticks never overlap: one that finds the previous still running is skipped and
 * logged. Stopping lets in-flight posts finish (bounded), starts no new ones, then waits for refreshes.
 */
import type { Clock } from '../clock.ts';
import { DELIVERY_LEASE_MS } from '../digest/delivery.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Refresher } from './refresh-cadence.ts';
import type { DigestRunSummary, ScheduleRunner } from './runner.ts';

/** `/healthz` wants a tick that finished within this. */
export const HEALTHY_TICK_AGE_MS = 2 * 60_000;

/** How the scheduler is doing, for `/healthz` and `/papers status`. */
export interface TickHealth {
  /** When the newest tick that completed without an error started. */
  lastTickAt: Date | null;
  /** When the tick running now started; null when none runs. */
  runningSince: Date | null;
  lastError: string | null;
}

/** What the ticker needs. */
export interface TickerDeps {
  runner: Pick<ScheduleRunner, 'runDue'>;
  refresher?: Pick<Refresher, 'kick' | 'drain'> | null;
  clock: Clock;
  log: Logger;
  metrics?: Pick<Metrics, 'recordTick'>;
}

/** Runs ticks; the cron job (src/scheduler) calls `runTick` every minute. */
export interface Ticker {
  /** One tick at the clock's now; null when skipped (a tick is running, or the ticker stopped). Never throws. */
  runTick(): Promise<DigestRunSummary | null>;
  health(): TickHealth;
  /** Stops ticking: no new slot starts, in-flight posts get up to `timeoutMs`, then refreshes the rest of it. */
  stop(timeoutMs: number): Promise<void>;
}

/** Whether the scheduler is healthy at `now`, and if not, why (for a 503). */
export function tickVerdict(health: TickHealth, now: Date): { ok: true } | { ok: false; reason: string } {
  const age = (at: Date) => Math.round((now.getTime() - at.getTime()) / 1000);
  if (health.lastTickAt && now.getTime() - health.lastTickAt.getTime() <= HEALTHY_TICK_AGE_MS) return { ok: true };
  // A big fan-out may keep one tick busy for minutes; that is alive, up to the delivery lease.
  if (health.runningSince && now.getTime() - health.runningSince.getTime() <= DELIVERY_LEASE_MS) return { ok: true };
  if (health.runningSince) return { ok: false, reason: `the scheduler tick has been running for ${age(health.runningSince)} s` };
  if (!health.lastTickAt)
    return { ok: false, reason: health.lastError ? `the scheduler tick failed: ${health.lastError}` : 'the scheduler has not ticked yet' };
  const failed = health.lastError ? ` (the last one failed: ${health.lastError})` : '';
  return { ok: false, reason: `the last scheduler tick was ${age(health.lastTickAt)} s ago${failed}` };
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** Creates the ticker. */
export function createTicker(deps: TickerDeps): Ticker {
  const health: TickHealth = { lastTickAt: null, runningSince: null, lastError: null };
  const stopping = new AbortController();
  let running: Promise<DigestRunSummary | null> | null = null;

  async function tick(now: Date): Promise<DigestRunSummary | null> {
    const started = performance.now();
    try {
      const summary = await deps.runner.runDue(now, { signal: stopping.signal });
      health.lastTickAt = now;
      health.lastError = null;
      const context = { at: now.toISOString(), ...summary };
      if (summary.due > 0 || summary.missed > 0 || summary.errors > 0) deps.log.info(context, 'tick delivered digests');
      else deps.log.debug(context, 'tick found nothing due');
      return summary;
    } catch (error) {
      health.lastError = describeError(error);
      deps.log.error({ at: now.toISOString(), err: health.lastError }, 'tick failed');
      return null;
    } finally {
      deps.metrics?.recordTick(performance.now() - started);
      // Refreshes start after the tick's digests and are never awaited: a slow or failing source cannot delay a
      // digest, and a digest's footer reflects how the previous refresh ended, not one that just started.
      if (!stopping.signal.aborted) await deps.refresher?.kick(now);
    }
  }

  return {
    runTick() {
      const now = deps.clock.now();
      if (stopping.signal.aborted) return Promise.resolve(null);
      if (running) {
        deps.log.warn(
          { at: now.toISOString(), runningSince: health.runningSince?.toISOString() },
          'tick skipped: the previous tick is still running',
        );
        return Promise.resolve(null);
      }
      health.runningSince = now;
      running = tick(now).finally(() => {
        running = null;
        health.runningSince = null;
      });
      return running;
    },

    health: () => ({ ...health }),

    async stop(timeoutMs) {
      stopping.abort();
      const deadline = Date.now() + timeoutMs;
      if (running) await withTimeout(running, timeoutMs);
      if (deps.refresher) await deps.refresher.drain(Math.max(0, deadline - Date.now()));
    },
  };
}
