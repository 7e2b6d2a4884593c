/**
 * Graceful shutdown through the composition root: a stop while a digest is posting lets that post finish and be
 * recorded, starts nothing new, then closes the health server and the database and resolves with exit code 0.
 */
import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/core/channel.ts';
import { redated, samplePapers } from '../core/digest/digest-fixtures.ts';
import { simClock, startSim } from './sim-world.ts';

const DAY = '2025-11-12';

describe('shutdown', () => {
  it('GIVEN a digest still posting (behind 429 waits) WHEN stopped THEN it finishes and is recorded; exit 0; server and database closed', async () => {
    const clock = simClock(new Date(`${DAY}T07:00:00Z`), { realSleep: true });
    const sim = await startSim(clock, { env: { PAPERBOY_OFFLINE: 'true' } });
    const { app } = sim;
    await app.papers.upsertMany(
      samplePapers().map((item) => redated(item, new Date(`${DAY}T00:00:00Z`))),
      clock.now(),
    );
    const ref = { platform: 'slack', channelId: 'C0SLOW' };
    await app.channels.ensure(ref, { timezone: 'Europe/Berlin', createdBy: 'U1' }, clock.now());
    await app.channels.update(ref, { digestTime: '09:00', days: [...WEEKDAYS] });
    sim.slack.enqueue('chat.postMessage', { status: 429, retryAfter: 1 }, { channel: 'C0SLOW' });

    clock.set(new Date(`${DAY}T08:00:00Z`));
    const tick = app.ticker.runTick();
    await sim.slack.waitFor(() => sim.slack.callsTo('chat.postMessage', 'C0SLOW').length === 1);
    const started = Date.now();
    expect(await sim.shutdown()).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await tick).toMatchObject({ posted: 1 });
    expect(sim.slackDigests('C0SLOW', DAY)).toBe(1);
    expect(app.database).toMatchObject({ kind: 'sqlite', db: { sqlite: { open: false } } });
    await expect(fetch(`${sim.healthUrl}/healthz`)).rejects.toThrow();
  }, 30_000);
});
