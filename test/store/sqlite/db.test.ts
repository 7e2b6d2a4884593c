import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../../src/core/errors.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { MIGRATION_TAGS, T0, hfItem, openTestDb, tempDir } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const TABLES = ['channels', 'deliveries', 'digest_slots', 'leases', 'paper_signals', 'papers', 'replays', 'source_runs', 'topics'];
/** The search index beside FTS5 (migrations/0003_search_index.sql). */
const SEARCH_TABLES = ['search_docs', 'search_log', 'search_meta', 'search_postings', 'search_stale', 'search_terms'];

function tableNames(db: ReturnType<typeof openTestDb>): string[] {
  return db.sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'papers_fts_%' ORDER BY name`)
    .pluck()
    .all() as string[];
}

function appliedMigrations(db: ReturnType<typeof openTestDb>): number {
  return db.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
}

describe('openDatabase', () => {
  it('GIVEN an empty directory WHEN opened THEN creates the file and applies every migration, FTS included', () => {
    const dir = tempDir();
    const file = join(dir, 'nested', 'deeper', 'paperboy.db');
    const db = openTestDb(file);
    expect(existsSync(file)).toBe(true);
    expect(tableNames(db)).toEqual(['__drizzle_migrations', ...TABLES, ...SEARCH_TABLES, 'papers_fts'].sort());
    expect(appliedMigrations(db)).toBe(MIGRATION_TAGS.length);
  });

  it('GIVEN an up-to-date database WHEN re-opened THEN applies nothing, keeps the data and takes no backup', async () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    const first = openTestDb(file);
    await sqliteStore(first).papers.upsertMany([hfItem('2409.12917')], T0);
    first.close();

    const log = createRecordingLogger();
    const again = openTestDb(file, { log });
    expect(appliedMigrations(again)).toBe(MIGRATION_TAGS.length);
    expect(await sqliteStore(again).papers.count()).toBe(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
    expect(log.entries).toEqual([]);
  });

  it('sets WAL, foreign keys, NORMAL sync and a busy timeout on a file database', () => {
    const db = openTestDb();
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('opens :memory: with the full schema and no backup attempt', async () => {
    const db = openTestDb(':memory:');
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tableNames(db)).toContain('papers_fts');
  });

  it('GIVEN a file that is not SQLite WHEN opened THEN throws a store error naming the file', () => {
    const file = join(tempDir(), 'garbage.db');
    writeFileSync(file, 'this is not a database, just text long enough to fill a header page '.repeat(20));
    const failure = (() => {
      try {
        openTestDb(file);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(PaperboyError);
    expect(failure).toMatchObject({ code: 'store', message: expect.stringContaining(file) });
  });

  it('GIVEN a migrations folder without a journal WHEN opened THEN throws a store error saying so', () => {
    expect(() => openTestDb(undefined, { migrationsFolder: tempDir() })).toThrow(
      expect.objectContaining({ code: 'store', message: expect.stringContaining('_journal.json') }),
    );
  });

  it('closing twice is harmless', () => {
    const db = openTestDb();
    db.close();
    expect(() => db.close()).not.toThrow();
  });
});
