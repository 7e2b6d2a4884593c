import { describe, expect, it } from 'vitest';
import type { ChannelSettings } from '../../../src/core/channel.ts';
import { ChannelUnavailableError } from '../../../src/core/errors.ts';
import { DELIVERY_LEASE_MS, deliverSlot, type DeliveryDeps } from '../../../src/core/digest/delivery.ts';
import type { Digest } from '../../../src/core/digest/model.ts';
import { createDigestRun } from '../../../src/core/digest/run.ts';
import { digestMarker } from '../../../src/core/digest/text.ts';
import { openTestDb } from '../../store/sqlite/helpers.ts';
import { recordingPublisher, storeWorld, type RecordingPublisher } from './delivery-fakes.ts';
import { redated, samplePapers } from './digest-fixtures.ts';

const HOUR = 3_600_000;
const NOW = new Date('2025-03-04T08:00:00.000Z');
const REF = { platform: 'console', channelId: 'team' };
const SLOT = '2025-03-04';

async function setup(file?: string, overrides: Partial<ChannelSettings> = {}) {
  const world = storeWorld(NOW, file);
  const items = samplePapers().map((item, i) => redated(item, new Date(NOW.getTime() - 3 * HOUR), { upvotes: 50 - i }));
  await world.papers.upsertMany(items, new Date(NOW.getTime() - HOUR));
  await world.channels.ensure(REF, { timezone: 'Europe/Berlin', createdBy: 'U1' }, NOW);
  const channel = await world.channels.update(REF, overrides);
  return { ...world, channel };
}

type World = Awaited<ReturnType<typeof setup>>;

function deps(world: World, publisher: RecordingPublisher): DeliveryDeps {
  return { deliveries: world.deliveries, publisher, clock: world.clock, log: world.log };
}

function builder(world: World, slotKey = SLOT) {
  const run = createDigestRun(world, world.clock.now());
  return { dueAt: NOW, build: () => run.build(world.channel, slotKey, NOW) };
}

function count(world: World, sql: string): number {
  return world.db.sqlite.prepare(sql).pluck().get() as number;
}

describe('deliverSlot: exactly once', () => {
  it('GIVEN the same slot delivered twice in a row THEN it is published once and the second call is a no-op', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    const first = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    const second = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(first).toMatchObject({ status: 'posted', messageId: 'msg-1', reconciled: false });
    expect(second).toEqual({ status: 'not-claimed', slotStatus: 'posted' });
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]?.digest.marker).toBe(digestMarker(REF, SLOT));
    expect(await world.deliveries.getSlot(REF, SLOT)).toMatchObject({
      status: 'posted',
      platformMessageId: 'msg-1',
      attempts: 1,
      papers: 5,
    });
    expect(count(world, `SELECT count(*) FROM deliveries`)).toBe(5);
  });

  it('GIVEN two processes (two connections to one database file) racing for one slot THEN exactly one publishes', async () => {
    const a = await setup();
    const b = storeWorld(NOW, undefined, openTestDb(a.db.file, { at: NOW }));
    const worldB = { ...b, channel: a.channel };
    const publisher = recordingPublisher({ delayMs: 20 });
    const outcomes = await Promise.all([
      deliverSlot(deps(a, publisher), a.channel, SLOT, builder(a)),
      deliverSlot(deps(worldB, publisher), worldB.channel, SLOT, builder(worldB)),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['not-claimed', 'posted']);
    expect(publisher.published).toHaveLength(1);
    expect(count(a, `SELECT count(*) FROM digest_slots`)).toBe(1);
    expect(await b.deliveries.getSlot(REF, SLOT)).toMatchObject({ status: 'posted', attempts: 1 });
  });

  it('GIVEN a slot claimed by a live attempt (within the lease) THEN another caller does nothing', async () => {
    const world = await setup();
    await world.deliveries.claim(REF, SLOT, { dueAt: NOW, marker: digestMarker(REF, SLOT), at: NOW, leaseMs: DELIVERY_LEASE_MS });
    world.clock.advance(DELIVERY_LEASE_MS - 1000);
    const publisher = recordingPublisher();
    expect(await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world))).toEqual({
      status: 'not-claimed',
      slotStatus: 'claimed',
    });
    expect(publisher.published).toHaveLength(0);
    expect(publisher.findCalls).toHaveLength(0);
  });
});

describe('deliverSlot: reconciliation after a crash', () => {
  async function crashedAfterPosting(world: World, publisher: RecordingPublisher, planned: string[]) {
    const claim = await world.deliveries.claim(REF, SLOT, {
      dueAt: NOW,
      marker: digestMarker(REF, SLOT),
      at: NOW,
      leaseMs: DELIVERY_LEASE_MS,
    });
    if (!claim.claimed) throw new Error('expected a claim');
    await world.deliveries.plan(claim.slotId, planned, NOW);
    publisher.existing.set(digestMarker(REF, SLOT), 'msg-from-before-the-crash');
    world.clock.advance(DELIVERY_LEASE_MS + 1000);
  }

  it('GIVEN a stale claim whose post the platform already has THEN it is recorded as posted with its papers, not posted again', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    const planned = samplePapers()
      .slice(0, 3)
      .map((item) => item.paper.id);
    await crashedAfterPosting(world, publisher, planned);
    const outcome = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(outcome).toEqual({ status: 'posted', messageId: 'msg-from-before-the-crash', digest: null, reconciled: true });
    expect(publisher.published).toHaveLength(0);
    expect(publisher.findCalls).toEqual([{ channel: 'console:team', marker: digestMarker(REF, SLOT), since: NOW }]);
    expect(await world.deliveries.getSlot(REF, SLOT)).toMatchObject({
      status: 'posted',
      attempts: 2,
      platformMessageId: 'msg-from-before-the-crash',
      papers: 3,
    });
    expect(await world.deliveries.shownAmong(REF, planned)).toEqual(new Set(planned));
  });

  it('GIVEN a stale claim whose post never arrived THEN it is posted once, after looking', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    await crashedAfterPosting(world, publisher, []);
    publisher.existing.clear();
    const outcome = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(outcome).toMatchObject({ status: 'posted', reconciled: false });
    expect(publisher.findCalls).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('GIVEN the platform cannot be asked whether the post exists THEN nothing is posted and the slot stays retryable', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    await crashedAfterPosting(world, publisher, []);
    publisher.findErrors.push(new Error('HTTP 502'));
    const outcome = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(outcome).toMatchObject({ status: 'failed', error: 'checking for an earlier post: HTTP 502' });
    expect(publisher.published).toHaveLength(0);
    expect(await world.deliveries.getSlot(REF, SLOT)).toMatchObject({
      status: 'failed',
      lastError: 'checking for an earlier post: HTTP 502',
    });
  });
});

describe('deliverSlot: failures and empty digests', () => {
  it('GIVEN a publish failure THEN the slot is failed with the error and nothing counts as shown; the next call retries and posts once', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    publisher.publishErrors.push(new Error('HTTP 503 Service Unavailable'));
    const failed = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(failed).toMatchObject({ status: 'failed', error: 'posting the digest: HTTP 503 Service Unavailable' });
    expect(await world.deliveries.getSlot(REF, SLOT)).toMatchObject({
      status: 'failed',
      lastError: 'posting the digest: HTTP 503 Service Unavailable',
      papers: 0,
    });
    world.clock.advance(60_000);
    const retried = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(retried).toMatchObject({ status: 'posted', messageId: 'msg-1' });
    expect(publisher.findCalls).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
    expect(await world.deliveries.getSlot(REF, SLOT)).toMatchObject({ status: 'posted', attempts: 2, lastError: null, papers: 5 });
  });

  it('GIVEN the platform says the channel is gone THEN the slot fails and the channel is paused with the reason', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    publisher.publishErrors.push(new ChannelUnavailableError('the bot lost access to this channel (Missing Access)'));
    const outcome = await deliverSlot({ ...deps(world, publisher), channels: world.channels }, world.channel, SLOT, builder(world));
    expect(outcome.status).toBe('failed');
    expect(await world.channels.get(REF)).toMatchObject({
      paused: true,
      pauseReason: 'the bot lost access to this channel (Missing Access)',
    });
  });

  it('GIVEN a build failure THEN the slot is failed and nothing is posted', async () => {
    const world = await setup();
    const publisher = recordingPublisher();
    const outcome = await deliverSlot(deps(world, publisher), world.channel, SLOT, {
      dueAt: NOW,
      build: () => Promise.reject(new Error('disk I/O error')),
    });
    expect(outcome).toMatchObject({ status: 'failed', error: 'building the digest: disk I/O error' });
    expect(publisher.published).toHaveLength(0);
  });

  it('GIVEN an empty digest and empty=skip THEN nothing is posted and the slot is skipped', async () => {
    const world = await setup(undefined, { empty: 'skip', minUpvotes: 1000 });
    const publisher = recordingPublisher();
    const outcome = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(outcome).toMatchObject({ status: 'skipped', digest: { cards: [] } });
    expect(publisher.published).toHaveLength(0);
    expect(await world.deliveries.getSlot(REF, SLOT)).toMatchObject({ status: 'skipped', papers: 0 });
  });

  it('GIVEN an empty digest and empty=say THEN the short line is posted', async () => {
    const world = await setup(undefined, { empty: 'say', minUpvotes: 1000 });
    const publisher = recordingPublisher();
    const outcome = await deliverSlot(deps(world, publisher), world.channel, SLOT, builder(world));
    expect(outcome.status).toBe('posted');
    const posted = publisher.published[0]?.digest as Digest;
    expect(posted.cards).toEqual([]);
    expect(posted.emptyText).toBe('Nothing new is trending since Monday.');
  });
});
