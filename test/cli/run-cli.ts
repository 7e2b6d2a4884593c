/** Runs the real `paperboy` bin as a child process (async spawn, so in-process fakes keep serving). */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir } from '../helpers/temp-dir.ts';

export const BIN = resolve(import.meta.dirname, '../../bin/paperboy.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh working directory, removed after the test. */
export function workDir(): string {
  return tempDir('paperboy-cli-');
}

/** Runs `paperboy ...args` in `cwd` with only the given environment (plus PATH/HOME), never a developer's .env. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
