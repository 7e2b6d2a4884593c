/**
 * Several bot processes on one PostgreSQL database (issue 13): the corpus and the digest bench's channels copied into
 * a throwaway server by `db copy`'s code, then the same due slots delivered by 1 and by 3 processes started together,
 * each its own Node process (bench/child.ts) running the real scheduled delivery path:
 *
 * - digests: `createDigestService(...).deliverScheduled(slots)` over every channel of the digest bench (10,000 × 5
 *   topics), with a publisher that records the post and returns at once, so the figure is digest computation and
 *   claiming, not posting;
 * - fan-out: `runBot` (the composition `npm start` uses) with the real discord.js publisher, against the loopback
 *   fake Discord behind Discord's rate limits (discord-limits.ts), delivering one digest to each of 1,000 channels.
 *
 * The processes start, open their pools, list their slots, and say they are ready; the coordinator then tells them
 * all to go at once and times until the last one says it is done. After every run each slot must have been posted
 * exactly once: checked in `digest_slots` (posted, one attempt), in what the publishers saw, and for fan-out in the
 * fake's channels (one message carrying the slot's marker each). Slots and deliveries are reset between runs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { App } from '../src/app.ts';
import { createFixedClock } from '../src/core/clock.ts';
import { createDigestService } from '../src/core/digest/service.ts';
import { digestMarker } from '../src/core/digest/text.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Publisher } from '../src/core/ports.ts';
import { loadConfig } from '../src/config.ts';
import { runBot } from '../src/main.ts';
import { copySqliteToPostgres } from '../src/store/copy-to-postgres.ts';
import { createSqliteChannelStore } from '../src/store/index.ts';
import { createPostgresCandidateStore } from '../src/store/postgres/candidates-repo.ts';
import { createPostgresChannelStore } from '../src/store/postgres/channels-repo.ts';
import { openPostgres, type PgDb } from '../src/store/postgres/db.ts';
import { createPostgresDeliveryStore } from '../src/store/postgres/deliveries-repo.ts';
import { createFakeDiscord } from '../test/fakes/fake-discord.ts';
import { createCorpus, ROOT } from './corpus.ts';
import { createChannels, DUE, slotsOf } from './digest-bench.ts';
import { addChannels } from './discord-bench.ts';
import { idealSeconds, startDiscordLimits } from './discord-limits.ts';
import { openBenchDb } from './ingest-path.ts';
import { server } from './postgres-bench.ts';
import { since } from './stats.ts';

/** The digest bench's channels are `bench-<n>` (digest-bench.ts `createChannels`). */
const DIGEST_PREFIX = 'bench-';
const SLOT_KEY = DUE.toISOString().slice(0, 10);
/** What a worker prints when it is ready to start, and when its delivery returned. */
const READY = 'CLUSTER-READY';
const DONE = 'CLUSTER-DONE';

/** How one process's slots ended. */
type Statuses = Record<string, number>;

/** One run of N processes. */
export interface ClusterRun {
  processes: number;
  /** From "go" to the last process's delivery returning. */
  seconds: number;
  slots: number;
  /** Slots each process posted (the others it found claimed or posted by another). */
  postedBy: number[];
}

/** A fan-out run, with what the rate limits did. */
export interface ClusterFanoutRun extends ClusterRun {
  idealSeconds: number;
  requests: number;
  limited: number;
}

/** The cluster bench. */
export interface ClusterReport {
  copySeconds: number;
  digest: ClusterRun[];
  fanout: ClusterFanoutRun[];
}

/** Arguments of the coordinator. */
export interface ClusterArgs {
  /** A copy of the corpus (SQLite): the channels are added to it before it is copied to PostgreSQL. */
  file: string;
  size: number;
  runs: number;
  channels: number;
  fanoutChannels: number;
  processes: readonly number[];
}

// ── The worker side (each in its own process) ────────────────────────────────────────────────────────────

/** Arguments of a digest worker. */
export interface DigestWorkerArgs {
  url: string;
}

/** Arguments of a fan-out worker. */
export interface FanoutWorkerArgs {
  url: string;
  apiUrl: string;
  token: string;
  applicationId: string;
  ids: string[];
  slotKey: string;
  instance: string;
}

/** What a worker reports when it has finished. */
export interface WorkerResult {
  seconds: number;
  statuses: Statuses;
  /** Channels this process posted to. */
  posted: string[];
}

/** Says ready, then resolves when the coordinator writes `go` on stdin (rejects if stdin closes first). */
function readyThenGo(): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      if (!buffer.includes('go\n')) return;
      process.stdin.off('data', onData);
      process.stdin.off('end', onEnd);
      process.stdin.pause();
      resolve();
    };
    const onEnd = () => reject(new Error('the coordinator went away before saying go'));
    process.stdin.on('data', onData);
    process.stdin.once('end', onEnd);
    console.log(READY);
  });
}

function countStatuses(results: ReadonlyArray<{ outcome: { status: string } }>): Statuses {
  const out: Statuses = {};
  for (const { outcome } of results) out[outcome.status] = (out[outcome.status] ?? 0) + 1;
  return out;
}

/** One process delivering every digest-bench slot through the real path, to a publisher that only records. */
export async function digestWorker(args: DigestWorkerArgs): Promise<WorkerResult> {
  // The pool a bot process opens (10 connections), warmed as a running bot's would be.
  const db = await openPostgres(args.url, { log: silentLogger });
  try {
    const channels = createPostgresChannelStore(db);
    const slots = slotsOf((await channels.list()).filter((c) => c.channelId.startsWith(DIGEST_PREFIX)));
    const posted: string[] = [];
    const publisher: Publisher = {
      platform: 'discord',
      publish: async (channel) => {
        posted.push(channel.channelId);
        return { messageId: `bench-${channel.channelId}` };
      },
      findByMarker: async () => null,
    };
    const digests = createDigestService({
      candidates: createPostgresCandidateStore(db),
      channels,
      deliveries: createPostgresDeliveryStore(db),
      publishers: new Map([['discord', publisher]]),
      clock: createFixedClock(new Date(DUE.getTime() + 60_000)),
      defaults: { timezone: 'UTC' },
      log: silentLogger,
    });
    await Promise.all(Array.from({ length: 10 }, () => db.pool.query('SELECT 1')));
    await readyThenGo();
    const start = performance.now();
    const results = await digests.deliverScheduled(slots);
    const seconds = since(start) / 1000;
    console.log(DONE);
    return { seconds, statuses: countStatuses(results), posted };
  } finally {
    await db.close();
  }
}

/** One bot process (`runBot` on PostgreSQL, real discord.js) delivering the fan-out slots of `ids`. */
export async function fanoutWorker(args: FanoutWorkerArgs): Promise<WorkerResult> {
  const config = loadConfig({
    DATABASE_URL: args.url,
    PAPERBOY_OFFLINE: 'true',
    PAPERBOY_HTTP_PORT: '0',
    PAPERBOY_LOG_LEVEL: 'error',
    PAPERBOY_INSTANCE_ID: args.instance,
    // Fan-out needs no search; with it on, each process would start building the copied corpus's search index.
    PAPERBOY_SEARCH_INDEX: 'off',
    PAPERBOY_CLOCK_START: new Date(DUE.getTime() + 60_000).toISOString(),
    DISCORD_TOKEN: args.token,
    DISCORD_APPLICATION_ID: args.applicationId,
    DISCORD_API_URL: args.apiUrl,
  });
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let onReady = (_app: App) => undefined as void;
  const ready = new Promise<App>((resolve) => (onReady = resolve));
  const running = runBot(config, { stop: stopped, cron: false, onReady: ({ app }) => onReady(app) });
  try {
    const app = await Promise.race([ready, running.then(() => Promise.reject(new Error('the bot stopped before it was ready')))]);
    const mine = new Set(args.ids);
    const settings = (await app.channels.list({ platform: 'discord' })).filter((c) => mine.has(c.channelId));
    const slots = settings.map((channel) => ({ channel, slotKey: args.slotKey, dueAt: DUE }));
    const posted: string[] = [];
    await readyThenGo();
    const start = performance.now();
    const results = await app.digests.deliverScheduled(slots);
    const seconds = since(start) / 1000;
    console.log(DONE);
    for (const { slot, outcome } of results) if (outcome.status === 'posted') posted.push(slot.channel.channelId);
    return { seconds, statuses: countStatuses(results), posted };
  } finally {
    stop();
    await running;
  }
}

// ── The coordinator ──────────────────────────────────────────────────────────────────────────────────────

interface Worker {
  ready: Promise<void>;
  /** Resolves with the time the worker said its delivery returned. */
  done: Promise<number>;
  result: Promise<WorkerResult>;
  go(): void;
  kill(): void;
}

/** Starts one worker process (bench/child.ts `task`); its protocol lines and result come on stdout. */
function spawnWorker(task: string, args: object): Worker {
  const proc = spawn(process.execPath, [...process.execArgv, join(ROOT, 'bench/child.ts'), task, JSON.stringify(args)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let signalReady = () => undefined as void;
  let signalDone = (_at: number) => undefined as void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  const done = new Promise<number>((resolve) => (signalDone = resolve));
  proc.stdout.on('data', (chunk: Buffer) => {
    const at = performance.now();
    out += chunk.toString();
    const lines = out.split('\n').map((l) => l.trim());
    if (lines.includes(READY)) signalReady();
    if (lines.includes(DONE)) signalDone(at);
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(last) as WorkerResult);
      else reject(new Error(`cluster worker ${task} failed (exit ${code}): ${out.slice(-2000)}`));
    });
  });
  // A worker that dies early must fail the waits on its readiness and completion too.
  const failed = result.then(() => new Promise<never>(() => undefined));
  return {
    ready: Promise.race([ready, failed]),
    done: Promise.race([done, failed]),
    result,
    go: () => proc.stdin.end('go\n'),
    kill: () => proc.kill('SIGKILL'),
  };
}

/** Starts `count` workers, waits until all are ready (and `settled`), says go to all, and times until all are done. */
async function runTogether(
  count: number,
  start: (i: number) => Worker,
  settled: () => Promise<void> = async () => undefined,
): Promise<{ seconds: number; results: WorkerResult[] }> {
  const workers = Array.from({ length: count }, (_, i) => start(i));
  try {
    await Promise.all(workers.map((w) => w.ready));
    await settled();
    const go = performance.now();
    for (const w of workers) w.go();
    const doneAt = await Promise.all(workers.map((w) => w.done));
    const seconds = (Math.max(...doneAt) - go) / 1000;
    return { seconds, results: await Promise.all(workers.map((w) => w.result)) };
  } catch (error) {
    for (const w of workers) w.kill();
    throw error;
  }
}

/** Forgets every digest slot and delivery, so the next run starts from the same state. */
async function resetSlots(db: PgDb): Promise<void> {
  await db.pool.query('DELETE FROM deliveries');
  await db.pool.query('DELETE FROM digest_slots');
  await db.pool.query('VACUUM ANALYZE deliveries, digest_slots');
}

/** Fails unless every slot of `slotKey` on the channels matching `like` is posted, after one attempt, and posted once. */
async function checkExactlyOnce(db: PgDb, like: string, slotKey: string, expected: number, results: WorkerResult[], what: string) {
  const { rows } = await db.pool.query<{ total: number; posted: number; attempts: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE s.status = 'posted')::int AS posted, coalesce(max(s.attempts), 0)::int AS attempts
     FROM digest_slots s JOIN channels c ON c.id = s.channel WHERE c.channel_id LIKE $1 AND s.slot_key = $2`,
    [like, slotKey],
  );
  const row = rows[0];
  const published = results.flatMap((r) => r.posted);
  const problems = [
    row?.total !== expected && `${row?.total} slots in digest_slots, expected ${expected}`,
    row?.posted !== expected && `${row?.posted} of them posted`,
    (row?.attempts ?? 0) > 1 && `a slot was claimed ${row?.attempts} times`,
    published.length !== expected && `the publishers posted ${published.length} times for ${expected} slots`,
    new Set(published).size !== published.length && 'a channel was posted to twice',
    ...results.flatMap((r) => Object.keys(r.statuses).filter((s) => s !== 'posted' && s !== 'not-claimed')).map((s) => `a slot ended ${s}`),
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`${what}: not every slot posted exactly once: ${problems.join('; ')}`);
}

/** Runs the cluster bench; progress on stderr. */
export async function benchCluster(args: ClusterArgs): Promise<ClusterReport> {
  const progress = (line: string) => console.error(`[cluster] ${line}`);
  const fake = createFakeDiscord();
  await fake.start();
  const limits = await startDiscordLimits(new URL(fake.apiUrl).origin);
  const { url: adminUrl, stop } = await server();
  const name = `paperboy_bench_cluster_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let db: PgDb | null = null;
  let copySeconds = 0;
  try {
    // The channels go into the SQLite copy (one transaction), which db copy's code then moves with the corpus.
    const ids = Array.from({ length: args.fanoutChannels }, (_, i) => fake.addChannel(`fanout-${i}`));
    const sqlite = openBenchDb(args.file);
    try {
      sqlite.sqlite.exec('BEGIN');
      await createChannels(createSqliteChannelStore(sqlite), createCorpus(args.size), args.channels);
      sqlite.sqlite.exec('COMMIT');
      await addChannels(sqlite, ids);
      await admin(`CREATE DATABASE ${name}`);
      db = await openPostgres(url.toString(), { log: silentLogger, maxConnections: 2 });
      const t = performance.now();
      await copySqliteToPostgres(sqlite, db);
      copySeconds = since(t) / 1000;
    } finally {
      sqlite.close();
    }
    await db.pool.query('VACUUM ANALYZE');
    progress(
      `${args.size} papers, ${args.channels} digest channels and ${args.fanoutChannels} fan-out channels copied in ${copySeconds.toFixed(1)} s`,
    );

    const digest: ClusterRun[] = [];
    const fanout: ClusterFanoutRun[] = [];
    for (let r = 0; r < args.runs; r += 1) {
      for (const n of args.processes) {
        await resetSlots(db);
        const { seconds, results } = await runTogether(n, () =>
          spawnWorker('clusterDigest', { url: url.toString() } satisfies DigestWorkerArgs),
        );
        await checkExactlyOnce(db, `${DIGEST_PREFIX}%`, SLOT_KEY, args.channels, results, `digest run ${r + 1}, ${n} processes`);
        digest.push({ processes: n, seconds, slots: args.channels, postedBy: results.map((x) => x.posted.length) });
        progress(
          `digest, ${n} process(es), run ${r + 1}: ${seconds.toFixed(2)} s (posted by each: ${results.map((x) => x.posted.length).join(', ')})`,
        );
      }
    }
    const idSet = new Set(ids);
    for (let r = 0; r < args.runs; r += 1) {
      for (const n of args.processes) {
        await resetSlots(db);
        const slotKey = `${SLOT_KEY}-fanout-${n}-${r}`;
        const identified = fake.identifies.length;
        const before = {
          requests: limits.stats.requests,
          limited: limits.stats.limited,
          messages: ids.map((id) => fake.messages(id).length),
        };
        const { seconds, results } = await runTogether(
          n,
          (i) =>
            spawnWorker('clusterFanout', {
              url: url.toString(),
              apiUrl: limits.apiUrl,
              token: fake.token,
              applicationId: fake.applicationId,
              ids,
              slotKey,
              instance: `bench-${i}`,
            } satisfies FanoutWorkerArgs),
          // Every bot logged in to the gateway before any starts posting.
          async () => void (await fake.waitForIdentify(identified + n)),
        );
        const what = `fan-out run ${r + 1}, ${n} processes`;
        await checkExactlyOnce(db, '%', slotKey, ids.length, results, what);
        // And on Discord's side: each channel got exactly one new message, the one carrying this slot's marker.
        const wrong = ids.filter((id, i) => {
          const fresh = fake.messages(id).slice(before.messages[i] ?? 0);
          const marker = digestMarker({ platform: 'discord', channelId: id }, slotKey);
          return fresh.length !== 1 || !(fresh[0]?.nonce === marker || JSON.stringify(fresh[0]?.embeds ?? []).includes(marker));
        });
        if (wrong.length > 0 || fake.violations.length > 0 || results.some((x) => x.posted.some((id) => !idSet.has(id))))
          throw new Error(
            `${what}: ${wrong.length} channels without exactly one post of the slot; ${fake.violations.length} limit violations`,
          );
        fanout.push({
          processes: n,
          seconds,
          slots: ids.length,
          postedBy: results.map((x) => x.posted.length),
          idealSeconds: idealSeconds(ids.length, 1),
          requests: limits.stats.requests - before.requests,
          limited: limits.stats.limited - before.limited,
        });
        progress(`fan-out, ${n} process(es), run ${r + 1}: ${seconds.toFixed(2)} s, ${limits.stats.limited - before.limited} answered 429`);
      }
    }
    return { copySeconds, digest, fanout };
  } finally {
    await db?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await stop();
    await limits.close();
    await fake.close();
  }
}
