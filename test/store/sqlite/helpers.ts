/** Shared setup for SQLite store tests: a database on the real migrations, migration copies, FTS probes. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFixedClock } from '../../../src/core/clock.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase, type Db } from '../../../src/store/index.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { afterThisTest, tempDir } from '../../helpers/temp-dir.ts';

export { tempDir } from '../../helpers/temp-dir.ts';
export { arxivItem, hfItem } from '../../helpers/sourced-papers.ts';

/** The instant every test clock starts at. */
export const T0 = new Date('2025-03-03T09:00:00.000Z');

/** Opens `file` (default: a new file in a temp dir) with a fixed clock; closed after the test. */
export function openTestDb(file?: string, options: { migrationsFolder?: string; log?: Logger; at?: Date } = {}): Db {
  const db = openDatabase(file ?? join(tempDir('paperboy-store-'), 'paperboy.db'), {
    log: options.log ?? createRecordingLogger(),
    clock: createFixedClock(options.at ?? T0),
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
  });
  afterThisTest(() => db.close());
  return db;
}

/** Tags of the real migrations, oldest first (tests count against this, not a hard-coded number). */
export const MIGRATION_TAGS: readonly string[] = (
  JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
).entries.map((entry) => entry.tag);

/** A copy of the real migrations folder; with `count`, only its first migrations, as an older release shipped. */
export function copyMigrations(count = Number.POSITIVE_INFINITY): string {
  const folder = join(tempDir(), 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  journal.entries = journal.entries.slice(0, count);
  for (const { tag } of journal.entries) copyFileSync(join(DEFAULT_MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return folder;
}

/** Canonical ids of the papers whose FTS entry matches `query`, sorted. */
export function ftsIds(db: Db, query: string): string[] {
  const rows = db.sqlite
    .prepare(`SELECT p.id FROM papers_fts f JOIN papers p ON p.doc_id = f.rowid WHERE papers_fts MATCH ? ORDER BY p.id`)
    .pluck()
    .all(query) as string[];
  return rows;
}

/** Throws unless the FTS index agrees exactly with the `papers` rows it was built from. */
export function checkFtsIntegrity(db: Db): void {
  // rank = 1 makes FTS5 compare the index against the external content table, not only its own structure.
  db.sqlite.prepare(`INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)`).run();
}

/** The FTS index's raw pages: identical snapshots mean nothing rewrote the index in between. */
export function ftsPages(db: Db): string {
  const rows = db.sqlite.prepare(`SELECT id, hex(block) AS block FROM papers_fts_data ORDER BY id`).all();
  return JSON.stringify(rows);
}
