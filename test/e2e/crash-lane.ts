/**
 * One crash-test lane: a fake Discord behind a kill proxy, a database seeded in-process with N daily channels and
 * the sample papers, and `paperboy start` children (async spawn) whose clock starts where the test says. The
 * cluster lane (below): three such children at once on one PostgreSQL database, Discord and Slack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { WEEKDAYS, type ChannelRef } from '../../src/core/channel.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import { digestMarker } from '../../src/core/digest/text.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { SEARCH_RANKING } from '../../src/core/search-rank.ts';
import { createSqliteChannelStore, openDatabase } from '../../src/store/index.ts';
import { openPostgres, openPostgresStore } from '../../src/store/postgres/api.ts';
import { redated, samplePapers } from '../core/digest/digest-fixtures.ts';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.ts';
import { FAKE_IDENTITY, createFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { discordChannelPost, slackChatPost, startKillProxy, type KillProxy } from './kill-proxy.ts';
import { sqliteStore } from '../helpers/sqlite-store.ts';

const BIN = resolve(import.meta.dirname, '../../bin/paperboy.js');

/** A lane: its fake, proxy, database and channels. */
export interface Lane {
  discord: FakeDiscord;
  proxy: KillProxy;
  dir: string;
  db: string;
  channels: ChannelRef[];
  close(): Promise<void>;
}

/** Starts the fake and the proxy and seeds `count` channels (09:00 Europe/Berlin, every day) created at `createdAt`. */
export async function createLane(count: number, createdAt: Date, papersAt: readonly Date[]): Promise<Lane> {
  const discord = createFakeDiscord();
  await discord.start();
  const proxy = await startKillProxy(discord.apiUrl);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-crash-'));
  const file = join(dir, 'paperboy.db');
  const db = openDatabase(file, { log: silentLogger, clock: createFixedClock(createdAt) });
  const channels: ChannelRef[] = [];
  try {
    const store = createSqliteChannelStore(db);
    for (let i = 0; i < count; i++) {
      const ref = { platform: 'discord', channelId: discord.addChannel(`papers-${i}`) };
      await store.ensure(ref, { timezone: 'Europe/Berlin', createdBy: 'U1', workspaceId: discord.guildId }, createdAt);
      await store.update(ref, { digestTime: '09:00', days: [...WEEKDAYS] });
      channels.push(ref);
    }
    // Each day gets its own share of papers, so every digest has something new to show.
    const items = samplePapers();
    const papers = sqliteStore(db).papers;
    for (const [day, at] of papersAt.entries()) {
      const share = items.filter((_, i) => i % papersAt.length === day).map((item, i) => redated(item, at, { upvotes: 40 - i }));
      await papers.upsertMany(share, at);
    }
  } finally {
    db.close();
  }
  return {
    discord,
    proxy,
    dir,
    db: file,
    channels,
    async close() {
      await proxy.close();
      await discord.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One bot process of a lane. */
export interface BotRun {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `paperboy start` against the lane with its clock starting at `clockStart`. */
export function spawnBot(lane: Lane, clockStart: Date): BotRun {
  return spawnStart(lane.dir, {
    PAPERBOY_DB: lane.db,
    PAPERBOY_LOG_LEVEL: 'info',
    PAPERBOY_CLOCK_START: clockStart.toISOString(),
    DISCORD_TOKEN: lane.discord.token,
    DISCORD_APPLICATION_ID: lane.discord.applicationId,
    DISCORD_API_URL: lane.proxy.apiUrl,
  });
}

/** `node bin/paperboy.js start` (async spawn) in `cwd`, offline, with only `env` (plus PATH and HOME = `cwd`). */
function spawnStart(cwd: string, env: Record<string, string>): BotRun {
  const full = { PATH: process.env.PATH ?? '', HOME: cwd, PAPERBOY_OFFLINE: 'true', PAPERBOY_HTTP_PORT: '0', ...env };
  const child = spawn(process.execPath, [BIN, 'start'], { cwd, env: full, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  return { child, exited, stderr: () => stderr };
}

/** How many of the lane's channels have `slotKey` recorded as posted (read-only, beside the running bot). */
export function postedCount(lane: Lane, slotKey: string): number {
  const db = new Database(lane.db, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) FROM digest_slots WHERE slot_key = ? AND status = 'posted'`).pluck().get(slotKey) as number;
  } finally {
    db.close();
  }
}

/** Per channel: the fake's messages carrying the slot's marker, and the message id the database recorded. */
export function audit(lane: Lane, slotKey: string): Array<{ channel: string; messages: string[]; recorded: string | null }> {
  const db = new Database(lane.db, { readonly: true, fileMustExist: true });
  try {
    const recorded = db
      .prepare(
        `SELECT s.platform_message_id FROM digest_slots s JOIN channels c ON c.id = s.channel
       WHERE c.platform = 'discord' AND c.channel_id = ? AND s.slot_key = ? AND s.status = 'posted'`,
      )
      .pluck();
    return lane.channels.map((ref) => {
      const marker = digestMarker(ref, slotKey);
      const messages = lane.discord
        .messages(ref.channelId)
        .filter((m) => m.embeds.some((e) => (e.footer?.text ?? '').split('\n').includes(marker)))
        .map((m) => m.id);
      return { channel: ref.channelId, messages, recorded: (recorded.get(ref.channelId, slotKey) as string | undefined) ?? null };
    });
  } finally {
    db.close();
  }
}

/**
 * The cluster lane (issue 13): `instances` bot processes on one PostgreSQL database, each with its own pair of
 * kill proxies (Discord, Slack) in front of the shared fakes, so every accepted post is attributed to the process
 * that made it by the proxy it went through, not by anything the process says about itself.
 */
export interface ClusterLane {
  discord: FakeDiscord;
  slack: FakeSlack;
  database: { url: string; drop: () => Promise<void> };
  dir: string;
  channels: ChannelRef[];
  members: ClusterMember[];
  close(): Promise<void>;
}

/** One process slot of the cluster: its instance id and its proxies (a fresh process each start). */
export interface ClusterMember {
  instance: string;
  discordProxy: KillProxy;
  slackProxy: KillProxy;
}

/**
 * Starts the fakes and one proxy pair per instance, creates a PostgreSQL database on the run's server and seeds it
 * in-process: `discordCount` + `slackCount` daily channels (09:00 Europe/Berlin), created at `createdAt`, and
 * papers for each of `papersAt`.
 */
export async function createClusterLane(options: {
  instances: readonly string[];
  discordCount: number;
  slackCount: number;
  createdAt: Date;
  papersAt: readonly Date[];
}): Promise<ClusterLane> {
  const discord = createFakeDiscord();
  await discord.start();
  const slack = createFakeSlack();
  await slack.start();
  const members: ClusterMember[] = [];
  for (const instance of options.instances) {
    const discordProxy = await startKillProxy(discord.apiUrl, { isPost: discordChannelPost });
    const slackProxy = await startKillProxy(`${slack.url}/api`, { isPost: slackChatPost });
    members.push({ instance, discordProxy, slackProxy });
  }
  const database = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-crash-cluster-'));
  const channels: ChannelRef[] = [];
  const db = await openPostgres(database.url, { log: silentLogger, maxConnections: 4 });
  try {
    const store = await openPostgresStore(db, { ranking: SEARCH_RANKING, log: silentLogger, clock: createFixedClock(options.createdAt) });
    try {
      const settings = { digestTime: '09:00', days: [...WEEKDAYS] };
      for (let i = 0; i < options.discordCount; i++) {
        const ref = { platform: 'discord', channelId: discord.addChannel(`papers-${i}`) };
        await store.channels.ensure(ref, { timezone: 'Europe/Berlin', createdBy: 'U1', workspaceId: discord.guildId }, options.createdAt);
        await store.channels.update(ref, settings);
        channels.push(ref);
      }
      for (let i = 0; i < options.slackCount; i++) {
        const ref = { platform: 'slack', channelId: `C0CRASH${String(i).padStart(3, '0')}` };
        await store.channels.ensure(
          ref,
          { timezone: 'Europe/Berlin', createdBy: 'U1', workspaceId: FAKE_IDENTITY.teamId },
          options.createdAt,
        );
        await store.channels.update(ref, settings);
        channels.push(ref);
      }
      const items = samplePapers();
      for (const [day, at] of options.papersAt.entries()) {
        const share = items.filter((_, i) => i % options.papersAt.length === day).map((item, i) => redated(item, at, { upvotes: 40 - i }));
        await store.papers.upsertMany(share, at);
      }
    } finally {
      store.close();
    }
  } finally {
    await db.close();
  }
  return {
    discord,
    slack,
    database,
    dir,
    channels,
    members,
    async close() {
      for (const member of members) await Promise.all([member.discordProxy.close(), member.slackProxy.close()]);
      await Promise.all([discord.close(), slack.close()]);
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fake Slack credentials of the cluster's app (HTTP mode: the receiver binds a port of its own, unused here). */
const CLUSTER_SLACK = { botToken: 'xoxb-1111-2222-paperboyCRASHbotTOKEN', signingSecret: 'crash-signing-secret-0123456789abcdef' };

/**
 * Starts one cluster process: both platforms, through the member's proxies, on the lane's database, clock at
 * `clockStart`. Debug logs, so the end of its start-up tick shows even when it found nothing due.
 */
export function spawnClusterMember(lane: ClusterLane, member: ClusterMember, clockStart: Date): BotRun {
  return spawnStart(lane.dir, {
    DATABASE_URL: lane.database.url,
    PAPERBOY_INSTANCE_ID: member.instance,
    PAPERBOY_LOG_LEVEL: 'debug',
    PAPERBOY_CLOCK_START: clockStart.toISOString(),
    DISCORD_TOKEN: lane.discord.token,
    DISCORD_APPLICATION_ID: lane.discord.applicationId,
    DISCORD_API_URL: member.discordProxy.apiUrl,
    SLACK_BOT_TOKEN: CLUSTER_SLACK.botToken,
    SLACK_SIGNING_SECRET: CLUSTER_SLACK.signingSecret,
    SLACK_API_URL: `${member.slackProxy.apiUrl}/`,
    SLACK_HOST: '127.0.0.1',
    SLACK_PORT: '0',
  });
}

/** True once the process logged the end of a tick (its start-up tick: later ones come only at a real minute). */
export function tickEnded(run: BotRun): boolean {
  const stderr = run.stderr();
  return stderr.includes('"tick delivered digests"') || stderr.includes('"tick found nothing due"') || stderr.includes('"tick failed"');
}

/** Per channel of the lane: the slot's posted message id in the database (null when not posted). */
async function recordedOnPostgres(lane: ClusterLane, slotKey: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: lane.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ platform: string; channel_id: string; platform_message_id: string | null }>(
      `SELECT c.platform, c.channel_id, s.platform_message_id FROM digest_slots s JOIN channels c ON c.id = s.channel
       WHERE s.slot_key = $1 AND s.status = 'posted'`,
      [slotKey],
    );
    return new Map(rows.map((row) => [`${row.platform}:${row.channel_id}`, row.platform_message_id ?? '']));
  } finally {
    await client.end();
  }
}

/** How many of the cluster's channels have `slotKey` recorded as posted. */
export async function clusterPostedCount(lane: ClusterLane, slotKey: string): Promise<number> {
  return (await recordedOnPostgres(lane, slotKey)).size;
}

/** Per channel: the fakes' messages carrying the slot's marker (Discord footer, Slack metadata), and the recorded id. */
export async function clusterAudit(
  lane: ClusterLane,
  slotKey: string,
): Promise<Array<{ channel: string; messages: string[]; recorded: string | null }>> {
  const recorded = await recordedOnPostgres(lane, slotKey);
  return lane.channels.map((ref) => {
    const marker = digestMarker(ref, slotKey);
    const messages =
      ref.platform === 'discord'
        ? lane.discord
            .messages(ref.channelId)
            .filter((m) => m.embeds.some((e) => (e.footer?.text ?? '').split('\n').includes(marker)))
            .map((m) => m.id)
        : lane.slack.workspace.messages
            .filter(
              (m) =>
                m.channel === ref.channelId &&
                (m.metadata as { event_payload?: { marker?: unknown } } | null)?.event_payload?.marker === marker,
            )
            .map((m) => m.ts);
    const key = `${ref.platform}:${ref.channelId}`;
    return { channel: key, messages, recorded: recorded.get(key) ?? null };
  });
}
