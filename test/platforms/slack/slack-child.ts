/**
 * Runs the real bot (`node bin/paperboy.js start`) as a child process configured only through the environment,
 * against a fake Slack; readiness and the HTTP port come from its JSON log lines on stderr, never from sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../cli/run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/paperboy.js');
export const SAMPLE = join(ROOT, 'fixtures/hf-daily-papers.sample.json');

/** Secrets the tests configure; no log line may contain them. */
export const SECRETS = {
  botToken: 'xoxb-1111-2222-paperboyTESTbotTOKEN',
  signingSecret: 'fake-signing-secret-5f4dcc3b5aa765d61d8327deb882cf99',
  appToken: 'xapp-1-A0PAPERBOY-3333-paperboyTESTappTOKEN',
};

export type LogLine = Record<string, unknown> & { msg?: string };

export interface SlackChild {
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  lines(): LogLine[];
  /** Resolves with the first log line (past or future) matching `match`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** A temp directory with a database seeded from the bundled sample (and `extraItems`, a Daily Papers array). */
export async function seededDir(extraItems: unknown[] = []): Promise<{ dir: string; db: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-slack-'));
  const db = join(dir, 'paperboy.db');
  const env = { PAPERBOY_DB: db, PAPERBOY_OFFLINE: 'true' };
  for (const file of [SAMPLE, ...(extraItems.length > 0 ? [join(dir, 'extra.json')] : [])]) {
    if (file !== SAMPLE) writeFileSync(file, JSON.stringify(extraItems));
    const result = await runCli(['ingest', '--from-file', file], { cwd: dir, env });
    if (result.code !== 0) throw new Error(`ingest failed: ${result.stderr}`);
  }
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `paperboy start` in `cwd` with only `env` (plus PATH/HOME) and waits until Slack has started. */
export async function startSlackChild(cwd: string, env: Record<string, string>): Promise<SlackChild> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, PAPERBOY_OFFLINE: 'true', PAPERBOY_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partial = '';
  const lines: LogLine[] = [];
  const watchers = new Set<() => void>();
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit((exited = code))));
  const wake = () => {
    for (const watcher of [...watchers]) watcher();
  };
  exit.then(wake, wake);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        // Not a log line (e.g. a stack trace); it stays in `output`.
      }
    }
    wake();
  });

  const handle: SlackChild = {
    output: () => output,
    lines: () => lines,
    waitForLog(match, timeoutMs = 45_000) {
      return new Promise((resolveLine, reject) => {
        const watcher = () => {
          const line = lines.find(match);
          if (line) done(() => resolveLine(line));
          else if (exited !== undefined) done(() => reject(new Error(`paperboy exited (${exited}) before the expected log line:\n${output}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no such log line within ${timeoutMs} ms:\n${output}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          watchers.delete(watcher);
          settle();
        };
        watchers.add(watcher);
        watcher();
      });
    },
    async stop(timeoutMs = 10_000) {
      if (exited === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
  await handle.waitForLog((line) => line.msg === 'slack platform started');
  return handle;
}

/** The port the HTTP receiver bound (from its "listening" log line). */
export async function boundPort(child: SlackChild): Promise<number> {
  const line = await child.waitForLog((l) => l.msg === 'slack receiver listening');
  return Number(line.port);
}
