/**
 * End to end through the real discord.js client: the bot runs as a child process (`paperboy start`, configured
 * only by the environment) against the loopback fake Discord; every /papers subcommand arrives as an
 * INTERACTION_CREATE and the recorded answer's content and visibility are asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { BOT_PERMISSIONS, MANAGER_PERMISSIONS, PERMISSIONS } from '../../fakes/fake-discord-interactions.ts';
import { fakeUser } from '../../fakes/fake-discord-payloads.ts';
import { farTime, startBot, type BotProcess } from './bot-process.ts';

const discord = createFakeDiscord();
const manager = { permissions: MANAGER_PERMISSIONS };
const bob = fakeUser('bob');
let bot: BotProcess;

beforeAll(async () => {
  await discord.start();
  bot = await startBot(discord);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  bot?.cleanup();
  await discord.close();
});

/** A fresh channel per test, so topics and schedules of one test never leak into another. */
const channel = (name: string) => ({ channelId: discord.addChannel(name) });

describe('the bot starts', () => {
  it('GIVEN the environment only THEN it identifies with the Guilds intent alone and the real token', () => {
    expect(discord.identifies[0]).toMatchObject({ token: discord.token, intents: 1 });
    expect(bot.logs.some((l) => JSON.stringify(l).includes(discord.token))).toBe(false);
  });
});

describe('anyone', () => {
  it('GIVEN search query:backtracking THEN a private embed titled "To Backtrack or Not to Backtrack: …" with Next and Share', async () => {
    const { visibility, message } = await discord.command('search', { query: 'backtracking' }).answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(/^\*\*Search: backtracking\*\*\nPapers 1–\d, best first\./);
    expect(message.embeds.map((e) => e.title)).toContain(
      '1. To Backtrack or Not to Backtrack: When Sequential Search Limits Model Reasoning',
    );
    expect(message.embeds[0]!.description).toContain('[arXiv](https://arxiv.org/abs/2504.07052)');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(message.components)).toMatch(/Share in channel/);
  });

  it('GIVEN trending period:week THEN a private answer titled "Trending this week"', async () => {
    const { visibility, message } = await discord.command('trending', { period: 'week' }).answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(/^\*\*Trending this week\*\*/);
  });

  it('GIVEN paper id:<arXiv URL> THEN the paper privately with its abstract and a Share button', async () => {
    const { visibility, message } = await discord.command('paper', { id: 'https://arxiv.org/abs/2504.07052v2' }).answer();
    expect(visibility).toBe('private');
    expect(message.embeds[0]!.title).toBe('To Backtrack or Not to Backtrack: When Sequential Search Limits Model Reasoning');
    expect(message.content).toMatch(/^\*\*Abstract\.\*\* Recent advancements/);
    expect(JSON.stringify(message.components)).toMatch(/pb:share:/);
  });

  it('GIVEN topics, status and help THEN each answers privately', async () => {
    const where = channel('quiet');
    const topics = await discord.command('topics', {}, where).answer();
    expect(topics).toMatchObject({ visibility: 'private', message: { content: expect.stringMatching(/This channel has no digest yet/) } });
    const status = await discord.command('status', {}, where).answer();
    expect(status).toMatchObject({
      visibility: 'private',
      message: { content: expect.stringMatching(/^\*\*Status\*\*\n\*\*Sources\*\*/) },
    });
    const help = await discord.command('help', { subcommand: 'subscribe' }, where).answer();
    expect(help.visibility).toBe('private');
    expect(`${help.message.content}${help.message.embeds[0]?.description ?? ''}`).toMatch(/members with Manage Channels/);
  });

  it('GIVEN a bad value THEN a private usage answer at once, without deferring', async () => {
    const bad = discord.command('schedule', { time: '25:99' }, manager);
    const { visibility, message } = await bad.answer();
    expect(visibility).toBe('private');
    expect(bad.record.callbacks.map((c) => c.type)).toEqual([4]);
    expect(message.content).toMatch(/time/);
  });

  it('GIVEN digest (preview) THEN a private preview', async () => {
    const { visibility, message } = await discord.command('digest', {}, channel('preview')).answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(/^\*\*Digest preview\*\*\n\*\*Trending papers · /);
    expect(message.embeds.at(-1)?.footer?.text).toMatch(/pb-/);
  });
});

describe('channel managers', () => {
  it('GIVEN a member without Manage Channels THEN subscribe, schedule, digest mode:now, pause and resume are refused privately', async () => {
    const where = channel('members');
    for (const [sub, options] of [
      ['subscribe', { topic: 'diffusion' }],
      ['schedule', { time: '08:00' }],
      ['digest', { mode: 'now' }],
      ['pause', {}],
      ['resume', {}],
    ] as const) {
      const answer = discord.command(sub, options, where);
      const { visibility, message } = await answer.answer();
      expect(visibility, sub).toBe('private');
      expect(message.content, sub).toMatch(/^Only members with Manage Channels can /);
      expect(
        answer.record.callbacks.map((c) => c.type),
        sub,
      ).toEqual([4]);
    }
    expect(discord.messages(where.channelId)).toEqual([]);
  });

  it('GIVEN a manager THEN subscribe is public with a private preview, topics lists it, autocomplete offers it, unsubscribe is public', async () => {
    const where = channel('managed');
    const subscribe = discord.command('subscribe', { topic: 'reinforcement learning' }, { ...where, ...manager });
    expect(await subscribe.answer()).toMatchObject({
      visibility: 'public',
      message: { content: expect.stringMatching(/^This channel now follows `reinforcement learning` \(1 topic\)/) },
    });
    expect(await subscribe.followUp(0)).toMatchObject({
      visibility: 'private',
      message: { content: expect.stringMatching(/^\*\*Preview \(only you can see this\)\*\*/) },
    });
    await discord.command('subscribe', { topic: 'author:"Yann LeCun"' }, { ...where, ...manager }).answer();
    const listed = await discord.command('topics', {}, where).answer();
    expect(listed.message.content).toMatch(/`reinforcement learning`/);
    const choices = await discord.autocomplete('unsubscribe', 'topic', { topic: 'rein' }, where).choices();
    expect(choices).toEqual([{ name: 'reinforcement learning', value: 'reinforcement learning' }]);
    const all = await discord.autocomplete('unsubscribe', 'topic', { topic: '' }, where).choices();
    expect(all.map((c) => c.value).sort()).toEqual(['author:"Yann LeCun"', 'reinforcement learning']);
    const removed = await discord.command('unsubscribe', { topic: 'reinforcement learning' }, { ...where, ...manager }).answer();
    expect(removed).toMatchObject({
      visibility: 'public',
      message: { content: expect.stringMatching(/^This channel no longer follows `reinforcement learning`/) },
    });
  });

  it('GIVEN a manager THEN schedule is public, timezone autocomplete suggests IANA names, pause and resume are public', async () => {
    const where = channel('scheduled');
    const zones = await discord.autocomplete('schedule', 'timezone', { timezone: 'Europe/Ber' }, where).choices();
    expect(zones.length).toBeLessThanOrEqual(25);
    expect(zones.map((z) => z.value)).toContain('Europe/Berlin');
    const set = await discord
      .command('schedule', { time: '08:30', timezone: 'Europe/Berlin', days: 'weekdays', size: 3 }, { ...where, ...manager })
      .answer();
    expect(set).toMatchObject({ visibility: 'public', message: { content: expect.stringMatching(/08:30 Europe\/Berlin/) } });
    const shown = await discord.command('schedule', {}, where).answer();
    expect(shown).toMatchObject({ visibility: 'private', message: { content: expect.stringMatching(/08:30/) } });
    expect((await discord.command('pause', {}, { ...where, ...manager }).answer()).visibility).toBe('public');
    expect((await discord.command('resume', {}, { ...where, ...manager }).answer()).visibility).toBe('public');
  });

  it('GIVEN subscribe where the bot lacks Embed Links THEN the public confirmation says what to fix', async () => {
    const appPermissions = BOT_PERMISSIONS & ~PERMISSIONS.embedLinks;
    const { message } = await discord
      .command('subscribe', { topic: 'diffusion' }, { ...channel('no-embeds'), ...manager, appPermissions })
      .answer();
    expect(message.content).toMatch(/-# ⚠️ I can't post digests in this channel yet: give paperboy Embed Links here/);
  });

  it('GIVEN digest mode:now by a manager THEN exactly one channel message and a private acknowledgement', async () => {
    const where = channel('digest-now');
    await discord.command('schedule', { time: farTime() }, { ...where, ...manager }).answer();
    await discord.command('subscribe', { topic: 'reasoning' }, { ...where, ...manager }).answer();
    const now = discord.command('digest', { mode: 'now' }, { ...where, ...manager });
    const { visibility, message } = await now.answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(/^Posted the digest to this channel/);
    const posted = discord.messages(where.channelId);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      content: expect.stringMatching(/^\*\*Trending papers · /),
      allowed_mentions: { parse: [] },
      nonce: expect.stringMatching(/^pb-/),
    });
    expect(posted[0]!.embeds.at(-1)?.footer?.text).toMatch(new RegExp(`${posted[0]!.nonce}$`));
  });
});

describe('buttons', () => {
  it('GIVEN a one-per-page search THEN Next pages for the invoker, Prev comes back, and another user is refused', async () => {
    const first = await discord.command('search', { query: 'backtracking', limit: 1 }).answer();
    const next = (first.message.components as Array<{ components: Array<{ custom_id: string; disabled: boolean }> }>)[0]!.components;
    expect(next.map((b) => b.disabled)).toEqual([true, false, false]);
    const nextId = next[1]!.custom_id;

    const refused = await discord.click(first.message, nextId, { user: bob }).answer();
    expect(refused).toMatchObject({
      visibility: 'private',
      message: { content: expect.stringMatching(/^Only the person who ran the search can page it/) },
    });

    const click = discord.click(first.message, nextId);
    const paged = await click.answer();
    expect(click.record.callbacks.map((c) => c.type)).toEqual([6]);
    expect(paged.message.id).toBe(first.message.id);
    expect(paged.message.content).toMatch(/Papers 2–2, best first/);
    expect(paged.message.embeds[0]!.title).toMatch(/^2\. /);
    const buttons = (paged.message.components as Array<{ components: Array<{ custom_id: string; disabled: boolean }> }>)[0]!.components;
    const back = await discord.click(paged.message, buttons[0]!.custom_id).answer();
    expect(back.message.content).toMatch(/Papers 1–1/);
  });

  it('GIVEN Share THEN the same result is posted publicly, without buttons', async () => {
    const result = await discord.command('search', { query: 'backtracking', limit: 2 }).answer();
    const shareId = JSON.stringify(result.message.components).match(/pb:share:[\w-]+/)![0];
    const shared = await discord.click(result.message, shareId).answer();
    expect(shared.visibility).toBe('public');
    expect(shared.message.embeds.map((e) => e.title)).toEqual(result.message.embeds.map((e) => e.title));
    expect(shared.message.components).toEqual([]);
    expect(shared.message.content).toMatch(/-# Shared by alice/);
  });

  it('GIVEN a button whose result is unknown (expired or from before a restart) THEN a private "expired" answer', async () => {
    const result = await discord.command('search', { query: 'backtracking', limit: 1 }).answer();
    const expired = await discord.click(result.message, 'pb:next:doesnotexist').answer();
    expect(expired).toMatchObject({
      visibility: 'private',
      message: { content: expect.stringMatching(/^This result expired\. Run the command again\./) },
    });
  });
});

describe('nothing the bot sent', () => {
  it('GIVEN every interaction above THEN nothing broke a Discord limit and every message carried an empty mention policy', () => {
    expect(discord.violations).toEqual([]);
    const bodies = discord.requests.filter((r) => r.method !== 'GET' && (r.route === 'webhook' || r.route === 'channel-messages'));
    expect(bodies.length).toBeGreaterThan(10);
    for (const request of bodies.filter((r) => r.method !== 'DELETE'))
      expect((request.body as { allowed_mentions?: unknown }).allowed_mentions, request.path).toEqual({ parse: [] });
    const replies = discord.requests.filter((r) => r.route === 'callback' && (r.body as { type: number }).type === 4);
    for (const request of replies)
      expect((request.body as { data: { allowed_mentions?: unknown } }).data.allowed_mentions).toEqual({ parse: [] });
  });
});
