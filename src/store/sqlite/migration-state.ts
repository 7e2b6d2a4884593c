/**
 * What the database looks like before drizzle's `migrate()` runs: which migrations it will apply and whether
 * there is any data a failed migration could take with it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { PaperboyError } from '../../core/errors.ts';

const MIGRATIONS_TABLE = '__drizzle_migrations';

interface JournalEntry {
  tag: string;
  when: number;
}

function readJournal(migrationsFolder: string): JournalEntry[] {
  const path = join(migrationsFolder, 'meta', '_journal.json');
  if (!existsSync(path)) {
    throw new PaperboyError('store', `No migrations journal at ${path}; is the migrations folder shipped?`);
  }
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const entries = (parsed as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new PaperboyError('store', `Malformed migrations journal at ${path}`);
  return entries.map((entry: unknown) => {
    const { tag, when } = entry as Partial<JournalEntry>;
    if (typeof tag !== 'string' || typeof when !== 'number') {
      throw new PaperboyError('store', `Malformed entry in migrations journal at ${path}`);
    }
    return { tag, when };
  });
}

/** Which journal entries drizzle's `migrate()` will run, and which it will silently pass over. */
export interface MigrationPlan {
  pending: string[];
  /** Entries the database never applied (by content hash) yet older than its newest applied one: never run. */
  skipped: string[];
}

interface AppliedRow {
  hash: string;
  createdAt: number | string | null;
}

function fileHash(migrationsFolder: string, tag: string): string | null {
  try {
    return createHash('sha256')
      .update(readFileSync(join(migrationsFolder, `${tag}.sql`)))
      .digest('hex');
  } catch {
    return null; // migrate() itself reports a missing file
  }
}

/**
 * Predicts drizzle's rule (SQLiteSyncDialect.migrate): an entry runs when its `when` is greater than the newest
 * applied `created_at`. An older unapplied entry (a merge of branches, or a file edited after it ran) never runs.
 */
export function planMigrations(sqlite: BetterSqlite3.Database, migrationsFolder: string): MigrationPlan {
  const entries = readJournal(migrationsFolder);
  const tracked = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  const applied = tracked ? (sqlite.prepare(`SELECT hash, created_at AS createdAt FROM "${MIGRATIONS_TABLE}"`).all() as AppliedRow[]) : [];
  const stamps = applied.flatMap((row) => (row.createdAt === null ? [] : [Number(row.createdAt)]));
  const newest = Math.max(Number.NEGATIVE_INFINITY, ...stamps);
  const hashes = new Set(applied.map((row) => row.hash));
  const pending = entries.filter((entry) => entry.when > newest);
  const skipped = entries.filter((entry) => entry.when <= newest && !hashes.has(fileHash(migrationsFolder, entry.tag) ?? ''));
  return { pending: pending.map((entry) => entry.tag), skipped: skipped.map((entry) => entry.tag) };
}

/** True when some ordinary table (not SQLite's, drizzle's or FTS5's internals) holds at least one row. */
export function hasUserData(sqlite: BetterSqlite3.Database): boolean {
  // table_list types virtual tables as 'virtual' and FTS5's own tables as 'shadow', which hold rows even when empty.
  const tables = sqlite
    .prepare(
      `SELECT name FROM pragma_table_list
       WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?`,
    )
    .pluck()
    .all(MIGRATIONS_TABLE) as string[];
  return tables.some((name) => {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    return sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM ${quoted})`).pluck().get() === 1;
  });
}
