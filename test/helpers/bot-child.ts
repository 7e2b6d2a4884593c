/**
 * The real bot as a child process (`node bin/paperboy.js start`, spawned asynchronously so in-process fakes keep
 * serving) on a database seeded with the bundled sample; readiness comes from its JSON log lines, never from sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BIN, runCli } from '../cli/run-cli.ts';

/** The bundled sample papers every bot is seeded with. */
export const SAMPLE = resolve(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');

/** One stderr line: pino's JSON, or `{ msg }` for a line that is not JSON (a stack trace). */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/** A running bot child. */
export interface BotChild {
  readonly child: ChildProcess;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Every stderr line so far, oldest first. */
  readonly logs: LogLine[];
  /** Resolves with the first line (so far or later) matching `match`; rejects when the child exits first or after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM (SIGKILL after `timeoutMs`), then the exit code; again after the exit, the same code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** A temporary directory holding `paperboy.db` seeded from the bundled sample, then `extraItems` (a Daily Papers array). */
export async function seededDir(prefix: string, extraItems: unknown[] = []): Promise<{ dir: string; db: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'paperboy.db');
  const files = [SAMPLE];
  if (extraItems.length > 0) {
    files.push(join(dir, 'extra-items.json'));
    writeFileSync(join(dir, 'extra-items.json'), JSON.stringify(extraItems));
  }
  for (const file of files) {
    const result = await runCli(['ingest', '--from-file', file], { cwd: dir, env: { PAPERBOY_DB: db, PAPERBOY_OFFLINE: 'true' } });
    if (result.code !== 0) throw new Error(`ingest failed: ${result.stderr}`);
  }
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Spawns `paperboy start` in `cwd` with only `env` (plus PATH, and HOME = `cwd`), never a developer's environment. */
export function spawnBot(cwd: string, env: Record<string, string>): BotChild {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const watchers = new Set<() => void>();
  const wake = () => {
    for (const watcher of [...watchers]) watcher();
  };
  let output = '';
  let partial = '';
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit((exitCode = code))));
  exited.then(wake, wake);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line });
      }
    }
    wake();
  });
  const dump = () => logs.map((l) => JSON.stringify(l)).join('\n');

  return {
    child,
    logs,
    output: () => output,
    waitForLog(match, what, timeoutMs = 45_000) {
      return new Promise((resolveLine, reject) => {
        const done = (settle: () => void) => {
          clearTimeout(timer);
          watchers.delete(watcher);
          settle();
        };
        const watcher = () => {
          const line = logs.find(match);
          if (line) done(() => resolveLine(line));
          else if (exitCode !== undefined)
            done(() => reject(new Error(`bot exited (${exitCode}) while waiting for ${what}; log:\n${dump()}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`bot: timed out waiting for ${what}; log:\n${dump()}`))), timeoutMs);
        watchers.add(watcher);
        watcher();
      });
    },
    async stop(timeoutMs = 10_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
