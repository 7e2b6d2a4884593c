/**
 * Digests end to end: the bot child (`paperboy start`) with ten hostile papers submitted just now, posting
 * through `/papers digest mode:now` to the fake Discord: every limit held, nothing pinged, a 429 waited out, a
 * deleted channel paused with the reason `/papers status` shows, channel and guild removal, a clean SIGTERM.
 */
import { embedLength } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableLatex } from '../../../src/core/text.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { MANAGER_PERMISSIONS } from '../../fakes/fake-discord-interactions.ts';
import { adversarialItems, hostileTitle } from './adversarial.ts';
import { farTime, startBot, type BotProcess } from './bot-process.ts';

const discord = createFakeDiscord();
const manager = { permissions: MANAGER_PERMISSIONS };
let bot: BotProcess;

beforeAll(async () => {
  await discord.start();
  bot = await startBot(discord, { extraItems: adversarialItems(new Date()) });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  bot?.cleanup();
  await discord.close();
});

/** A channel set up for a digest of `size` papers with no topics (overall trending), as a manager would. */
async function setUp(name: string, size = 10): Promise<{ channelId: string }> {
  const where = { channelId: discord.addChannel(name) };
  const { visibility } = await discord.command('schedule', { size, time: farTime() }, { ...where, ...manager }).answer();
  expect(visibility).toBe('public');
  return where;
}

const postsTo = (channelId: string) => discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

describe('a digest with hostile papers', () => {
  it('GIVEN 10 papers with 10 kB abstracts and 300-character titles of *_~| and @everyone THEN one message within every limit, nothing pinged', async () => {
    const where = await setUp('hostile');
    const { visibility, message } = await discord.command('digest', { mode: 'now' }, { ...where, ...manager }).answer();
    expect(visibility).toBe('private');
    expect(message.content).toBe('Posted the digest to this channel (10 papers).');
    const [post, ...more] = discord.messages(where.channelId);
    expect(more).toEqual([]);
    expect(post!.embeds).toHaveLength(10);
    expect(post!.embeds.reduce((n, e) => n + embedLength(e as Parameters<typeof embedLength>[0]), 0)).toBeLessThanOrEqual(6000);
    expect(discord.violations).toEqual([]);
    expect(post!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(post)).not.toMatch(/@everyone|@here/);
    const titles = post!.embeds.map((e) => e.title!.replace(/^\d+\. /, '').replace(/…$/, ''));
    // Every *_~| shows literally: escaped, and unescaped it starts one of the hostile titles (as the core's card
    // made it readable: LaTeX `~` between two characters is a non-breaking space there).
    for (const title of titles) {
      expect(title).not.toMatch(/(?<!\\)[*_~|]/);
      const plain = title.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
      expect(
        Array.from({ length: 10 }, (_, i) => readableLatex(hostileTitle(i))).some((t) => t.startsWith(plain)),
        plain,
      ).toBe(true);
    }
    const body = postsTo(where.channelId)[0]!.body as { nonce: string; enforce_nonce: boolean };
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(post!.embeds.at(-1)!.footer!.text!.split('\n').at(-1)).toBe(body.nonce);
  });

  it('GIVEN a digest preview of the same papers THEN it is private and holds the limits too', async () => {
    const where = await setUp('hostile-preview');
    const { visibility, message } = await discord.command('digest', {}, where).answer();
    expect(visibility).toBe('private');
    expect(message.embeds.length).toBeGreaterThan(0);
    expect(discord.violations).toEqual([]);
  });
});

describe('platform errors', () => {
  it('GIVEN a 429 on the channel THEN it is waited out and the digest posted once', async () => {
    const where = await setUp('rate-limited', 2);
    discord.failNext('channel-messages', { status: 429, retryAfter: 0.25 });
    const { message } = await discord.command('digest', { mode: 'now' }, { ...where, ...manager }).answer();
    expect(message.content).toMatch(/^Posted the digest/);
    expect(postsTo(where.channelId)).toHaveLength(2);
    expect(discord.messages(where.channelId)).toHaveLength(1);
    await bot.waitForLog((l) => l.msg === 'discord rate limited', 'the rate-limit log line');
  });

  it('GIVEN a deleted channel (404, code 10003) THEN digest now says why, the channel is paused and /papers status shows the reason', async () => {
    const where = await setUp('deleted', 2);
    discord.setChannelFailure(where.channelId, { status: 404, code: 10003, message: 'Unknown Channel' });
    const { visibility, message } = await discord.command('digest', { mode: 'now' }, { ...where, ...manager }).answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(
      /^Nothing was posted: paperboy cannot post here \(the channel no longer exists on Discord \(Unknown Channel\)\)/,
    );
    const status = await discord.command('status', {}, where).answer();
    expect(status.message.content).toMatch(/\*\*Paused:\*\* the channel no longer exists on Discord \(Unknown Channel\)\./);
    expect(status.message.content).toMatch(/\*\*Next digest:\*\* none while paused/);
  });

  it('GIVEN CHANNEL_DELETE THEN the channel settings are deleted', async () => {
    const where = await setUp('to-delete', 1);
    discord.deleteChannel(where.channelId);
    await bot.waitForLog(
      (l) => l.msg === 'discord channel deleted; its settings deleted' && l.channel === where.channelId,
      'channel removal',
    );
    const topics = await discord.command('topics', {}, where).answer();
    expect(topics.message.content).toMatch(/This channel has no digest yet/);
  });
});

describe('leaving and stopping', () => {
  it('GIVEN GUILD_DELETE THEN every channel of the guild is forgotten', async () => {
    const where = await setUp('guild-member', 1);
    discord.leaveGuild();
    const line = await bot.waitForLog((l) => l.msg === 'discord guild left; its channel settings deleted', 'guild removal');
    expect(line).toMatchObject({ guild: discord.guildId, removed: expect.any(Number) });
    expect(line.removed).toBeGreaterThanOrEqual(4);
    const status = await discord.command('status', {}, where).answer();
    expect(status.message.content).toMatch(/not set up yet/);
  });

  it('GIVEN SIGTERM THEN the bot closes the gateway cleanly (1000) and exits 0', async () => {
    expect(await bot.stop()).toBe(0);
    await discord.waitFor(() => discord.closes.includes(1000), 'a clean gateway close');
    expect(bot.logs.some((l) => l.msg === 'discord stopped')).toBe(true);
  });
});
