import { describe, expect, it } from 'vitest';
import { startTickJob, TICK_EXPRESSION } from '../../src/scheduler/cron.ts';
import { recordingLogger } from '../store/sqlite/helpers.ts';

describe('the node-cron tick job', () => {
  it('GIVEN runNow THEN one tick runs at once, the job is every minute on the minute (UTC), and stop ends it', async () => {
    const log = recordingLogger();
    let ticks = 0;
    const job = startTickJob({ runTick: async () => (ticks++, null) }, log, { runNow: true });
    expect(ticks).toBe(1);
    expect(TICK_EXPRESSION).toBe('* * * * *');
    const started = log.lines.find((l) => l.message === 'scheduler started');
    const next = Date.parse((started?.context as { next: string }).next);
    expect(next % 60_000).toBe(0);
    expect(next - Date.now()).toBeGreaterThan(0);
    expect(next - Date.now()).toBeLessThanOrEqual(60_000);
    await job.stop();
    expect(ticks).toBe(1);
  });

  it('GIVEN no runNow THEN nothing runs before the first minute', async () => {
    let ticks = 0;
    const job = startTickJob({ runTick: async () => (ticks++, null) }, recordingLogger());
    expect(ticks).toBe(0);
    await job.stop();
  });
});
