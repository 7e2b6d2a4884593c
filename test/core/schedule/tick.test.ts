import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import type { DigestRunSummary, ScheduleRunner } from '../../../src/core/schedule/runner.ts';
import { createTicker, tickVerdict, type TickHealth } from '../../../src/core/schedule/tick.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { recordingMetrics } from './schedule-world.ts';

const NOW = new Date('2025-03-04T08:00:00Z');
const MIN = 60_000;
const EMPTY: DigestRunSummary = { channels: 0, due: 0, posted: 0, failed: 0, skipped: 0, pending: 0, missed: 0, errors: 0 };

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(runDue: ScheduleRunner['runDue']) {
  const clock = createFixedClock(NOW);
  const log = createRecordingLogger();
  const metrics = recordingMetrics();
  const kicks: Date[] = [];
  const refresher = { kick: async (at: Date) => (kicks.push(at), []), drain: async () => {} };
  return { clock, log, metrics, kicks, ticker: createTicker({ runner: { runDue }, refresher, clock, log, metrics }) };
}

describe('the tick', () => {
  it('GIVEN a tick still running THEN the next one is skipped with a log line, and the one after runs', async () => {
    const gate = deferred<DigestRunSummary>();
    let calls = 0;
    const { ticker, clock, log } = setup(() => (calls++ === 0 ? gate.promise : Promise.resolve(EMPTY)));
    const first = ticker.runTick();
    clock.advance(MIN);
    expect(await ticker.runTick()).toBeNull();
    expect(log.entries.map((l) => l.message)).toContain('tick skipped: the previous tick is still running');
    gate.resolve({ ...EMPTY, due: 1, posted: 1 });
    expect(await first).toMatchObject({ posted: 1 });
    clock.advance(MIN);
    expect(await ticker.runTick()).toEqual(EMPTY);
    expect(calls).toBe(2);
  });

  it('GIVEN ticks THEN each reads the injected clock, starts due refreshes after its digests, and is timed', async () => {
    const seen: Date[] = [];
    let kicksBeforeDigests = 0;
    const { ticker, clock, kicks, metrics } = setup(async (now) => {
      kicksBeforeDigests += kicks.filter((k) => k.getTime() === now.getTime()).length;
      seen.push(now);
      return EMPTY;
    });
    await ticker.runTick();
    clock.advance(MIN);
    await ticker.runTick();
    expect(seen).toEqual([NOW, new Date(NOW.getTime() + MIN)]);
    expect(kicks).toEqual(seen);
    expect(kicksBeforeDigests).toBe(0);
    expect(metrics.ticks).toHaveLength(2);
    expect(ticker.health().lastTickAt).toEqual(seen[1]);
  });

  it('GIVEN the runner throws THEN the tick resolves null, logs it and keeps the last good tick time', async () => {
    let fail = false;
    const { ticker, clock, log } = setup(async () => {
      if (fail) throw new Error('database is locked');
      return EMPTY;
    });
    await ticker.runTick();
    fail = true;
    clock.advance(MIN);
    expect(await ticker.runTick()).toBeNull();
    expect(ticker.health()).toMatchObject({ lastTickAt: NOW, lastError: 'database is locked' });
    expect(log.entries.find((l) => l.message === 'tick failed')).toBeDefined();
  });

  it('GIVEN stop while a tick runs THEN it signals "no new slots", waits for the tick, and later ticks do nothing', async () => {
    const gate = deferred<DigestRunSummary>();
    let signal: AbortSignal | undefined;
    const { ticker } = setup((_now, options) => ((signal = options?.signal), gate.promise));
    const running = ticker.runTick();
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = ticker.stop(5_000);
    expect(signal?.aborted).toBe(true);
    gate.resolve(EMPTY);
    await stopped;
    expect(await running).toEqual(EMPTY);
    expect(await ticker.runTick()).toBeNull();
  });
});

describe('tickVerdict: /healthz', () => {
  const health = (patch: Partial<TickHealth>): TickHealth => ({ lastTickAt: null, runningSince: null, lastError: null, ...patch });
  const ago = (ms: number) => new Date(NOW.getTime() - ms);

  it.each([
    ['a tick 90 s ago', health({ lastTickAt: ago(90_000) }), { ok: true }],
    ['a tick 2 min ago', health({ lastTickAt: ago(2 * MIN) }), { ok: true }],
    ['a long tick running for 5 min', health({ lastTickAt: ago(6 * MIN), runningSince: ago(5 * MIN) }), { ok: true }],
    ['no tick yet', health({}), { ok: false, reason: 'the scheduler has not ticked yet' }],
    ['a tick 3 min ago', health({ lastTickAt: ago(3 * MIN) }), { ok: false, reason: 'the last scheduler tick was 180 s ago' }],
    [
      'a tick stuck for 11 min',
      health({ runningSince: ago(11 * MIN) }),
      { ok: false, reason: 'the scheduler tick has been running for 660 s' },
    ],
    [
      'only failed ticks',
      health({ lastError: 'database is locked' }),
      { ok: false, reason: 'the scheduler tick failed: database is locked' },
    ],
  ])('GIVEN %s THEN the verdict says so', (_label, h, expected) => {
    expect(tickVerdict(h, NOW)).toEqual(expected);
  });
});
