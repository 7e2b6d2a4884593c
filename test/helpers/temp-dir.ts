/**
 * Temporary directories and other things a test must undo, undone after that test (last made, first undone), so
 * a database file is closed before its directory is removed. Importing this registers one `afterEach` per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Runs `cleanup` after the current test. */
export function afterThisTest(cleanup: () => void): void {
  cleanups.push(cleanup);
}

/** A fresh directory under the system's temporary directory, removed after the current test. */
export function tempDir(prefix = 'paperboy-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterThisTest(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
