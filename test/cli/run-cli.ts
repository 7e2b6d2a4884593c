/**
 * Runs `paperboy …` the way the bin does, but in this process (src/cli/run.ts): a spawned bin costs about a
 * second of start-up each, and the CLI's behaviour is the same function either way. The bin itself is spawned
 * only where the process is the point (`npx paperboy`, `start` until SIGTERM).
 */
import { resolve } from 'node:path';
import { runCommandLine } from '../../src/cli/run.ts';
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

/**
 * Runs `paperboy ...args` in `cwd` with only the given environment (never a developer's .env or shell variables);
 * fails after `timeoutMs` as the spawned bin would have been killed.
 */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    env: { ...options.env },
    stdout: { write: (text: string) => void (stdout += text) },
    stderr: { write: (text: string) => void (stderr += text) },
  };
  const previous = process.cwd();
  // Relative paths (PAPERBOY_DB, --from-file, backup targets, data/demo.db) resolve where the user ran the command.
  process.chdir(options.cwd);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`paperboy ${args.join(' ')} took over ${options.timeoutMs ?? 15_000} ms`)),
        options.timeoutMs ?? 15_000,
      );
    });
    const code = await Promise.race([runCommandLine(args, io), timeout]);
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
    process.chdir(previous);
  }
}
