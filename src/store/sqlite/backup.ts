/** Online backups with `VACUUM INTO`: a consistent, compacted copy, safe while the bot keeps running. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { PaperboyError, UserError, describeError } from '../../core/errors.ts';
import type { Db } from './db.ts';

/** Writes a copy of the database to `target`, which must not exist yet. Low level: no checks beyond SQLite's. */
export function vacuumInto(sqlite: BetterSqlite3.Database, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  // Bound, not spliced: the path may contain quotes.
  sqlite.prepare('VACUUM INTO ?').run(target);
}

/** Backs the database up to a new file `target` (refusing to overwrite one) and reports its absolute path and size. */
export function backupDatabase(db: Db, target: string): { file: string; bytes: number } {
  const file = resolve(target);
  if (existsSync(file)) {
    throw new UserError(`Backup target ${file} already exists; choose a new file name.`, 'bad_input');
  }
  try {
    vacuumInto(db.sqlite, file);
  } catch (error) {
    throw new PaperboyError('store', `Backup to ${file} failed: ${describeError(error)}`, { cause: error });
  }
  return { file, bytes: statSync(file).size };
}
