/** `paperboy backup <file>`: a consistent copy of the live SQLite database (VACUUM INTO); on PostgreSQL, pg_dump's job. */
import { configuredClock } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import { backupDatabase, openDatabase } from '../store/index.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const BACKUP_USAGE = 'paperboy backup <file>';

/** Why backup refuses on PostgreSQL, and what to run instead (docs/architecture.md §16). */
export const POSTGRES_BACKUP =
  'backup copies the SQLite file (PAPERBOY_DB), but DATABASE_URL points this install at PostgreSQL: back it up with pg_dump, ' +
  'e.g. pg_dump --format=custom --file=paperboy.dump "$DATABASE_URL"';

/** Writes the backup and says where and how big; opens the SQLite file itself, nothing else of the app. */
export function runBackup(config: Readonly<Config>, argv: string[], out: Output, log: Logger): number {
  if (config.database.kind === 'postgres') throw new UsageError(POSTGRES_BACKUP);
  const [target, ...rest] = argv;
  if (!target || rest.length > 0 || target.startsWith('-')) throw new UsageError(`give one target file\nusage: ${BACKUP_USAGE}`);
  const db = openDatabase(config.database.file, { log, clock: configuredClock(config) });
  try {
    const result = backupDatabase(db, target);
    out.line(`backup written: ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB)`);
    return 0;
  } finally {
    db.close();
  }
}
