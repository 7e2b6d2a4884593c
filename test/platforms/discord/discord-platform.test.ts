/**
 * The Discord platform in-process, its real discord.js client against the fake Discord, with in-memory services:
 * the Publisher port (one message, nonce'd marker, thread mode, lookup by marker, 429s, channel errors as
 * ChannelUnavailableError), guild/channel deletion, gateway resume, button expiry on the injected clock, stop.
 */
import { RateLimitError } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../commands/index.ts';
import type { ChannelSettings } from '../../../src/core/channel.ts';
import type { Clock } from '../../../src/core/clock.ts';
import type { Digest } from '../../../src/core/digest/model.ts';
import { ChannelUnavailableError } from '../../../src/core/errors.ts';
import type { ChatPlatform } from '../../../src/core/ports.ts';
import { createDiscordPlatform } from '../../../src/platforms/discord/discord-platform.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { MANAGER_PERMISSIONS } from '../../fakes/fake-discord-interactions.ts';
import { fakeUser } from '../../fakes/fake-discord-payloads.ts';
import { createFakeServices, makeDigest } from '../../fakes/fake-services.ts';
import { adversarialCards } from './adversarial.ts';

const discord = createFakeDiscord();
const fake = createFakeServices(new Date());
const clock = fake.services.clock as Clock & { advance(ms: number): void };
let platform: ChatPlatform;
let rateLimited = 0;

beforeAll(async () => {
  const { apiUrl } = await discord.start();
  rateLimited = 0;
  platform = createDiscordPlatform(
    { token: discord.token, applicationId: discord.applicationId, apiUrl },
    { services: fake.services, registry, log: fake.log, clock, onRateLimited: () => (rateLimited += 1) },
  );
  await platform.start();
});

afterAll(async () => {
  await platform.stop();
  await discord.close();
});

function settings(channelId: string, extra: Partial<ChannelSettings> = {}): ChannelSettings {
  return {
    platform: 'discord',
    channelId,
    workspaceId: discord.guildId,
    timezone: 'UTC',
    digestTime: '09:00',
    days: ['mon'],
    size: 10,
    minUpvotes: 0,
    empty: 'say',
    threadMode: false,
    paused: false,
    pauseReason: null,
    createdBy: 'u',
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

function digestFor(channelId: string, marker: string, cards = 3): Digest {
  return { ...makeDigest({ platform: 'discord', channelId }, cards), marker };
}

const since = () => new Date(Date.now() - 60_000);

describe('publish and findByMarker', () => {
  it('GIVEN a digest THEN one message, the marker as nonce with enforce_nonce, no mentions; a retry with the same nonce posts nothing new', async () => {
    const id = discord.addChannel('digest');
    const { messageId } = await platform.publish(settings(id), digestFor(id, 'pb-marker1'));
    expect(discord.messages(id).map((m) => m.id)).toEqual([messageId]);
    const body = discord.requests.find((r) => r.path === `/channels/${id}/messages` && r.method === 'POST')!.body;
    expect(body).toMatchObject({ nonce: 'pb-marker1', enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect((await platform.publish(settings(id), digestFor(id, 'pb-marker1'))).messageId).toBe(messageId);
    expect(discord.messages(id)).toHaveLength(1);
  });

  it('GIVEN the bot posted a marker THEN findByMarker finds it, but not for another marker, an older post, or another author', async () => {
    const id = discord.addChannel('lookup');
    discord.postAs(fakeUser('mallory'), id, [{ footer: { text: 'pb-marker2' } }]);
    const { messageId } = await platform.publish(settings(id), digestFor(id, 'pb-marker2'));
    discord.postAs(fakeUser('mallory'), id, [{ footer: { text: 'pb-marker2' } }]);
    expect(await platform.findByMarker({ platform: 'discord', channelId: id }, 'pb-marker2', since())).toEqual({ messageId });
    expect(await platform.findByMarker({ platform: 'discord', channelId: id }, 'pb-marker', since())).toBeNull();
    expect(await platform.findByMarker({ platform: 'discord', channelId: id }, 'pb-marker2', new Date(Date.now() + 60_000))).toBeNull();
  });

  it('GIVEN thread mode THEN a header message with the marker, a thread from it, one message per paper there', async () => {
    const id = discord.addChannel('threads');
    const { messageId } = await platform.publish(settings(id, { threadMode: true }), {
      ...digestFor(id, 'pb-thread', 0),
      cards: adversarialCards(10),
    });
    expect(discord.messages(id).map((m) => m.id)).toEqual([messageId]);
    const thread = discord.requests.find((r) => r.route === 'thread')!;
    expect(thread.path).toBe(`/channels/${id}/messages/${messageId}/threads`);
    const threadId = discord.channelIds().find((c) => discord.messages(c).length === 10)!;
    expect(discord.messages(threadId).every((m) => m.embeds.length === 1)).toBe(true);
    expect(await platform.findByMarker({ platform: 'discord', channelId: id }, 'pb-thread', since())).toEqual({ messageId });
    expect(discord.violations).toEqual([]);
  });
});

describe('without a gateway connection', () => {
  it('GIVEN a platform that was never started THEN it still publishes and finds its posts (one-shot `paperboy digest`)', async () => {
    const offline = createDiscordPlatform(
      { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl },
      { services: fake.services, registry, log: fake.log, clock },
    );
    const id = discord.addChannel('one-shot');
    const { messageId } = await offline.publish(settings(id), digestFor(id, 'pb-oneshot'));
    expect(await offline.findByMarker({ platform: 'discord', channelId: id }, 'pb-oneshot', since())).toEqual({ messageId });
    await offline.stop();
  });
});

describe('start-up', () => {
  it('GIVEN a token Discord rejects THEN start() fails instead of hanging', async () => {
    const wrong = createDiscordPlatform(
      { token: 'not.the.token', applicationId: discord.applicationId, apiUrl: discord.apiUrl },
      { services: fake.services, registry, log: fake.log, clock },
    );
    await expect(wrong.start()).rejects.toThrow(/token/i);
    await wrong.stop();
  });
});

describe('platform errors', () => {
  it.each([
    [404, 10003, /Unknown Channel/],
    [403, 50001, /Missing Access/],
    [403, 50013, /Missing Permissions/],
  ])('GIVEN %i with code %i THEN publish and findByMarker throw ChannelUnavailableError with the reason', async (status, code, reason) => {
    const id = discord.addChannel('broken');
    discord.setChannelFailure(id, { status, code, message: 'nope' });
    const publishing = platform.publish(settings(id), digestFor(id, 'pb-x'));
    await expect(publishing).rejects.toBeInstanceOf(ChannelUnavailableError);
    await expect(publishing).rejects.toMatchObject({ reason: expect.stringMatching(reason) });
    await expect(platform.findByMarker({ platform: 'discord', channelId: id }, 'pb-x', since())).rejects.toBeInstanceOf(
      ChannelUnavailableError,
    );
  });

  it('GIVEN a 429 with real rate-limit headers THEN discord.js waits Retry-After and the post goes through once', async () => {
    const id = discord.addChannel('busy');
    discord.failNext('channel-messages', { status: 429, retryAfter: 0.3 });
    const started = performance.now();
    const { messageId } = await platform.publish(settings(id), digestFor(id, 'pb-busy'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(discord.messages(id).map((m) => m.id)).toEqual([messageId]);
    expect(discord.requests.filter((r) => r.path === `/channels/${id}/messages` && r.method === 'POST')).toHaveLength(2);
    expect(fake.log.entries.some((e) => e.message === 'discord rate limited')).toBe(true);
    expect(rateLimited).toBe(1);
  });

  it('GIVEN a 429 asking for more than the cap THEN the post fails at once (the slot is retried later) instead of waiting', async () => {
    const id = discord.addChannel('very-busy');
    discord.failNext('channel-messages', { status: 429, retryAfter: 120 });
    await expect(platform.publish(settings(id), digestFor(id, 'pb-slow'))).rejects.toBeInstanceOf(RateLimitError);
    expect(discord.messages(id)).toEqual([]);
  });
});

describe('gateway events', () => {
  it('GIVEN CHANNEL_DELETE THEN that channel is forgotten', async () => {
    const id = discord.addChannel('doomed');
    await fake.channels.ensure(
      { platform: 'discord', channelId: id },
      { timezone: 'UTC', createdBy: 'u', workspaceId: discord.guildId },
      new Date(),
    );
    const removed = new Promise((resolve) => {
      const remove = fake.channels.remove.bind(fake.channels);
      fake.channels.remove = async (ref) => resolve(await remove(ref));
    });
    discord.deleteChannel(id);
    await removed;
    expect(await fake.channels.get({ platform: 'discord', channelId: id })).toBeNull();
  });

  it('GIVEN a gateway RECONNECT THEN the client resumes its session and keeps answering', async () => {
    discord.requestReconnect();
    await discord.waitFor(() => discord.resumes.length > 0, 'RESUME');
    const { visibility } = await discord.command('help').answer();
    expect(visibility).toBe('private');
  });

  it('GIVEN a public subcommand whose handler fails after the public defer THEN the "thinking…" is deleted and the error is private', async () => {
    const addTopic = fake.channels.addTopic;
    fake.channels.addTopic = async () => {
      throw new Error('disk full');
    };
    try {
      const failing = discord.command(
        'subscribe',
        { topic: 'diffusion' },
        { channelId: discord.addChannel('failing'), permissions: MANAGER_PERMISSIONS },
      );
      const { visibility, message } = await failing.answer();
      expect(failing.record.callbacks[0]).toMatchObject({ type: 5, data: {} });
      expect(failing.record.deletedOriginal).toBe(true);
      expect(visibility).toBe('private');
      expect(message.content).toMatch(/^Sorry — something went wrong on our side \(error id [0-9A-F]{6}\)/);
      expect(JSON.stringify(discord.requests.filter((r) => r.route === 'webhook'))).not.toContain('disk full');
    } finally {
      fake.channels.addTopic = addTopic;
    }
  });

  it('GIVEN a result older than 15 minutes on the injected clock THEN its buttons answer "expired"', async () => {
    const result = await discord.command('search', { query: 'diffusion' }).answer();
    const next = JSON.stringify(result.message.components).match(/pb:next:[\w-]+/)![0];
    clock.advance(16 * 60_000);
    const expired = await discord.click(result.message, next).answer();
    expect(expired.message.content).toMatch(/^This result expired/);
  });

  it('GIVEN GUILD_DELETE THEN every channel of that guild is forgotten', async () => {
    await fake.channels.ensure(
      { platform: 'discord', channelId: '1300000000000000077' },
      { timezone: 'UTC', createdBy: 'u', workspaceId: discord.guildId },
      new Date(),
    );
    const removed = new Promise((resolve) => {
      const removeWorkspace = fake.channels.removeWorkspace.bind(fake.channels);
      fake.channels.removeWorkspace = async (platformName, workspaceId) => {
        const n = await removeWorkspace(platformName, workspaceId);
        resolve({ platformName, workspaceId, n });
        return n;
      };
    });
    discord.leaveGuild();
    expect(await removed).toMatchObject({ platformName: 'discord', workspaceId: discord.guildId, n: expect.any(Number) });
    expect(await fake.channels.list({ platform: 'discord', workspaceId: discord.guildId })).toEqual([]);
  });
});
