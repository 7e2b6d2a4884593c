import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelSettings } from '../../../src/core/channel.ts';
import type { Clock } from '../../../src/core/clock.ts';
import { ChannelUnavailableError, PaperboyError } from '../../../src/core/errors.ts';
import { defaultChannelSettings } from '../../../src/core/digest/service.ts';
import { boltLogger } from '../../../src/platforms/slack/bolt-logger.ts';
import { botIdentity } from '../../../src/platforms/slack/bot-identity.ts';
import { createSlackPublisher, DIGEST_EVENT_TYPE, type SlackPublisher } from '../../../src/platforms/slack/publisher.ts';
import { createRateGate, createSlackClient } from '../../../src/platforms/slack/slack-api.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { adversarialDigest } from './adversarial.ts';
import { blockKitProblems } from './block-kit-check.ts';

const TOKEN = 'xoxb-test-publisher-token';

/** A clock whose sleeps wait until the test releases them, so "B is not delayed while A waits" is exact. */
function heldClock(): Clock & { nextSleep(): Promise<{ ms: number; release(): void }> } {
  let now = Date.parse('2026-01-05T09:00:00Z');
  const waiting: Array<(sleep: { ms: number; release(): void }) => void> = [];
  const pending: Array<{ ms: number; release(): void }> = [];
  return {
    now: () => new Date(now),
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const sleep = { ms, release: () => ((now += ms), resolve()) };
        const taker = waiting.shift();
        if (taker) taker(sleep);
        else pending.push(sleep);
      });
    },
    nextSleep() {
      const ready = pending.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

let slack: FakeSlack;
let clock: ReturnType<typeof heldClock>;
let publisher: SlackPublisher;
const channel = (id: string, extra: Partial<ChannelSettings> = {}): ChannelSettings => ({
  ...defaultChannelSettings({ platform: 'slack', channelId: id }, 'UTC'),
  ...extra,
});
const digest = (id: string) => ({ ...adversarialDigest(), channel: { platform: 'slack', channelId: id } });

beforeAll(async () => {
  slack = createFakeSlack();
  await slack.start();
});
afterAll(() => slack.close());
beforeEach(() => {
  clock = heldClock();
  const log = createRecordingLogger();
  const client = createSlackClient(TOKEN, slack.apiUrl, boltLogger(log));
  rateLimited = 0;
  publisher = createSlackPublisher({
    client,
    gate: createRateGate(clock, log, undefined, () => (rateLimited += 1)),
    identity: botIdentity(client),
    log,
  });
});

let rateLimited = 0;

describe('Slack publisher', () => {
  it('GIVEN a digest THEN one chat.postMessage with the marker in metadata, and findByMarker finds exactly that post', async () => {
    const { messageId } = await publisher.publish(channel('C0POST'), digest('C0POST'));
    const [call] = slack.callsTo('chat.postMessage', 'C0POST');
    expect(call?.token).toBe(TOKEN);
    expect(call?.params.metadata).toEqual({ event_type: DIGEST_EVENT_TYPE, event_payload: { marker: 'pb-1x2y3z', slot: '2026-01-05' } });
    expect(blockKitProblems(call?.params ?? {})).toEqual([]);
    expect(call?.params.link_names).toBe('false');
    const since = new Date(Date.now() - 60_000);
    expect(await publisher.findByMarker({ platform: 'slack', channelId: 'C0POST' }, 'pb-1x2y3z', since)).toEqual({ messageId });
    expect(slack.callsTo('conversations.history', 'C0POST').at(-1)?.params.include_all_metadata).toBe('true');
    expect(await publisher.findByMarker({ platform: 'slack', channelId: 'C0POST' }, 'pb-other', since)).toBeNull();
  });

  it('GIVEN a public channel the bot is not in THEN it joins once and the retry posts', async () => {
    slack.workspace.setChannel({ id: 'C0JOIN', isMember: false });
    await publisher.publish(channel('C0JOIN'), digest('C0JOIN'));
    const calls = slack.calls.filter((c) => c.params.channel === 'C0JOIN').map((c) => `${c.method}:${c.error ?? 'ok'}`);
    expect(calls).toEqual(['chat.postMessage:not_in_channel', 'conversations.join:ok', 'chat.postMessage:ok']);
  });

  it('GIVEN not_in_channel again after the join THEN ChannelUnavailableError telling the channel to invite the bot, one join only', async () => {
    slack.enqueue('chat.postMessage', { error: 'not_in_channel' }, { channel: 'C0STUCK' });
    slack.enqueue('chat.postMessage', { error: 'not_in_channel' }, { channel: 'C0STUCK' });
    const error = await publisher.publish(channel('C0STUCK'), digest('C0STUCK')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect((error as ChannelUnavailableError).reason).toMatch(/invite it with \/invite @paperboy/);
    expect(slack.callsTo('conversations.join', 'C0STUCK')).toHaveLength(1);
  });

  it.each([
    ['an archived channel', { isArchived: true }, /^the channel is archived$/],
    ['a private channel the bot is not in', { isPrivate: true, isMember: false }, /private and paperboy is not in it/],
    ['a deleted channel', { exists: false }, /cannot find this channel/],
  ])('GIVEN %s THEN ChannelUnavailableError with a reason for its members, no join', async (_name, state, reason) => {
    const id = `C0GONE${Object.keys(state).join('')}`.toUpperCase().slice(0, 12);
    slack.workspace.setChannel({ id, ...state });
    const error = await publisher.publish(channel(id), digest(id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect((error as ChannelUnavailableError).reason).toMatch(reason);
    expect(slack.callsTo('conversations.join', id)).toHaveLength(0);
  });

  it('GIVEN a 429 on channel A THEN a post to channel B goes out while A waits, and A is retried after Retry-After', async () => {
    slack.enqueue('chat.postMessage', { status: 429, retryAfter: 30 }, { channel: 'C0RATEA' });
    const postingA = publisher.publish(channel('C0RATEA'), digest('C0RATEA'));
    const waitA = await clock.nextSleep();
    expect(waitA.ms).toBe(30_000);
    await publisher.publish(channel('C0RATEB'), digest('C0RATEB'));
    expect(slack.callsTo('chat.postMessage', 'C0RATEB').map((c) => c.status)).toEqual([200]);
    expect(slack.callsTo('chat.postMessage', 'C0RATEA').map((c) => c.status)).toEqual([429]);
    waitA.release();
    await postingA;
    expect(slack.callsTo('chat.postMessage', 'C0RATEA').map((c) => c.status)).toEqual([429, 200]);
    expect(rateLimited).toBe(1);
  });

  it('GIVEN a channel that stays rate limited THEN a rate_limited error after the capped wait, so the slot stays retryable', async () => {
    for (let i = 0; i < 3; i++) slack.enqueue('chat.postMessage', { status: 429, retryAfter: 50 }, { channel: 'C0RATEC' });
    const posting = publisher.publish(channel('C0RATEC'), digest('C0RATEC')).catch((e: unknown) => e);
    (await clock.nextSleep()).release();
    (await clock.nextSleep()).release();
    const error = await posting;
    expect(error).toBeInstanceOf(PaperboyError);
    expect((error as PaperboyError).code).toBe('rate_limited');
  });

  it('GIVEN thread mode THEN a header message with the marker and one threaded reply per paper', async () => {
    const { messageId } = await publisher.publish(channel('C0THREAD', { threadMode: true }), digest('C0THREAD'));
    const posts = slack.callsTo('chat.postMessage', 'C0THREAD');
    expect(posts).toHaveLength(11);
    expect(posts[0]?.params.metadata).toMatchObject({ event_payload: { marker: 'pb-1x2y3z' } });
    expect(posts.slice(1).every((p) => p.params.thread_ts === messageId)).toBe(true);
    for (const post of posts) expect(blockKitProblems(post.params)).toEqual([]);
  });

  it('GIVEN the app was uninstalled THEN nothing more is posted', async () => {
    publisher.disable('the Slack app was uninstalled from this workspace');
    await expect(publisher.publish(channel('C0AFTER'), digest('C0AFTER'))).rejects.toBeInstanceOf(ChannelUnavailableError);
    expect(slack.callsTo('chat.postMessage', 'C0AFTER')).toHaveLength(0);
  });
});
