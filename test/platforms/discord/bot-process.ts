/**
 * The real bot as a child process (`node bin/paperboy.js start`, async spawn so the in-process fake Discord keeps
 * serving), configured only through the environment (docs/architecture.md §14), on a temporary database seeded with
 * papers.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FakeDiscord } from '../../fakes/fake-discord.ts';
import { seededDir, spawnBot, type LogLine } from '../../helpers/bot-child.ts';

export { SAMPLE, type LogLine } from '../../helpers/bot-child.ts';

/** A running bot child. */
export interface BotProcess {
  readonly child: ChildProcess;
  readonly dir: string;
  readonly env: Record<string, string>;
  /** Every JSON log line so far. */
  readonly logs: LogLine[];
  /** Resolves with the first log line (so far or later) matching `test`. */
  waitForLog(test: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** Removes the temporary directory (after stop). */
  cleanup(): void;
}

/** The environment that points the bot at the fake; nothing from the developer's environment but PATH. */
export function botEnv(discord: FakeDiscord, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    PAPERBOY_DB: join(dir, 'paperboy.db'),
    PAPERBOY_OFFLINE: 'true',
    PAPERBOY_HTTP_PORT: '0',
    PAPERBOY_LOG_LEVEL: 'info',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    ...extra,
  };
}

/**
 * A digest time (UTC `HH:MM`) twelve hours away: the bot's scheduler runs on the real clock, so a channel a test
 * sets up must not fall due while the test runs (a scheduled post would add a channel message).
 */
export function farTime(now = new Date()): string {
  return new Date(now.getTime() + 12 * 3_600_000).toISOString().slice(11, 16);
}

/**
 * Seeds a fresh database (the bundled sample plus `extraItems`) and starts the bot, with `env` added to the
 * environment (e.g. DISCORD_PUBLIC_KEY); resolves once it is ready.
 */
export async function startBot(
  discord: FakeDiscord,
  options: { extraItems?: unknown[]; env?: Record<string, string> } = {},
): Promise<BotProcess> {
  const { dir, cleanup } = await seededDir('paperboy-discord-', options.extraItems);
  const env = botEnv(discord, dir, options.env);
  const bot = spawnBot(dir, env);
  await bot.waitForLog((l) => l.msg === 'paperboy started', 'paperboy started');
  return { child: bot.child, dir, env, logs: bot.logs, waitForLog: bot.waitForLog, stop: () => bot.stop(), cleanup };
}
