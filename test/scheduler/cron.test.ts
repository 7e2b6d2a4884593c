/**
 * The node-cron job as the bot runs it, driven by fake timers (node-cron schedules with setTimeout and reads Date):
 * a tick at the start of every minute and none between, never two ticks at once (the real ticker skips while one
 * runs), node-cron's own error reports through our logger, and no tick after stop().
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { DigestRunSummary } from '../../src/core/schedule/runner.ts';
import { createTicker } from '../../src/core/schedule/tick.ts';
import { startTickJob, type TickJob } from '../../src/scheduler/cron.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

const START = new Date('2025-03-04T11:59:30.250Z');
const MINUTE = 60_000;
const EMPTY: DigestRunSummary = { channels: 0, due: 0, posted: 0, failed: 0, skipped: 0, pending: 0, missed: 0, errors: 0 };
const minute = (hhmm: string) => `2025-03-04T${hhmm}:00.000Z`;

let job: TickJob | null = null;
beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(async () => {
  await job?.stop();
  job = null;
  vi.useRealTimers();
});

/** The real ticker on the (faked) system clock over a runner that records when it was asked to deliver. */
function tickerWith(runDue: (now: Date) => Promise<DigestRunSummary>) {
  const log = createRecordingLogger();
  const ticks: string[] = [];
  const ticker = createTicker({ runner: { runDue: (now) => (ticks.push(now.toISOString()), runDue(now)) }, clock: systemClock, log });
  return { ticker, log, ticks };
}

describe('the node-cron tick job', () => {
  it('GIVEN the job THEN the core tick runs at the start of every minute and not between', async () => {
    const { ticker, log, ticks } = tickerWith(async () => EMPTY);
    job = startTickJob(ticker, log);
    expect(log.entries.find((e) => e.message === 'scheduler started')?.context).toMatchObject({ next: minute('12:00') });
    await vi.advanceTimersByTimeAsync(29_749);
    expect(ticks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toEqual([minute('12:00')]);
    await vi.advanceTimersByTimeAsync(3 * MINUTE - 1);
    expect(ticks).toEqual([minute('12:00'), minute('12:01'), minute('12:02')]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks).toEqual([minute('12:00'), minute('12:01'), minute('12:02'), minute('12:03')]);
  });

  it('GIVEN runNow THEN one tick runs at once, and the next on the minute', async () => {
    const { ticker, log, ticks } = tickerWith(async () => EMPTY);
    job = startTickJob(ticker, log, { runNow: true });
    expect(ticks).toEqual([START.toISOString()]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(ticks).toEqual([START.toISOString(), minute('12:00')]);
  });

  it('GIVEN a tick that runs for minutes THEN the minutes meanwhile are skipped with a warning, and ticking goes on after it', async () => {
    let finish: (summary: DigestRunSummary) => void = () => {};
    const slow = new Promise<DigestRunSummary>((resolve) => (finish = resolve));
    const { ticker, log, ticks } = tickerWith((now) => (now.toISOString() === minute('12:00') ? slow : Promise.resolve(EMPTY)));
    job = startTickJob(ticker, log);
    await vi.advanceTimersByTimeAsync(30_000 + 2 * MINUTE);
    expect(ticks).toEqual([minute('12:00')]);
    expect(log.entries.filter((e) => e.message === 'tick skipped: the previous tick is still running').map((e) => e.context.at)).toEqual([
      minute('12:01'),
      minute('12:02'),
    ]);
    finish(EMPTY);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(ticks).toEqual([minute('12:00'), minute('12:03')]);
  });

  it('GIVEN a tick that throws THEN node-cron reports it through our logger and the next minute still ticks', async () => {
    const log = createRecordingLogger();
    const ticks: number[] = [];
    const failing = {
      runTick: async () => {
        ticks.push(Date.now());
        if (ticks.length === 1) throw new Error('disk I/O error');
        return EMPTY;
      },
    };
    job = startTickJob(failing, log);
    await vi.advanceTimersByTimeAsync(30_000 + MINUTE);
    expect(ticks).toEqual([Date.parse(minute('12:00')), Date.parse(minute('12:01'))]);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([
      expect.objectContaining({ message: 'node-cron error', context: expect.objectContaining({ source: 'node-cron' }) }),
    ]);
  });

  it('GIVEN stop() THEN no tick runs afterwards', async () => {
    const { ticker, log, ticks } = tickerWith(async () => EMPTY);
    job = startTickJob(ticker, log);
    await vi.advanceTimersByTimeAsync(30_000);
    await job.stop();
    job = null;
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(ticks).toEqual([minute('12:00')]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
