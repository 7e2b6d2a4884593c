import { describe, expect, it } from 'vitest';
import type { ChannelRef, ChannelSettings } from '../../../src/core/channel.ts';
import { createDigestService, type ScheduledSlot } from '../../../src/core/digest/service.ts';
import { recordingPublisher, storeWorld, type RecordingPublisher } from './delivery-fakes.ts';
import { redated, sampleByTitle, samplePapers } from './digest-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = new Date('2025-03-03T08:00:00.000Z'); // 09:00 in Berlin
const TUESDAY = new Date(MONDAY.getTime() + DAY);
const TEAM: ChannelRef = { platform: 'console', channelId: 'team' };
const SAMPLE = samplePapers();

/** A world whose 44 real papers are on Monday's HF list (stamped 00:00 UTC), with upvotes by sample order. */
async function setup() {
  const world = storeWorld(MONDAY);
  const items = SAMPLE.map((item, i) => redated(item, new Date(MONDAY.getTime() - 8 * HOUR), { upvotes: 50 - i }));
  await world.papers.upsertMany(items, new Date(MONDAY.getTime() - HOUR));
  const publisher = recordingPublisher();
  let ids = 0;
  const service = createDigestService({
    ...world,
    publishers: new Map([['console', publisher]]),
    defaults: { timezone: 'UTC' },
    newId: () => `id${++ids}`,
    footer: async () => ['Hugging Face: last refreshed 08:30 UTC'],
  });
  return { ...world, publisher, service };
}

type World = Awaited<ReturnType<typeof setup>>;

async function channel(
  world: World,
  ref: ChannelRef,
  patch: Partial<ChannelSettings> = {},
  topics: string[] = [],
): Promise<ChannelSettings> {
  await world.channels.ensure(ref, { timezone: 'Europe/Berlin', createdBy: 'U1' }, MONDAY);
  for (const raw of topics) await world.channels.addTopic(ref, { normalized: raw.toLowerCase(), raw }, 'U1', MONDAY);
  return world.channels.update(ref, patch);
}

const slotOf = (ch: ChannelSettings, dueAt: Date): ScheduledSlot => ({ channel: ch, slotKey: dueAt.toISOString().slice(0, 10), dueAt });
const postedIds = (p: RecordingPublisher) => p.published.map((post) => post.digest.cards.map((c) => c.id));

describe('digest service: scheduled slots through the real delivery path', () => {
  it('GIVEN two consecutive daily slots THEN the second never repeats a paper the first showed', async () => {
    const world = await setup();
    const ch = await channel(world, TEAM);
    const [monday] = await world.service.deliverScheduled([slotOf(ch, MONDAY)]);
    expect(monday?.outcome.status).toBe('posted');
    world.clock.advance(DAY);
    const [tuesday] = await world.service.deliverScheduled([slotOf(ch, TUESDAY)]);
    expect(tuesday?.outcome.status).toBe('posted');
    const [first = [], second = []] = postedIds(world.publisher);
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(await world.deliveries.shownAmong(TEAM, [...first, ...second])).toEqual(new Set([...first, ...second]));
  });

  it('GIVEN a slot delivered again (a second tick, a restart) THEN it is not posted twice', async () => {
    const world = await setup();
    const ch = await channel(world, TEAM);
    await world.service.deliverScheduled([slotOf(ch, MONDAY)]);
    const [again] = await world.service.deliverScheduled([slotOf(ch, MONDAY)]);
    expect(again?.outcome).toEqual({ status: 'not-claimed', slotStatus: 'posted' });
    expect(world.publisher.published).toHaveLength(1);
  });

  it('GIVEN many channels in one run THEN the candidate pool is loaded once and each channel gets its own digest', async () => {
    const world = await setup();
    const a = await channel(world, TEAM);
    const b = await channel(world, { platform: 'console', channelId: 'rl' }, { size: 3 }, ['reinforcement learning']);
    const c = await channel(world, { platform: 'console', channelId: 'backtrack' }, {}, ['backtracking', 'reinforcement learning']);
    const results = await world.service.deliverScheduled([a, b, c].map((ch) => slotOf(ch, MONDAY)));
    expect(results.map((r) => r.outcome.status)).toEqual(['posted', 'posted', 'posted']);
    expect(world.loads.count).toBe(1);
    const byChannel = new Map(world.publisher.published.map((p) => [p.channel, p.digest]));
    expect(byChannel.get('console:rl')?.cards).toHaveLength(3);
    expect(byChannel.get('console:rl')?.cards.every((card) => card.reason?.startsWith('matches *reinforcement learning*'))).toBe(true);
    const backtrack = sampleByTitle(SAMPLE, 'To Backtrack or Not to Backtrack').paper.id;
    expect(byChannel.get('console:backtrack')?.cards.map((card) => card.id)).toContain(backtrack);
    expect(byChannel.get('console:team')?.footer).toEqual(['Hugging Face: last refreshed 08:30 UTC']);
  });

  it('GIVEN one slot whose channel was removed meanwhile THEN it fails alone and the other channels still get their digests', async () => {
    const world = await setup();
    const gone = await channel(world, { platform: 'console', channelId: 'gone' });
    const team = await channel(world, TEAM);
    await world.channels.remove(gone);
    const results = await world.service.deliverScheduled([slotOf(gone, MONDAY), slotOf(team, MONDAY)]);
    expect(results.map((r) => r.outcome.status)).toEqual(['failed', 'posted']);
    expect(world.publisher.published.map((p) => p.channel)).toEqual(['console:team']);
  });

  it('GIVEN a dry run of many slots THEN each digest is built from one pool and nothing is claimed, posted or recorded', async () => {
    const world = await setup();
    const a = await channel(world, TEAM);
    const b = await channel(world, { platform: 'console', channelId: 'rl' }, {}, ['reinforcement learning']);
    const digests = await world.service.buildScheduled([slotOf(a, MONDAY), slotOf(b, MONDAY)]);
    expect(digests.map((d) => [d.channel.channelId, d.cards.length])).toEqual([
      ['team', 5],
      ['rl', 5],
    ]);
    expect(world.loads.count).toBe(1);
    expect(world.publisher.published).toEqual([]);
    expect(world.db.sqlite.prepare(`SELECT count(*) FROM digest_slots`).pluck().get()).toBe(0);
  });

  it('GIVEN a channel with empty=skip whose topics match nothing new THEN nothing is posted and the slot is skipped', async () => {
    const world = await setup();
    const ch = await channel(world, TEAM, { empty: 'skip' }, ['quantum chromodynamics']);
    const [result] = await world.service.deliverScheduled([slotOf(ch, MONDAY)]);
    expect(result?.outcome.status).toBe('skipped');
    expect(world.publisher.published).toEqual([]);
  });

  it('GIVEN a channel with empty=say whose topics match nothing new THEN the short line is posted', async () => {
    const world = await setup();
    const ch = await channel(world, TEAM, { empty: 'say' }, ['quantum chromodynamics']);
    await world.service.deliverScheduled([slotOf(ch, MONDAY)]);
    expect(world.publisher.published[0]?.digest).toMatchObject({ cards: [], emptyText: 'Nothing new matched your topics since Friday.' });
  });
});

describe('digest service: preview and digest now', () => {
  it('GIVEN a preview THEN it shows what the channel would get and records nothing', async () => {
    const world = await setup();
    await channel(world, TEAM);
    const one = await world.service.preview(TEAM);
    const two = await world.service.preview(TEAM);
    expect(one.cards).toHaveLength(5);
    expect(two.cards.map((c) => c.id)).toEqual(one.cards.map((c) => c.id));
    expect(world.db.sqlite.prepare(`SELECT count(*) FROM digest_slots`).pluck().get()).toBe(0);
    expect(world.publisher.published).toEqual([]);
  });

  it('GIVEN a channel with no settings yet THEN preview shows overall trending, and digest now declines with a reason', async () => {
    const world = await setup();
    expect((await world.service.preview(TEAM)).cards).toHaveLength(5);
    const result = await world.service.postNow(TEAM, 'U1');
    expect(result).toMatchObject({ posted: false, messageId: null, reason: expect.stringContaining('no digest set up') });
    expect(world.publisher.published).toEqual([]);
  });

  it('GIVEN digest now THEN it posts under a manual slot, and what it showed is not shown again by the next scheduled digest', async () => {
    const world = await setup();
    const ch = await channel(world, TEAM);
    const now = await world.service.postNow(TEAM, 'U1');
    expect(now).toMatchObject({ posted: true, messageId: 'msg-1' });
    expect(now.digest.slotKey).toBe('manual-id1');
    expect(await world.deliveries.getSlot(TEAM, 'manual-id1')).toMatchObject({ status: 'posted', dueAt: null, papers: 5 });
    world.clock.advance(HOUR);
    await world.service.deliverScheduled([slotOf(ch, new Date(MONDAY.getTime() + HOUR))]);
    const [manual = [], scheduled = []] = postedIds(world.publisher);
    expect(scheduled).toHaveLength(5);
    expect(scheduled.filter((id) => manual.includes(id))).toEqual([]);
  });

  it('GIVEN digest now with nothing new and empty=skip THEN nothing is posted and the reason says why', async () => {
    const world = await setup();
    await channel(world, TEAM, { empty: 'skip' }, ['quantum chromodynamics']);
    const result = await world.service.postNow(TEAM, 'U1');
    expect(result).toMatchObject({ posted: false, reason: 'nothing new matched your topics since Friday' });
  });

  it('GIVEN the platform fails to post THEN digest now reports it and nothing counts as shown', async () => {
    const world = await setup();
    await channel(world, TEAM);
    world.publisher.publishErrors.push(new Error('Missing Access'));
    const result = await world.service.postNow(TEAM, 'U1');
    expect(result).toMatchObject({ posted: false, messageId: null, reason: expect.stringContaining('failed') });
    expect(result.digest.cards).toHaveLength(5);
    expect(world.db.sqlite.prepare(`SELECT count(*) FROM deliveries`).pluck().get()).toBe(0);
  });
});
