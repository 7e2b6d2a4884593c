/**
 * Two `paperboy start` processes on one PostgreSQL database, both serving Discord interactions over HTTP, as behind a
 * load balancer: a search answered by one process, its Next pressed and answered by the other (the replay lives in
 * the database, docs/architecture.md §16), and Prev back on the first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { SAMPLE, spawnBot, type BotChild } from '../../helpers/bot-child.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';
import { botEnv } from './bot-process.ts';

const discord = createFakeDiscord();
const bots: BotChild[] = [];
const endpoints: string[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir = '';

beforeAll(async () => {
  await discord.start();
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'paperboy-discord-two-'));
  const seeded = await runCli(['ingest', '--from-file', SAMPLE], {
    cwd: dir,
    env: { DATABASE_URL: database.url, PAPERBOY_OFFLINE: 'true' },
  });
  expect(seeded.code, seeded.stderr).toBe(0);
  for (const instance of ['pb-a', 'pb-b']) {
    const env = botEnv(discord, dir, {
      DATABASE_URL: database.url,
      PAPERBOY_INSTANCE_ID: instance,
      DISCORD_PUBLIC_KEY: discord.publicKey,
      DISCORD_HTTP_HOST: '127.0.0.1',
      DISCORD_HTTP_PORT: '0',
    });
    const bot = spawnBot(dir, env);
    bots.push(bot);
    endpoints.push(String((await bot.waitForLog((l) => l.msg === 'discord interactions listening', 'the endpoint')).url));
  }
}, 90_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop()));
  await discord.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The buttons of a message by label. */
function buttons(message: { components?: unknown }): Record<string, string> {
  const rows = (message.components ?? []) as Array<{ components: Array<{ label?: string; custom_id?: string }> }>;
  return Object.fromEntries(rows.flatMap((row) => row.components).map((b) => [b.label ?? '', b.custom_id ?? '']));
}

describe('Discord buttons across processes, over HTTP interactions', () => {
  it('GIVEN a paged search answered by process A THEN process B answers its Next, and A the Prev of that page', async () => {
    expect(new Set(endpoints).size).toBe(2);
    discord.deliverOverHttp(endpoints[0] as string);
    const first = await discord.command('search', { query: 'reasoning', limit: 1 }).answer();
    expect(first.message.content).toMatch(/Papers 1–1, best first/);
    const firstTitle = first.message.embeds[0]?.title;

    discord.deliverOverHttp(endpoints[1] as string);
    const next = discord.click(first.message, buttons(first.message)['Next ▶'] as string);
    expect((await next.delivery)?.status).toBe(202);
    const paged = await next.answer();
    expect(paged.message.content).toMatch(/Papers 2–2, best first/);
    expect(paged.message.content).not.toMatch(/expired/i);
    expect(paged.message.embeds[0]?.title).toMatch(/^2\. /);

    discord.deliverOverHttp(endpoints[0] as string);
    const back = await discord.click(paged.message, buttons(paged.message)['◀ Prev'] as string).answer();
    expect(back.message.content).toMatch(/Papers 1–1, best first/);
    expect(back.message.embeds[0]?.title).toBe(firstTitle);
    expect(discord.violations).toEqual([]);
  });
});
