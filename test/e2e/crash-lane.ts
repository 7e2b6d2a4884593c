/**
 * One crash-test lane: a fake Discord behind a kill proxy, a database seeded in-process with N daily channels and
 * the sample papers, and `paperboy start` children (async spawn) whose clock starts where the test says.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { WEEKDAYS, type ChannelRef } from '../../src/core/channel.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import { digestMarker } from '../../src/core/digest/text.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createSqliteChannelStore, openDatabase } from '../../src/store/index.ts';
import { redated, samplePapers } from '../core/digest/digest-fixtures.ts';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.ts';
import { startKillProxy, type KillProxy } from './kill-proxy.ts';
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
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: lane.dir,
    PAPERBOY_DB: lane.db,
    PAPERBOY_OFFLINE: 'true',
    PAPERBOY_HTTP_PORT: '0',
    PAPERBOY_LOG_LEVEL: 'info',
    PAPERBOY_CLOCK_START: clockStart.toISOString(),
    DISCORD_TOKEN: lane.discord.token,
    DISCORD_APPLICATION_ID: lane.discord.applicationId,
    DISCORD_API_URL: lane.proxy.apiUrl,
  };
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: lane.dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
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
