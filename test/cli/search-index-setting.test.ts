/**
 * PAPERBOY_SEARCH_INDEX from the command line: `paperboy search` answers the same with the index off, switching
 * off empties the index, and switching back on rebuilds it while FTS5 answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openDatabase } from '../../src/store/index.ts';
import { runCli, workDir } from './run-cli.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');

/** Papers in the search index of `file`. */
function indexed(file: string): number {
  const db = openDatabase(file, { log: silentLogger, clock: createFixedClock(new Date()) });
  try {
    return db.sqlite.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('PAPERBOY_SEARCH_INDEX', () => {
  it('GIVEN off, then on again THEN search answers the same, the index is emptied when off and rebuilt when on', async () => {
    const cwd = workDir();
    const env = (searchIndex: string) => ({ PAPERBOY_DB: join(cwd, 'p.db'), PAPERBOY_OFFLINE: 'true', PAPERBOY_SEARCH_INDEX: searchIndex });
    expect((await runCli(['ingest', '--from-file', SAMPLE], { cwd, env: env('on') })).code).toBe(0);
    expect(indexed(join(cwd, 'p.db'))).toBe(44);

    const search = (searchIndex: string) =>
      runCli(['search', 'self-correction reasoning', '--limit', '5', '--json'], { cwd, env: env(searchIndex) });
    const on = await search('on');
    const off = await search('off');
    expect(off.code).toBe(0);
    expect(JSON.parse(on.stdout).length).toBeGreaterThan(0);
    expect(JSON.parse(off.stdout)).toEqual(JSON.parse(on.stdout));
    expect(indexed(join(cwd, 'p.db'))).toBe(0);

    // Switched back on: a one-shot search is answered by FTS5 at once, without waiting for a rebuild…
    const again = await search('on');
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(on.stdout));
    expect(indexed(join(cwd, 'p.db'))).toBe(0);
    // …and the next ingest (like the bot when it starts) indexes every paper the index lacks.
    const [first] = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Array<{ paper: { id: string } }>;
    const quokkas = {
      ...first?.paper,
      id: '2501.99999',
      title: 'A census of quokkas',
      summary: 'Quokkas counted on Rottnest.',
      ai_keywords: [],
    };
    writeFileSync(join(cwd, 'one.json'), JSON.stringify([{ ...first, paper: quokkas }]));
    const ingest = await runCli(['ingest', '--from-file', 'one.json'], { cwd, env: env('on') });
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toMatch(/search index: 44 papers indexed/);
    expect(indexed(join(cwd, 'p.db'))).toBe(45);
    // One more paper moves BM25's statistics (and so the scores), not which papers are found.
    const ids = (stdout: string) => (JSON.parse(stdout) as Array<{ id: string }>).map((hit) => hit.id);
    expect(ids((await search('on')).stdout)).toEqual(ids(on.stdout));
  });

  it('GIVEN a value that is neither on nor off THEN configuration fails naming the variable, exit 2', async () => {
    expect(() => loadConfig({ PAPERBOY_SEARCH_INDEX: 'maybe' })).toThrow(/PAPERBOY_SEARCH_INDEX="maybe" must be on or off/);
    const result = await runCli(['search', 'x'], { cwd: workDir(), env: { PAPERBOY_SEARCH_INDEX: 'maybe' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PAPERBOY_SEARCH_INDEX/);
  });
});
