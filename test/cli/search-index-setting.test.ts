/**
 * PAPERBOY_SEARCH_INDEX from the command line, in-process (the same config → openApp → command path as the bin):
 * `paperboy search` answers the same with the index off, switching off empties the index, and switching back on
 * rebuilds it while FTS5 answers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.ts';
import { runIngest } from '../../src/cli/ingest.ts';
import type { Output } from '../../src/cli/output.ts';
import { runSearch } from '../../src/cli/search.ts';
import { loadConfig } from '../../src/config.ts';
import { plainStyle } from '../../src/platforms/console/terminal-style.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');

/** Runs one CLI command against the database with the given PAPERBOY_SEARCH_INDEX; returns stdout and the app's index size. */
async function run(db: string, searchIndex: 'on' | 'off', command: typeof runSearch, argv: string[]) {
  const config = loadConfig({
    PAPERBOY_DB: db,
    PAPERBOY_OFFLINE: 'true',
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_SEARCH_INDEX: searchIndex,
  });
  const app = openApp(config);
  const stdout: string[] = [];
  const out: Output = {
    style: plainStyle,
    line: (t) => void stdout.push(t),
    note: () => undefined,
    progress: () => ({ update: () => undefined, done: () => undefined }),
  };
  try {
    const code = await command(app, argv, out);
    // Let a background rebuild of the index (a batch per event-loop turn) run before the database closes.
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    const indexed = app.db.sqlite.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
    return { code, stdout: stdout.join('\n'), indexed };
  } finally {
    app.close();
  }
}

describe('PAPERBOY_SEARCH_INDEX', () => {
  it('GIVEN off, then on again THEN search answers the same, the index is emptied when off and rebuilt when on', async () => {
    const db = join(tempDir('paperboy-search-index-'), 'p.db');
    const seeded = await run(db, 'on', runIngest, ['--from-file', SAMPLE]);
    expect(seeded.code).toBe(0);
    expect(seeded.indexed).toBe(44);

    const search = ['self-correction reasoning', '--limit', '5', '--json'];
    const on = await run(db, 'on', runSearch, search);
    const off = await run(db, 'off', runSearch, search);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout)).toEqual(JSON.parse(on.stdout));
    expect(JSON.parse(on.stdout).length).toBeGreaterThan(0);
    expect(off.indexed).toBe(0);

    const again = await run(db, 'on', runSearch, search);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(on.stdout));
    expect(again.indexed).toBe(44);
  });

  it('GIVEN a value that is neither on nor off THEN configuration fails naming the variable', () => {
    expect(() => loadConfig({ PAPERBOY_SEARCH_INDEX: 'maybe' })).toThrow(/PAPERBOY_SEARCH_INDEX="maybe" must be on or off/);
  });
});
