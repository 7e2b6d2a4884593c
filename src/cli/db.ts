/**
 * `paperboy db copy --to postgres://…`: moves an install from its SQLite file to PostgreSQL. It reads the SQLite file
 * at PAPERBOY_DB whatever DATABASE_URL says, and builds the target's search index before it exits, so the copy is
 * searchable at once (docs/architecture.md §16).
 */
import { configuredClock } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import { SEARCH_RANKING } from '../core/search-rank.ts';
import { isPostgresUrl, openDatabase, loadPostgres, redactUrl, type PgDb } from '../store/index.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const DB_USAGE = 'paperboy db copy --to postgres://user:password@host:5432/db';

/** Copies the SQLite database at PAPERBOY_DB into the empty PostgreSQL database `--to`; exit 1 when counts differ. */
export async function runDb(config: Readonly<Config>, argv: string[], out: Output, log: Logger): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { to: { type: 'string' } }, DB_USAGE);
  if (positionals.length !== 1 || positionals[0] !== 'copy') throw new UsageError(`the only db command is copy\nusage: ${DB_USAGE}`);
  if (!values.to || !isPostgresUrl(values.to)) throw new UsageError(`--to must be a postgres:// or postgresql:// URL\nusage: ${DB_USAGE}`);
  const where = redactUrl(values.to);
  const source = openDatabase(config.db, { log, clock: configuredClock(config) });
  try {
    const { openPostgres, copySqliteToPostgres } = await loadPostgres();
    const target = await openPostgres(values.to, { log, maxConnections: 2 });
    try {
      out.note(`copying ${source.file} into ${where}`);
      const counts = await copySqliteToPostgres(source, target, (table, rows) => out.note(`  ${table}: ${rows} rows`));
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
      out.line(`search index: ${await buildSearchIndex(target, config, log)} papers indexed`);
      out.line(`copied into ${where}`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

/** Indexes every copied paper on the target (the copy carries no derived data), as the bot would at its start. */
async function buildSearchIndex(target: PgDb, config: Readonly<Config>, log: Logger): Promise<number> {
  const { openPostgresStore } = await loadPostgres();
  const store = await openPostgresStore(target, { ranking: SEARCH_RANKING, searchIndex: config.searchIndex, log });
  try {
    return await store.catchUpSearchIndex();
  } finally {
    store.close();
  }
}
