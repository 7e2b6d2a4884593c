/**
 * The one node-cron job (docs/architecture.md §9): every minute, on the minute (UTC, so DST never skips or doubles a
 * run), call the core tick, which reads the injected clock. The only place that imports node-cron.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { describeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Ticker } from '../core/schedule/tick.ts';

/** Every minute at second 0. */
export const TICK_EXPRESSION = '* * * * *';

/** The running job. */
export interface TickJob {
  /** Stops the job; a tick already running is the ticker's to finish. */
  stop(): Promise<void>;
}

/** node-cron's own warnings (a missed run after a blocked event loop) go through our logger. */
function cronLogger(log: Logger) {
  return {
    info: (message: string) => log.info({ source: 'node-cron' }, message),
    warn: (message: string) => log.warn({ source: 'node-cron' }, message),
    error: (message: string | Error) => log.error({ source: 'node-cron', err: describeError(message) }, 'node-cron error'),
    debug: (message: string | Error) => log.debug({ source: 'node-cron', detail: describeError(message) }, 'node-cron debug'),
  };
}

/**
 * Starts the job. With `runNow`, one tick also runs at once: a restart catches up on missed digests and stale
 * sources without waiting for the next minute.
 */
export function startTickJob(ticker: Pick<Ticker, 'runTick'>, log: Logger, options: { runNow?: boolean } = {}): TickJob {
  // The ticker never throws and skips overlapping runs itself (logged), so node-cron's noOverlap is not needed.
  const task: ScheduledTask = cron.schedule(TICK_EXPRESSION, () => ticker.runTick(), {
    name: 'paperboy-tick',
    timezone: 'UTC',
    logger: cronLogger(log),
  });
  if (options.runNow) void ticker.runTick();
  log.info({ expression: TICK_EXPRESSION, next: task.getNextRun()?.toISOString() ?? null }, 'scheduler started');
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
