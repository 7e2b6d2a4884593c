import { describe, expect, it } from 'vitest';
import { ChannelUnavailableError } from '../../../src/core/errors.ts';
import { recordingPublisher, scheduleWorld, slotStatuses } from './schedule-world.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TUE_0900_BERLIN = new Date('2025-03-04T08:00:00.000Z');
const A = { platform: 'console', channelId: 'a' };
const B = { platform: 'console', channelId: 'b' };

describe('schedule runner: due slots through the exactly-once path', () => {
  it('GIVEN a Berlin 09:00 channel THEN the tick at 09:00:30 posts today’s slot once and later ticks post nothing', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    world.clock.advance(30_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ channels: 1, due: 1, posted: 1 });
    world.clock.advance(60_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ due: 0, posted: 0 });
    expect(world.publisher.published.map((p) => p.digest.slotKey)).toEqual(['2025-03-04']);
    expect(world.metrics.digests).toEqual(['console:posted']);
    expect(world.loads.count).toBe(1);
  });

  it('GIVEN 08:59 THEN nothing is due yet; GIVEN a paused channel or one of a platform not running THEN it is left alone', async () => {
    const world = await scheduleWorld(new Date(TUE_0900_BERLIN.getTime() - 60_000));
    await world.channel(A);
    await world.channel(B, { paused: false });
    await world.channels.setPaused(B, true, 'paused by a manager');
    await world.channel({ platform: 'slack', channelId: 'C1' });
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ channels: 1, due: 0 });
    world.clock.advance(2 * 60_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ channels: 1, due: 1, posted: 1 });
    expect(world.publisher.published.map((p) => p.channel)).toEqual(['console:a']);
  });

  it('GIVEN 2 days of downtime THEN the older slots are recorded skipped with a log line, and today’s is posted', async () => {
    const world = await scheduleWorld(new Date(TUE_0900_BERLIN.getTime() + DAY + 4 * HOUR));
    await world.channel(A, {}, new Date('2025-03-02T12:00:00Z'));
    const summary = await world.runner.runDue(world.clock.now());
    expect(summary).toMatchObject({ posted: 1, missed: 2 });
    expect(slotStatuses(world, 'a')).toEqual({ '2025-03-03': 'skipped', '2025-03-04': 'skipped', '2025-03-05': 'posted' });
    expect(await world.deliveries.getSlot(A, '2025-03-04')).toMatchObject({ lastError: expect.stringMatching(/^too late: due 28 h ago/) });
    expect(
      world.log.entries.filter((l) => l.message === 'missed digest skipped').map((l) => (l.context as { slotKey: string }).slotKey),
    ).toEqual(['2025-03-03', '2025-03-04']);
    expect(world.metrics.digests).toEqual(['console:skipped', 'console:skipped', 'console:posted']);
  });

  it('GIVEN one channel whose posts fail THEN the others are posted, the failure is recorded, and it is retried after a backoff', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    await world.channel(B);
    world.publisher.publishErrors.push(new Error('400 Invalid Form Body'));
    const first = await world.runner.runDue(world.clock.now());
    expect(first).toMatchObject({ due: 2, posted: 1, failed: 1 });
    const failed = world.publisher.published.length === 1 && world.publisher.published[0]?.channel === 'console:a' ? B : A;
    expect(await world.deliveries.getSlot(failed, '2025-03-04')).toMatchObject({
      status: 'failed',
      lastError: 'posting the digest: 400 Invalid Form Body',
    });
    world.clock.advance(30_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ due: 0 });
    world.clock.advance(40_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ due: 1, posted: 1 });
    expect(world.publisher.published.map((p) => p.channel).sort()).toEqual(['console:a', 'console:b']);
  });

  it('GIVEN a channel whose post hangs THEN the other channels are posted meanwhile (bounded concurrency)', async () => {
    let release = () => {};
    const slow = recordingPublisher({ platform: 'slow' });
    const fast = recordingPublisher({ platform: 'fast' });
    const hanging = {
      ...slow,
      publish: (...args: Parameters<typeof slow.publish>) =>
        new Promise<{ messageId: string }>((resolve) => (release = () => resolve(slow.publish(...args)))),
    };
    const world = await scheduleWorld(TUE_0900_BERLIN, { publishers: { slow: hanging, fast } });
    await world.channel({ platform: 'slow', channelId: 's' });
    for (let i = 0; i < 5; i++) await world.channel({ platform: 'fast', channelId: `f${i}` });
    const running = world.runner.runDue(world.clock.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fast.published).toHaveLength(5);
    expect(slow.published).toHaveLength(0);
    release();
    expect(await running).toMatchObject({ due: 6, posted: 6 });
  });

  it('GIVEN a post stuck for longer than the slot wait THEN the tick moves on; the post finishes under its lease, once', async () => {
    let release = () => {};
    const stuck = recordingPublisher({ platform: 'stuck' });
    const hanging = {
      ...stuck,
      publish: (...args: Parameters<typeof stuck.publish>) =>
        new Promise<{ messageId: string }>((resolve) => (release = () => resolve(stuck.publish(...args)))),
    };
    const world = await scheduleWorld(TUE_0900_BERLIN, { publishers: { stuck: hanging }, slotWaitMs: 30 });
    const ref = { platform: 'stuck', channelId: 's' };
    await world.channel(ref);
    await world.channel(A);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ due: 2, posted: 1, pending: 1 });
    expect(world.log.entries.map((l) => l.message)).toContain('digest still posting; moving on (its claim protects it)');
    world.clock.advance(60_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ due: 0 });
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await world.deliveries.getSlot(ref, '2025-03-04')).toMatchObject({ status: 'posted' });
    expect(stuck.published).toHaveLength(1);
    expect(world.metrics.digests.sort()).toEqual(['console:posted', 'stuck:posted']);
  });

  it('GIVEN the platform says the channel is gone THEN it is paused and later ticks leave it alone', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    world.publisher.publishErrors.push(new ChannelUnavailableError('the channel is archived'));
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ failed: 1 });
    world.clock.advance(HOUR);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ channels: 0, due: 0 });
    expect(await world.channels.get(A)).toMatchObject({ paused: true, pauseReason: 'the channel is archived' });
  });
});

describe('schedule runner: transient publish failures are retried without duplicates', () => {
  it('GIVEN a 503 then success THEN it is posted once within the tick, after a backoff and a look for the post', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    world.publisher.publishErrors.push(Object.assign(new Error('Service Unavailable'), { status: 503 }));
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ posted: 1 });
    expect(world.publisher.published).toHaveLength(1);
    expect(world.publisher.findCalls).toHaveLength(1);
    expect(world.clock.slept).toEqual([2_000]);
  });

  it('GIVEN a timeout after the platform had accepted the post THEN the retry finds it and does not post again', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    const publish = world.publisher.publish.bind(world.publisher);
    let first = true;
    world.publisher.publish = async (channel, digest) => {
      const result = await publish(channel, digest);
      if (!first) return result;
      first = false;
      throw Object.assign(new Error('request timed out'), { name: 'AbortError' });
    };
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ posted: 1 });
    expect(world.publisher.published).toHaveLength(1);
    expect(await world.deliveries.getSlot(A, '2025-03-04')).toMatchObject({ status: 'posted', platformMessageId: 'msg-1', papers: 5 });
  });

  it('GIVEN network errors on every attempt THEN three attempts, then the slot is failed and stays retryable', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    world.publisher.publishErrors.push(reset(), reset(), reset());
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ failed: 1 });
    expect(world.clock.slept).toEqual([2_000, 8_000]);
    expect(await world.deliveries.getSlot(A, '2025-03-04')).toMatchObject({
      status: 'failed',
      lastError: 'posting the digest: socket hang up',
    });
    world.clock.advance(2 * 60_000);
    expect(await world.runner.runDue(world.clock.now())).toMatchObject({ posted: 1 });
    expect(world.publisher.published).toHaveLength(1);
  });
});

describe('schedule runner: next digest for /papers status', () => {
  it('GIVEN today’s digest posted THEN tomorrow 09:00 local; before it, today “due now”', async () => {
    const world = await scheduleWorld(TUE_0900_BERLIN);
    await world.channel(A);
    expect(await world.runner.nextDigest(A)).toBe('Tue 4 Mar 09:00 Europe/Berlin (due now)');
    await world.runner.runDue(world.clock.now());
    expect(await world.runner.nextDigest(A)).toBe('Wed 5 Mar 09:00 Europe/Berlin');
    expect(await world.runner.nextDigest({ platform: 'console', channelId: 'unknown' })).toBeNull();
  });
});
