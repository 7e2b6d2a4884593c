/**
 * The real bot as a child process (`node bin/paperboy.js start`, async spawn so the in-process fake Discord keeps
 * serving), configured only through the environment (docs/architecture.md §14), on a temporary database seeded with
 * papers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FakeDiscord } from '../../fakes/fake-discord.ts';
import { runCli } from '../../cli/run-cli.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/paperboy.js');
/** The bundled sample papers every bot is seeded with. */
export const SAMPLE = resolve(import.meta.dirname, '../../../fixtures/hf-daily-papers.sample.json');

/** One pino line, parsed. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

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

/** Seeds a fresh database (the bundled sample plus `extraItems`) and starts the bot; resolves once it is ready. */
export async function startBot(discord: FakeDiscord, options: { extraItems?: unknown[] } = {}): Promise<BotProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-discord-'));
  const env = botEnv(discord, dir);
  for (const file of [SAMPLE, ...(options.extraItems ? [writeItems(dir, options.extraItems)] : [])]) {
    const ingest = await runCli(['ingest', '--from-file', file], { cwd: dir, env });
    if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  }
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line });
      }
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  function waitForLog(test: (line: LogLine) => boolean, what: string, timeoutMs = 45_000): Promise<LogLine> {
    return new Promise((resolveLine, reject) => {
      const check = () => {
        const hit = logs.find(test);
        if (!hit) return;
        done();
        resolveLine(hit);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`bot: timed out waiting for ${what}; log:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void exited.then(() => {
        if (waiters.has(check)) {
          done();
          reject(new Error(`bot exited while waiting for ${what}; log:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`));
        }
      });
      check();
    });
  }

  await waitForLog((l) => l.msg === 'paperboy started', 'paperboy started');
  return {
    child,
    dir,
    env,
    logs,
    waitForLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function writeItems(dir: string, items: unknown[]): string {
  const file = join(dir, 'extra-items.json');
  writeFileSync(file, JSON.stringify(items));
  return file;
}
