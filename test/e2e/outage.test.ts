/**
 * Outages (issue 6): Hugging Face answering 500 for an hour does not move a digest (they are posted on time from
 * stored papers, with the stale note in the footer); a 429 storm on one channel does not delay the other
 * channels' posts, on Discord (discord.js waits per route and channel) and on Slack (paperboy's per-channel gate).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKDAYS, type ChannelRef } from '../../src/core/channel.ts';
import { redated, samplePapers } from '../core/digest/digest-fixtures.ts';
import { sampleItemsOn, simClock, startSim, type Sim } from './sim-world.ts';

const DAY = '2025-11-12';
const MIN = 60_000;

let sim: Sim | null = null;
afterEach(async () => {
  await sim?.shutdown();
  sim = null;
});

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function setUp(s: Sim, ref: ChannelRef, timezone: string, createdAt: Date): Promise<void> {
  await s.app.channels.ensure(ref, { timezone, createdBy: 'U1' }, createdAt);
  await s.app.channels.update(ref, { digestTime: '09:00', days: [...WEEKDAYS] });
}

describe('outages', () => {
  it('GIVEN Hugging Face answering 500 from 07:20 to 08:20 UTC THEN the 09:00 Berlin digests go out at 09:00 with the stale note, which later digests drop', async () => {
    const clock = simClock(new Date(`${DAY}T07:00:00Z`));
    sim = await startSim(clock, { hfItems: sampleItemsOn(DAY), today: DAY });
    const s = sim;
    await s.app.ticker.runTick();
    await waitUntil(async () => (await s.app.papers.count()) === 44, 'the first refresh');
    await setUp(s, { platform: 'discord', channelId: s.discord.channelId }, 'Europe/Berlin', clock.now());
    await setUp(s, { platform: 'slack', channelId: 'C0BERLIN' }, 'Europe/Berlin', clock.now());
    await setUp(s, { platform: 'slack', channelId: 'C0NEWYORK' }, 'America/New_York', clock.now());

    const postedAt = new Map<string, string>();
    for (let at = Date.parse(`${DAY}T07:01:00Z`); at <= Date.parse(`${DAY}T14:00:00Z`); at += MIN) {
      clock.set(new Date(at));
      if (at === Date.parse(`${DAY}T07:20:00Z`)) s.hf.always('daily_papers', { status: 500 });
      if (at === Date.parse(`${DAY}T08:20:00Z`)) s.hf.always('daily_papers', null);
      await s.app.ticker.runTick();
      // The refresh runs beside the tick; let this one settle so the footer sees how it ended.
      await waitUntil(async () => (await s.app.runs.latest()).every((r) => r.last.status !== 'running'), 'the refresh to end');
      if (s.discordDigests(s.discord.channelId, DAY) > 0 && !postedAt.has('discord')) postedAt.set('discord', clock.now().toISOString());
      if (s.slackDigests('C0BERLIN', DAY) > 0 && !postedAt.has('slack')) postedAt.set('slack', clock.now().toISOString());
    }

    expect(Object.fromEntries(postedAt)).toEqual({ discord: `${DAY}T08:00:00.000Z`, slack: `${DAY}T08:00:00.000Z` });
    const stale = 'Hugging Face unreachable since 07:30 UTC; showing stored papers';
    const discordFooter = s.discord
      .messages(s.discord.channelId)
      .map((m) => JSON.stringify(m.embeds))
      .join();
    expect(discordFooter).toContain(stale);
    const slackText = (channel: string) => JSON.stringify(s.slack.workspace.messages.filter((m) => m.channel === channel));
    expect(slackText('C0BERLIN')).toContain(stale);
    // New York's 09:00 (14:00 UTC) comes after Hugging Face recovered: no stale note.
    expect(s.slackDigests('C0NEWYORK', DAY)).toBe(1);
    expect(slackText('C0NEWYORK')).not.toContain('unreachable');
    expect(s.hf.requestsTo('daily_papers').filter((r) => r.query.date === DAY).length).toBeGreaterThanOrEqual(14);
  }, 60_000);

  it('GIVEN a 429 storm on one Discord and one Slack channel THEN the other channels are posted at once; the stormy ones once, later', async () => {
    const clock = simClock(new Date(`${DAY}T07:00:00Z`), { realSleep: true });
    sim = await startSim(clock, { env: { PAPERBOY_OFFLINE: 'true' } });
    const s = sim;
    const items = samplePapers().map((item, i) => redated(item, new Date(`${DAY}T00:00:00Z`), { upvotes: 40 - i }));
    await s.app.papers.upsertMany(items, clock.now());
    const discordIds = [s.discord.channelId, s.discord.addChannel('calm'), s.discord.addChannel('stormy')];
    const slackIds = ['C0CALM1', 'C0CALM2', 'C0STORMY'];
    for (const channelId of discordIds) await setUp(s, { platform: 'discord', channelId }, 'Europe/Berlin', clock.now());
    for (const channelId of slackIds) await setUp(s, { platform: 'slack', channelId }, 'Europe/Berlin', clock.now());
    const stormyDiscord = discordIds[2] as string;
    s.discord.setChannelFailure(stormyDiscord, { status: 429, retryAfter: 1 });
    for (let i = 0; i < 4; i++) s.slack.enqueue('chat.postMessage', { status: 429, retryAfter: 1 }, { channel: 'C0STORMY' });

    clock.set(new Date(`${DAY}T08:00:00Z`));
    const started = Date.now();
    const tick = s.app.ticker.runTick();
    const calm = () =>
      discordIds.slice(0, 2).every((id) => s.discordDigests(id, DAY) === 1) &&
      slackIds.slice(0, 2).every((id) => s.slackDigests(id, DAY) === 1);
    await waitUntil(calm, 'the calm channels’ digests');
    const calmMs = Date.now() - started;
    expect(s.discordDigests(stormyDiscord, DAY) + s.slackDigests('C0STORMY', DAY)).toBe(0);
    // The Discord storm lasts 2.5 s; discord.js keeps waiting it out on that channel's bucket only.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    s.discord.setChannelFailure(stormyDiscord, null);
    expect(await tick).toMatchObject({ due: 6, posted: 6, failed: 0 });
    const stormyMs = Date.now() - started;

    expect(calmMs).toBeLessThan(1_000);
    expect(stormyMs).toBeGreaterThanOrEqual(2_500);
    expect(s.discordDigests(stormyDiscord, DAY)).toBe(1);
    expect(s.slackDigests('C0STORMY', DAY)).toBe(1);
    expect(s.slack.callsTo('chat.postMessage', 'C0STORMY').filter((c) => c.status === 429)).toHaveLength(4);
  }, 60_000);
});
