/**
 * The real bot (`paperboy start` as a child process, configured only by the environment) in HTTP interactions mode:
 * DISCORD_PUBLIC_KEY switches it from the gateway to its own endpoint, the fake Discord POSTs signed interactions
 * there, and the answers are what the gateway tests see (docs/architecture.md §11, §14). Also: shard settings that
 * contradict HTTP mode stop `paperboy start` with exit code 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { postSigned, rawRequest } from '../../fakes/fake-discord-http.ts';
import { runCli, workDir } from '../../cli/run-cli.ts';
import { startBot, type BotProcess } from './bot-process.ts';

const discord = createFakeDiscord();
let bot: BotProcess;
let endpoint: string;
let healthUrl: string;

beforeAll(async () => {
  await discord.start();
  bot = await startBot(discord, {
    env: { DISCORD_PUBLIC_KEY: discord.publicKey, DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: '0' },
  });
  endpoint = String((await bot.waitForLog((l) => l.msg === 'discord interactions listening', 'the endpoint')).url);
  healthUrl = String(bot.logs.find((l) => l.msg === 'paperboy started')?.health);
  discord.deliverOverHttp(endpoint);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  bot?.cleanup();
  await discord.close();
});

describe('DISCORD_PUBLIC_KEY', () => {
  it('GIVEN the environment only THEN the bot serves its endpoint, logs where, and never opens the gateway', () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/discord\/interactions$/);
    expect(bot.logs.find((l) => l.msg === 'paperboy started')).toMatchObject({ platforms: ['discord'] });
    expect(discord.identifies).toEqual([]);
    expect(discord.requests.filter((r) => r.route === 'gateway')).toEqual([]);
    expect(bot.logs.some((l) => JSON.stringify(l).includes(discord.token))).toBe(false);
  });

  it('GIVEN PING THEN PONG', async () => {
    const pong = await postSigned(endpoint, discord.privateKey, { type: 1 });
    expect(pong).toMatchObject({ status: 200, body: '{"type":1}' });
  });

  it('GIVEN search query:backtracking THEN 202, and the same private embeds with Next and Share as over the gateway', async () => {
    const search = discord.command('search', { query: 'backtracking' });
    expect((await search.delivery!).status).toBe(202);
    const { visibility, message } = await search.answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(/^\*\*Search: backtracking\*\*\nPapers 1–\d, best first\./);
    expect(message.embeds.map((e) => e.title)).toContain(
      '1. To Backtrack or Not to Backtrack: When Sequential Search Limits Model Reasoning',
    );
    expect(JSON.stringify(message.components)).toMatch(/Share in channel/);
  });

  it('GIVEN the health server THEN it still answers /healthz, on another port, and does not serve interactions', async () => {
    expect(new URL(healthUrl).port).not.toBe(new URL(endpoint).port);
    const health = await rawRequest(`${healthUrl}/healthz`, { method: 'GET' });
    expect(health.status).toBe(200);
    const there = await postSigned(`${healthUrl}/discord/interactions`, discord.privateKey, { type: 1 });
    expect([404, 405]).toContain(there.status);
    expect(there.body).not.toContain('"type":1');
  });

  it('GIVEN every interaction above THEN nothing broke a Discord limit', () => {
    expect(discord.violations).toEqual([]);
  });
});

describe('configuration', () => {
  it('GIVEN shard settings together with DISCORD_PUBLIC_KEY THEN start exits 2 with one message naming both', async () => {
    const result = await runCli(['start'], {
      cwd: workDir(),
      env: {
        DISCORD_TOKEN: 'a.b.c',
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_PUBLIC_KEY: discord.publicKey,
        DISCORD_SHARD_COUNT: '2',
        DISCORD_SHARDS: '0',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/1 configuration problem/);
    expect(result.stderr).toMatch(/DISCORD_SHARDS and DISCORD_SHARD_COUNT split the gateway, but DISCORD_PUBLIC_KEY/);
    expect(result.stderr).not.toContain('a.b.c');
  });
});
