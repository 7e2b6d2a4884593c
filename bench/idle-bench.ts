/**
 * Idle memory of the real bot: `node --import tsx src/cli.ts start` (what `npm start` runs) on a database holding
 * the corpus, offline, no platforms; RSS from /proc once it has logged "paperboy started" and sat idle a while.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './corpus.ts';

/** How long the bot idles after start-up before its RSS is read: past start-up allocations and a first GC. */
const SETTLE_MS = 5_000;

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Starts the bot on `dbFile`, waits until it is up and idle, returns its RSS in MB, and stops it. */
export async function idleBotRss(dbFile: string, settleMs = SETTLE_MS): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PAPERBOY_DB: dbFile,
      PAPERBOY_OFFLINE: 'true',
      PAPERBOY_HTTP_PORT: '0',
      PAPERBOY_LOG_LEVEL: 'info',
      DISCORD_TOKEN: '',
      SLACK_BOT_TOKEN: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not start within 60 s:\n${log}`)), 60_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('paperboy started')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it started:\n${log}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return rssMb(child.pid as number);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
