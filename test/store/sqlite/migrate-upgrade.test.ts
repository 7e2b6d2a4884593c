import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../../src/core/errors.ts';
import { MIGRATION_TAGS, T0, checkFtsIntegrity, ftsIds, hfItem, copyMigrations, openTestDb, tempDir } from './helpers.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';
import type { Db } from '../../../src/store/index.ts';
import { createFixedClock } from '../../../src/core/clock.ts';

const LATER = new Date('2025-04-01T12:34:56.789Z');
const BACKUP_SUFFIX = '.pre-migrate-20250401T123456Z.bak';

function backups(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.bak'));
}

/**
 * Papers as an older release wrote them: today's store writes columns added since (organization_handle), so the rows
 * go in by hand with only the first schema's columns, one Hugging Face observation each, and, once 0003 had dropped
 * the FTS5 insert trigger, the FTS5 row that release's store inserted itself.
 */
function writeOldPapers(db: Db, papers: Array<{ id: string; title: string }>): void {
  const insert = db.sqlite.prepare(
    `INSERT INTO papers (id, title, abstract, authors, first_seen_at, updated_at) VALUES (?, ?, ?, '["Ada Lovelace"]', ?, ?) RETURNING doc_id`,
  );
  const signal = db.sqlite.prepare(`INSERT INTO paper_signals (paper_id, source, observed_at, upvotes) VALUES (?, 'huggingface', ?, 10)`);
  const has = (type: string, name: string) =>
    db.sqlite.prepare('SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?').pluck().get(type, name) === 1;
  const ftsByHand = has('table', 'papers_fts') && !has('trigger', 'papers_fts_ai');
  const fts = ftsByHand
    ? db.sqlite.prepare(
        `INSERT INTO papers_fts(rowid, title, abstract, authors, ai_keywords) SELECT doc_id, title, abstract, authors, ai_keywords FROM papers WHERE doc_id = ?`,
      )
    : null;
  const at = T0.toISOString();
  for (const paper of papers) {
    const { doc_id: docId } = insert.get(paper.id, paper.title, `Abstract of ${paper.id}.`, at, at) as { doc_id: number };
    signal.run(paper.id, at);
    fts?.run(docId);
  }
}

/** A database at the first release's schema (no FTS yet) holding three papers. */
function databaseFromFirstRelease(dir: string): string {
  const file = join(dir, 'paperboy.db');
  const old = openTestDb(file, { migrationsFolder: copyMigrations(1) });
  const names = old.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'papers_fts%'`).all();
  expect(names).toEqual([]);
  writeOldPapers(old, [
    { id: '2409.00001', title: 'Diffusion transformers at scale' },
    { id: '2409.00002', title: 'Sparse attention for long context' },
    { id: '2409.00003', title: 'Reinforcement learning from feedback' },
  ]);
  old.close();
  return file;
}

/** The real migrations plus one more, as the next release would ship them. */
function currentMigrationsPlus(tag: string, statements: string[]): string {
  const folder = copyMigrations();
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number; when: number }> };
  const when = Math.max(...journal.entries.map((entry) => entry.when)) + 1;
  const entry = { idx: journal.entries.length, version: '6', when, tag, breakpoints: true };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: [...journal.entries, entry] }));
  writeFileSync(join(folder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
  return folder;
}

describe('migrating a database created by an older release', () => {
  it('GIVEN papers stored before the FTS migration WHEN opened with the full folder THEN the migration applies and indexes them', async () => {
    const dir = tempDir();
    const file = databaseFromFirstRelease(dir);

    const db = openTestDb(file, { at: LATER });
    expect(db.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(MIGRATION_TAGS.length);
    expect(await sqliteStore(db).papers.count()).toBe(3);
    expect(ftsIds(db, 'diffusion')).toEqual(['2409.00001']);
    expect(ftsIds(db, 'attention OR feedback')).toEqual(['2409.00002', '2409.00003']);
    checkFtsIntegrity(db);
  });

  it('GIVEN a database of the release before button replays WHEN opened THEN it gains the replays table in place, data kept', async () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    const before = MIGRATION_TAGS.indexOf('0004_replays');
    expect(before).toBeGreaterThan(0);
    const old = openTestDb(file, { migrationsFolder: copyMigrations(before) });
    writeOldPapers(old, [{ id: '2409.00001', title: 'Diffusion transformers at scale' }]);
    expect(old.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'replays'`).pluck().get()).toBe(0);
    old.close();

    const db = openTestDb(file, { at: LATER });
    expect(backups(dir)).toEqual([`paperboy.db${BACKUP_SUFFIX}`]);
    expect(db.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(MIGRATION_TAGS.length);
    const store = sqliteStore(db, { clock: createFixedClock(LATER) });
    expect(await store.papers.count()).toBe(1);
    expect(ftsIds(db, 'diffusion')).toEqual(['2409.00001']);
    const replays = store.replays({ platform: 'discord', ttlMs: 60_000 });
    const replay = { userId: 'U1', channel: { platform: 'discord', channelId: 'C1' }, workspaceId: null, origin: null, paging: null };
    expect(await replays.get(await replays.put(replay))).toEqual(replay);
  });

  it('GIVEN a database of the release before organization handles WHEN opened THEN papers keep their organization and gain a handle later', async () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    const before = MIGRATION_TAGS.indexOf('0006_org_handle');
    expect(before).toBeGreaterThan(0);
    const old = openTestDb(file, { migrationsFolder: copyMigrations(before) });
    writeOldPapers(old, [{ id: '2409.00001', title: 'Egocentric gesture recognition' }]);
    old.sqlite.prepare(`UPDATE papers SET organization = 'Multimedia and Human Understanding Group'`).run();
    old.close();

    const db = openTestDb(file, { at: LATER });
    expect(backups(dir)).toEqual([`paperboy.db${BACKUP_SUFFIX}`]);
    const { papers } = sqliteStore(db);
    expect(await papers.get('2409.00001')).toMatchObject({
      title: 'Egocentric gesture recognition',
      organization: 'Multimedia and Human Understanding Group',
      organizationHandle: null,
    });
    await papers.upsertMany(
      [hfItem('2409.00001', { organization: 'Multimedia and Human Understanding Group', organizationHandle: 'MHUGLab' })],
      LATER,
    );
    expect(await papers.get('2409.00001')).toMatchObject({ organizationHandle: 'MHUGLab', signals: { upvotes: 10 } });
  });

  it('GIVEN a non-empty database with pending migrations WHEN opened THEN first backs it up to a timestamped file and logs where', async () => {
    const dir = tempDir();
    const file = databaseFromFirstRelease(dir);
    const log = createRecordingLogger();

    openTestDb(file, { at: LATER, log });

    const backupFile = `${file}${BACKUP_SUFFIX}`;
    expect(backups(dir)).toEqual([`paperboy.db${BACKUP_SUFFIX}`]);
    expect(log.entries.filter((line) => line.context && 'backup' in line.context && line.level === 'info')).toEqual([
      { level: 'info', context: { backup: backupFile, pending: MIGRATION_TAGS.slice(1) }, message: expect.any(String) },
    ]);
    const copy = new BetterSqlite3(backupFile, { readonly: true });
    try {
      expect(copy.prepare('SELECT id FROM papers ORDER BY id').pluck().all()).toEqual(['2409.00001', '2409.00002', '2409.00003']);
      expect(copy.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('GIVEN an existing but empty database with pending migrations WHEN opened THEN takes no backup', () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    openTestDb(file, { migrationsFolder: copyMigrations(1) }).close();

    const db = openTestDb(file, { at: LATER });
    expect(db.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(MIGRATION_TAGS.length);
    expect(backups(dir)).toEqual([]);
  });

  it('GIVEN an empty database at the current schema WHEN a newer migration is pending THEN takes no backup (FTS internals are not data)', () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    openTestDb(file).close();

    const db = openTestDb(file, {
      at: LATER,
      migrationsFolder: currentMigrationsPlus('0002_extra', ['CREATE TABLE extra (x integer);']),
    });
    expect(db.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(MIGRATION_TAGS.length + 1);
    expect(backups(dir)).toEqual([]);
  });

  it('GIVEN a migration that fails WHEN opened THEN throws a store error, rolls back and points at the backup', async () => {
    const dir = tempDir();
    const file = databaseFromFirstRelease(dir);
    const broken = copyMigrations(2);
    writeFileSync(join(broken, '0001_fts.sql'), 'CREATE TABLE half_done (x integer);\n--> statement-breakpoint\nSELEC nonsense;');

    let failure: unknown;
    try {
      openTestDb(file, { at: LATER, migrationsFolder: broken });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PaperboyError);
    expect(failure).toMatchObject({ code: 'store', message: expect.stringContaining(`${file}${BACKUP_SUFFIX}`) });

    const db = openTestDb(file, { migrationsFolder: copyMigrations(1) });
    expect(db.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) FROM papers').pluck().get()).toBe(3);
  });

  it('GIVEN a later migration that rebuilds the channels table WHEN applied THEN child rows survive (foreign keys are off while migrating)', () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    const db = openTestDb(file);
    db.sqlite
      .prepare(`INSERT INTO channels (platform, channel_id, created_by, created_at) VALUES ('slack', 'C1', 'U1', ?)`)
      .run(T0.toISOString());
    db.sqlite
      .prepare(`INSERT INTO topics (channel, normalized, raw, created_by, created_at) VALUES (1, 'llm', 'LLM', 'U1', ?)`)
      .run(T0.toISOString());
    db.close();

    // The shape drizzle-kit generates for a SQLite table change: create a copy, move the rows, drop, rename.
    const folder = currentMigrationsPlus('0002_rebuild', [
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE `__new_channels` (`id` integer PRIMARY KEY NOT NULL, `platform` text NOT NULL, `channel_id` text NOT NULL);',
      'INSERT INTO `__new_channels`("id", "platform", "channel_id") SELECT "id", "platform", "channel_id" FROM `channels`;',
      'DROP TABLE `channels`;',
      'ALTER TABLE `__new_channels` RENAME TO `channels`;',
      'PRAGMA foreign_keys=ON;',
    ]);

    const migrated = openTestDb(file, { migrationsFolder: folder, at: LATER });
    expect(migrated.sqlite.prepare('SELECT raw FROM topics').pluck().all()).toEqual(['LLM']);
    expect(migrated.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('migrations drizzle would silently skip', () => {
  it('GIVEN an applied migration file edited afterwards WHEN opened THEN warns that it will never run', () => {
    const dir = tempDir();
    const file = join(dir, 'paperboy.db');
    const folder = copyMigrations();
    openTestDb(file, { migrationsFolder: folder }).close();
    writeFileSync(join(folder, '0001_fts.sql'), 'SELECT 1;');

    const log = createRecordingLogger();
    openTestDb(file, { migrationsFolder: folder, log });
    expect(log.entries).toEqual([{ level: 'warn', context: { skipped: ['0001_fts'] }, message: expect.any(String) }]);
  });
});
