/** Opening the SQLite database: pragmas, a backup before pending migrations touch data, then the migrations. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Clock } from '../../core/clock.ts';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { vacuumInto } from './backup.ts';
import { hasUserData, planMigrations } from './migration-state.ts';
import * as schema from './schema.ts';

/** An open database: the raw better-sqlite3 handle, the typed drizzle handle over it, and where it lives. */
export interface Db {
  sqlite: BetterSqlite3.Database;
  orm: BetterSQLite3Database<typeof schema>;
  file: string;
  close(): void;
}

/** What opening needs: a logger, a clock (for backup names) and, for tests, another migrations folder. */
export interface OpenDatabaseDeps {
  log: Logger;
  clock: Clock;
  migrationsFolder?: string;
}

/** The `migrations/` folder shipped beside `src/`. */
export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));

const IN_MEMORY = ':memory:';

/** `<file>.pre-migrate-20250303T090000Z.bak`, with a counter if a backup of that second already exists. */
function preMigrateBackupPath(file: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  let candidate = `${file}.pre-migrate-${stamp}.bak`;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${file}.pre-migrate-${stamp}-${n}.bak`;
  return candidate;
}

function connect(file: string): BetterSqlite3.Database {
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  try {
    // WAL lets readers (search, status) run while a refresh writes; NORMAL is durable enough under WAL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/** Migrations ran without foreign keys, so look for rows they orphaned; the data is committed, so report, not throw. */
function checkForeignKeys(db: Db, log: Logger, backup: string | null): void {
  try {
    const violations = db.sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      log.error({ violations: violations.length, backup }, 'migrations left rows that break foreign keys');
    }
  } catch (error) {
    log.error({ error: describeError(error), backup }, 'migrations left a broken foreign key definition');
  }
}

function runMigrations(db: Db, deps: OpenDatabaseDeps, migrationsFolder: string): void {
  const { pending, skipped } = planMigrations(db.sqlite, migrationsFolder);
  if (skipped.length > 0) {
    deps.log.warn({ skipped }, 'migrations that will never run: edited after they ran, or older than the newest one');
  }
  if (pending.length === 0) return;
  let backup: string | null = null;
  if (db.file !== IN_MEMORY && hasUserData(db.sqlite)) {
    backup = preMigrateBackupPath(db.file, deps.clock.now());
    try {
      vacuumInto(db.sqlite, backup);
    } catch (error) {
      const message = `Backing up ${db.file} to ${backup} before migrating failed, so nothing was migrated`;
      throw new PaperboyError('store', `${message}: ${describeError(error)}`, { cause: error });
    }
    deps.log.info({ backup, pending }, 'backed up the database before migrating');
  }
  // Foreign keys stay off while migrating: drizzle-kit rebuilds a table as create-copy-drop-rename, its own
  // `PRAGMA foreign_keys=OFF` is a no-op inside migrate()'s transaction, and with them on, dropping `channels`
  // would cascade-delete every topic, slot and delivery.
  db.sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db.orm, { migrationsFolder });
  } catch (error) {
    const saved = backup ? ` (a backup from before the attempt is at ${backup})` : '';
    const message = `Migrating ${db.file} failed and was rolled back${saved}`;
    throw new PaperboyError('store', `${message}: ${describeError(error)}`, { cause: error });
  }
  checkForeignKeys(db, deps.log, backup);
  deps.log.info({ applied: pending }, 'applied database migrations');
}

/**
 * Opens (creating if needed) the database at `file` (or `:memory:`), sets the pragmas and applies pending
 * migrations, backing up a non-empty database first. Throws PaperboyError('store') when any of that fails.
 */
export function openDatabase(file: string, deps: OpenDatabaseDeps): Db {
  const migrationsFolder = deps.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = connect(file);
  } catch (error) {
    throw new PaperboyError('store', `Cannot open the database ${file}: ${describeError(error)}`, { cause: error });
  }
  const db: Db = {
    sqlite,
    orm: drizzle({ client: sqlite, schema }),
    file,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
  try {
    runMigrations(db, deps, migrationsFolder);
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError('store', `Cannot prepare the database ${file}: ${describeError(error)}`, { cause: error });
  }
  return db;
}
