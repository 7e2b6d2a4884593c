/**
 * `paperboy db copy --to postgres://…`: a working SQLite install (papers, signals, channels, topics, a posted
 * digest, source runs) copied into an empty PostgreSQL database, every table, ids and values intact.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { COPIED_TABLES } from '../../src/store/copy-to-postgres.ts';
import { openDatabase } from '../../src/store/index.ts';
import { usePostgresDatabase } from '../helpers/postgres.ts';
import { runCli, workDir } from './run-cli.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');
const pg = usePostgresDatabase();

/** An install with something in every table. */
async function seededInstall(): Promise<{
  cwd: string;
  env: { PAPERBOY_DB: string; PAPERBOY_OFFLINE: string; PAPERBOY_CLOCK_START: string };
}> {
  const cwd = workDir();
  // The day after the newest bundled paper, so `digest now` has papers to post and deliver.
  const env = { PAPERBOY_DB: join(cwd, 'p.db'), PAPERBOY_OFFLINE: 'true', PAPERBOY_CLOCK_START: '2025-11-13T09:00:00Z' };
  const cmd = (text: string) => runCli(['cmd', '--channel', 'console:lab', '--user', 'alice', '--manager', text], { cwd, env });
  expect((await runCli(['ingest', '--from-file', SAMPLE], { cwd, env })).code).toBe(0);
  expect((await cmd('subscribe self-correction')).code).toBe(0);
  expect((await cmd('schedule time:08:30 timezone:Europe/Berlin days:mon,wed thread:on')).code).toBe(0);
  expect((await cmd('digest now')).code).toBe(0);
  return { cwd, env };
}

/** Every row of `table` on SQLite, as PostgreSQL should hold it. */
function sqliteRows(file: string, table: string, columns = '*'): unknown[][] {
  const db = openDatabase(file, { log: silentLogger, clock: createFixedClock(new Date()) });
  try {
    return db.sqlite.prepare(`SELECT ${columns} FROM "${table}" ORDER BY rowid`).raw().all() as unknown[][];
  } finally {
    db.close();
  }
}

describe('paperboy db copy', () => {
  it('GIVEN a working install THEN every table is copied with its ids and values, and the counts are printed', async () => {
    const { cwd, env } = await seededInstall();
    const url = pg.url();
    const result = await runCli(['db', 'copy', '--to', url], { cwd, env });
    expect(result.stderr).not.toContain(new URL(url).password);
    expect(result.stdout).not.toContain(new URL(url).password);
    expect(result.code).toBe(0);
    for (const table of COPIED_TABLES) {
      const { name } = getTableConfig(table);
      const source = sqliteRows(env.PAPERBOY_DB, name);
      expect(source.length, name).toBeGreaterThan(0);
      expect(result.stdout).toMatch(new RegExp(`^${name} +${source.length} +${source.length}$`, 'm'));
    }
    const paper = await pg.db().pool.query(`SELECT doc_id, authors, categories FROM papers WHERE id = '2409.12917'`);
    const [docId, authors] = sqliteRows(env.PAPERBOY_DB, 'papers', 'doc_id, authors').find((row) => row[0] === paper.rows[0]?.doc_id) ?? [];
    expect(paper.rows[0]).toMatchObject({ doc_id: docId, authors: JSON.parse(String(authors)) });
    // The organization's handle travels with its name (org: matches either).
    const organization = await pg.db().pool.query(`SELECT organization, organization_handle FROM papers WHERE id = '2509.22601'`);
    expect(organization.rows).toEqual([{ organization: 'Tencent', organization_handle: 'tencent' }]);
    const channel = await pg.db().pool.query(`SELECT digest_time, digest_days, thread_mode, timezone FROM channels`);
    expect(channel.rows).toEqual([{ digest_time: '08:30', digest_days: 'mon,wed', thread_mode: true, timezone: 'Europe/Berlin' }]);
    // Identity columns continue after the copied ids.
    const next = await pg
      .db()
      .pool.query(`INSERT INTO source_runs (source, started_at, status) VALUES ('x', '2025-01-01T00:00:00.000Z', 'ok') RETURNING id`);
    expect(next.rows[0]?.id).toBe(sqliteRows(env.PAPERBOY_DB, 'source_runs').length + 1);
  });

  it('GIVEN a target that already holds data THEN nothing is copied, exit 1, and the reason', async () => {
    const { cwd, env } = await seededInstall();
    await pg.db().pool.query(`INSERT INTO source_runs (source, started_at, status) VALUES ('x', '2025-01-01T00:00:00.000Z', 'ok')`);
    const result = await runCli(['db', 'copy', '--to', pg.url()], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not empty \(table source_runs has rows\)/);
    expect((await pg.db().pool.query('SELECT count(*)::int AS n FROM papers')).rows[0]?.n).toBe(0);
  });

  it('GIVEN a bad target THEN usage errors, exit 2', async () => {
    const cwd = workDir();
    const env = { PAPERBOY_DB: join(cwd, 'p.db') };
    expect((await runCli(['db', 'copy', '--to', 'mysql://x'], { cwd, env })).stderr).toMatch(/postgres:\/\/ or postgresql:\/\//);
    expect((await runCli(['db', 'move'], { cwd, env })).code).toBe(2);
  });

  it('GIVEN both schemas THEN the copy covers every table either store has (a new table must be added to it)', async () => {
    const copied = COPIED_TABLES.map((table) => getTableConfig(table).name).sort();
    const { rows } = await pg.db().pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    // The search engine's tables are derived from papers and rebuilt on the target, as on SQLite. Button replays are
    // ephemeral (they expire within 30 minutes, src/store/replays.ts): a moved bot's old buttons just say "expired". Leases name a running process.
    expect(
      rows
        .map((r) => r.tablename)
        .filter((name) => !name.startsWith('search_') && name !== 'replays' && name !== 'leases')
        .sort(),
    ).toEqual(copied);
    const sqlite = openDatabase(':memory:', { log: silentLogger, clock: createFixedClock(new Date()) });
    try {
      const tables = sqlite.sqlite
        .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
        .pluck()
        .all() as string[];
      // Derived data, rebuilt by each store's search engine; each migrator's own bookkeeping; and button replays,
      // ephemeral (they expire within 30 minutes), so not worth copying.
      const derived = (name: string) =>
        name.startsWith('papers_fts') ||
        name.startsWith('search_') ||
        name === '__drizzle_migrations' ||
        name === 'replays' ||
        name === 'leases';
      expect(tables.filter((name) => !derived(name)).sort()).toEqual(copied);
    } finally {
      sqlite.close();
    }
  });
});
