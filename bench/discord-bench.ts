/**
 * Fan-out and command latency through the real bot: `runBot` (the composition `npm start` uses) with the real
 * discord.js client, pointed at the loopback fake Discord (test/fakes) behind Discord's rate limits
 * (discord-limits.ts). Fan-out: 1,000 channels' scheduled digests delivered (claim → post → record).
 * Command latency: `/papers search` over the query mix, from INTERACTION_CREATE to the recorded reply.
 */
import type { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createSqliteChannelStore, type Db } from '../src/store/index.ts';
import { runBot } from '../src/main.ts';
import { createFakeDiscord } from '../test/fakes/fake-discord.ts';
import { createCorpus } from './corpus.ts';
import { DUE, topicPool } from './digest-bench.ts';
import { idealSeconds, startDiscordLimits } from './discord-limits.ts';
import { openBenchDb } from './ingest-path.ts';
import { queryMix } from './queries.ts';
import { normalizeQuery, parseQuery } from '../src/core/query/index.ts';
import { percentile, since } from './stats.ts';

/** One run of each: command-latency p95, and the fan-out's time next to the ideal. */
export interface DiscordRun {
  commandP95: number;
  fanoutSeconds: number;
  idealSeconds: number;
  failed: number;
  limited: number;
}

/** Stores `count` Discord channels (the fake's ids) with 5 topics each from the digest bench's pool. */
export async function addChannels(db: Db, ids: readonly string[]): Promise<void> {
  const store = createSqliteChannelStore(db);
  const pool = topicPool(createCorpus(10_000));
  const at = new Date(DUE.getTime() - 30 * 86_400_000);
  db.sqlite.exec('BEGIN');
  for (const [i, channelId] of ids.entries()) {
    const ref = { platform: 'discord', channelId };
    await store.ensure(ref, { timezone: 'UTC', createdBy: 'bench' }, at);
    for (let t = 0; t < 5; t += 1) {
      const raw = pool[(i * 7 + t * 13) % pool.length] as string;
      await store.addTopic(ref, { normalized: normalizeQuery(parseQuery(raw, { allowSince: false })), raw }, 'bench', at);
    }
  }
  db.sqlite.exec('COMMIT');
}

/** Runs the bot on `file` against the fake behind the limits; `runs` of commands and fan-out. */
export async function benchDiscord(file: string, runs: number, channels: number): Promise<DiscordRun[]> {
  const fake = createFakeDiscord();
  await fake.start();
  const limits = await startDiscordLimits(new URL(fake.apiUrl).origin);
  const ids = Array.from({ length: channels }, (_, i) => fake.addChannel(`digest-${i}`));
  const setup = openBenchDb(file);
  await addChannels(setup, ids);
  setup.close();

  const config = loadConfig({
    PAPERBOY_DB: file,
    PAPERBOY_OFFLINE: 'true',
    PAPERBOY_HTTP_PORT: '0',
    PAPERBOY_LOG_LEVEL: 'error',
    // The corpus's digest day, running at normal speed: digests see its papers, searches its recency.
    PAPERBOY_CLOCK_START: new Date(DUE.getTime() + 60_000).toISOString(),
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: limits.apiUrl,
  });
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let onReady = (_app: App) => undefined as void;
  const ready = new Promise<App>((resolve) => (onReady = resolve));
  const running = runBot(config, { stop: stopped, cron: false, onReady: ({ app }) => onReady(app) });
  const app = await Promise.race([ready, running.then(() => Promise.reject(new Error('the bot stopped before it was ready')))]);
  await fake.waitForIdentify();
  const mix = queryMix(createCorpus(10_000));
  const out: DiscordRun[] = [];
  try {
    // A warm-up pass, as in the search bench: the first search after start loads the index's tables.
    for (const q of mix) await fake.command('search', { query: q.text }).answer();
    for (let r = 0; r < runs; r += 1) {
      const latencies: number[] = [];
      for (const q of mix) {
        const start = performance.now();
        await fake.command('search', { query: q.text }).answer();
        latencies.push(since(start));
      }
      const mine = new Set(ids);
      const settings = (await app.channels.list({ platform: 'discord' })).filter((c) => mine.has(c.channelId));
      const slots = settings.map((channel) => ({ channel, slotKey: `${DUE.toISOString().slice(0, 10)}-run${r}`, dueAt: DUE }));
      const before = { requests: limits.stats.requests, limited: limits.stats.limited };
      const start = performance.now();
      const results = await app.digests.deliverScheduled(slots);
      const fanoutSeconds = since(start) / 1000;
      out.push({
        commandP95: percentile(latencies, 95),
        fanoutSeconds,
        idealSeconds: idealSeconds(slots.length, 1),
        failed: results.filter((x) => x.outcome.status !== 'posted').length + fake.violations.length,
        limited: limits.stats.limited - before.limited,
      });
    }
  } finally {
    stop();
    await running;
    await limits.close();
    await fake.close();
  }
  return out;
}
