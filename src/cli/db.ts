/** `paperboy db copy --to postgres://…`: moves an install from its SQLite file to PostgreSQL. */
import type { App } from '../app.ts';
import { copySqliteToPostgres } from '../store/copy-to-postgres.ts';
import { isPostgresUrl, openPostgres, redactUrl } from '../store/postgres/db.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const DB_USAGE = 'paperboy db copy --to postgres://user:password@host:5432/db';

/** Copies the SQLite database at PAPERBOY_DB into the empty PostgreSQL database `--to`; exit 1 when counts differ. */
export async function runDb(app: App, argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { to: { type: 'string' } }, DB_USAGE);
  if (positionals.length !== 1 || positionals[0] !== 'copy') throw new UsageError(`the only db command is copy\nusage: ${DB_USAGE}`);
  if (!values.to || !isPostgresUrl(values.to)) throw new UsageError(`--to must be a postgres:// or postgresql:// URL\nusage: ${DB_USAGE}`);
  const where = redactUrl(values.to);
  const target = await openPostgres(values.to, { log: app.log, maxConnections: 2 });
  try {
    out.note(`copying ${app.db.file} into ${where}`);
    const counts = await copySqliteToPostgres(app.db, target, (table, rows) => out.note(`  ${table}: ${rows} rows`));
    const width = Math.max(...counts.map((c) => c.table.length));
    out.line(`${'table'.padEnd(width)}  sqlite  postgres`);
    for (const c of counts)
      out.line(
        `${c.table.padEnd(width)}  ${String(c.source).padStart(6)}  ${String(c.target).padStart(8)}${c.source === c.target ? '' : '  DIFFERENT'}`,
      );
    const different = counts.filter((c) => c.source !== c.target);
    if (different.length > 0) {
      out.note(`paperboy: the copy differs in ${different.map((c) => c.table).join(', ')}`);
      return 1;
    }
    out.line(`copied into ${where}`);
    return 0;
  } finally {
    await target.close();
  }
}
