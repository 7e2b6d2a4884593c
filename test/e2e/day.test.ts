/**
 * A full simulated day through the composition root, in process, with the clock moved minute by minute and both
 * platforms wired to their loopback fakes: the source refresh ingests Hugging Face's list, commands set up three
 * channels in two time zones on Discord and Slack, each gets its 09:00 digest once and on time, commands run in
 * between (status shows the next digest), /healthz and /metrics answer over HTTP, and shutdown exits 0.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sampleItemsOn, simClock, startSim, type Sim } from './sim-world.ts';

const DAY = '2025-11-12';
const MIN = 60_000;
const BERLIN_0900 = `${DAY}T08:00:00.000Z`;
const NEW_YORK_0900 = `${DAY}T14:00:00.000Z`;

let sim: Sim | null = null;
afterAll(async () => {
  await sim?.shutdown();
});

describe('a simulated day: ingest → digests at 09:00 in three channels, two zones, two platforms → commands → shutdown', () => {
  it('GIVEN the bot from 05:00 to 20:00 UTC THEN each channel gets exactly one digest at its local 09:00', async () => {
    const clock = simClock(new Date(`${DAY}T05:00:00Z`));
    sim = await startSim(clock, { hfItems: sampleItemsOn(DAY), today: DAY });
    const { app, discord } = sim;

    // 05:00: the first tick refreshes Hugging Face in the background; the store fills from the fake.
    await app.ticker.runTick();
    await waitUntil(async () => (await app.papers.count()) === 44, 'the first refresh to ingest the sample');

    // Commands set the channels up: Berlin on Discord and Slack, New York on Slack.
    const D1 = discord.channelId;
    expect(await sim.discordCommand(D1, 'schedule', { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' })).toMatch(
      /09:00 Europe\/Berlin/,
    );
    expect(await sim.slackCommand('C0BERLIN', 'schedule time:09:00 timezone:Europe/Berlin days:weekdays')).toMatch(/09:00 Europe\/Berlin/);
    expect(await sim.slackCommand('C0NEWYORK', 'schedule time:09:00 timezone:America/New_York days:weekdays')).toMatch(
      /09:00 America\/New_York/,
    );
    expect(await sim.slackCommand('C0NEWYORK', 'subscribe reinforcement learning')).toMatch(/reinforcement learning/);
    expect(await sim.discordCommand(D1, 'status')).toMatch(/Next digest:\*\* Wed 12 Nov 09:00 Europe\/Berlin/);

    const firstSeen = new Map<string, string>();
    const watch = () => {
      const counts: Record<string, number> = {
        D1: sim?.discordDigests(D1, DAY) ?? 0,
        C0BERLIN: sim?.slackDigests('C0BERLIN', DAY) ?? 0,
        C0NEWYORK: sim?.slackDigests('C0NEWYORK', DAY) ?? 0,
      };
      for (const [key, count] of Object.entries(counts))
        if (count > 0 && !firstSeen.has(key)) firstSeen.set(key, clock.now().toISOString());
      return counts;
    };

    for (let at = Date.parse(`${DAY}T05:01:00Z`); at <= Date.parse(`${DAY}T20:00:00Z`); at += MIN) {
      clock.set(new Date(at));
      await app.ticker.runTick();
      watch();
      if (at === Date.parse(`${DAY}T10:00:00Z`)) {
        // Commands between the digests: status reports the delivery and tomorrow's slot; search and preview answer.
        const status = await sim.discordCommand(D1, 'status');
        expect(status).toMatch(/Next digest:\*\* Thu 13 Nov 09:00 Europe\/Berlin/);
        expect(status).toMatch(/Last delivery:\*\* .*\(2025-11-12\)/);
        expect(status).toMatch(/Scheduler:\*\* running/);
        expect(await sim.slackCommand('C0NEWYORK', 'status')).toMatch(/Wed 12 Nov 09:00 America\/New_York/);
        expect(await sim.slackCommand('C0BERLIN', 'search reinforcement learning')).toMatch(/reinforcement/i);
        expect(await sim.discordCommand(D1, 'digest', { mode: 'preview' })).toMatch(/Trending papers/);
      }
    }

    expect(watch()).toEqual({ D1: 1, C0BERLIN: 1, C0NEWYORK: 1 });
    expect(Object.fromEntries(firstSeen)).toEqual({ D1: BERLIN_0900, C0BERLIN: BERLIN_0900, C0NEWYORK: NEW_YORK_0900 });
    expect(discord.violations).toEqual([]);

    // Health and metrics over loopback HTTP, against the simulated clock.
    const health = await fetch(`${sim.healthUrl}/healthz`);
    expect(health.status).toBe(200);
    const metrics = (await (await fetch(`${sim.healthUrl}/metrics`)).text()).split('\n');
    expect(metrics).toContain('paperboy_digests_total{outcome="posted",platform="discord"} 1');
    expect(metrics).toContain('paperboy_digests_total{outcome="posted",platform="slack"} 2');
    expect(metrics).toContain('paperboy_commands_total{subcommand="schedule",outcome="ok"} 3');
    expect(metrics.some((line) => /^paperboy_source_runs_total\{source="huggingface",status="ok"\} \d+$/.test(line))).toBe(true);
    expect(metrics).toContain('paperboy_tick_duration_seconds_count 901');

    const s = sim;
    sim = null;
    expect(await s.shutdown()).toBe(0);
    expect(discord.closes).toContain(1000);
  }, 120_000);
});

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
