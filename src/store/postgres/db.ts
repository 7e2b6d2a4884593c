/**
 * Opening PostgreSQL: a bounded node-postgres pool, then the migrations in migrations/postgres under an advisory
 * lock, so processes starting together on an empty database migrate it once (the others wait, then find nothing
 * to do). The password never appears in what this module logs or throws.
 */
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import * as schema from './schema.ts';
import { redactUrl } from './url.ts';

/** An open PostgreSQL store: the pool, the typed drizzle handle over it, and where it lives (password hidden). */
export interface PgDb {
  pool: pg.Pool;
  orm: NodePgDatabase<typeof schema>;
  /** The URL with its password replaced, for logs and `status`. */
  where: string;
  close(): Promise<void>;
}

/** What opening needs; tests pass a smaller pool. */
export interface OpenPostgresOptions {
  log: Logger;
  /** Connections at most; the default suits one bot process. */
  maxConnections?: number;
  migrationsFolder?: string;
}

/** The `migrations/postgres/` folder shipped beside `src/`. */
export const POSTGRES_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations/postgres', import.meta.url));

/** Connections a process keeps at most: commands, the tick and a refresh at once, with room to spare. */
const DEFAULT_MAX_CONNECTIONS = 10;

/** The advisory lock every paperboy process takes to migrate (an arbitrary constant, the same everywhere). */
const MIGRATION_LOCK = 0x70617065; // "pape"

export { isPostgresUrl, redactUrl } from './url.ts';

/** Opens the pool and brings the database to the current schema. */
export async function openPostgres(url: string, options: OpenPostgresOptions): Promise<PgDb> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS });
  // An idle client's error (the server restarting) must not crash the process; the next query reconnects.
  pool.on('error', (error) =>
    options.log.warn({ db: where, error: describeError(error).replaceAll(url, where) }, 'PostgreSQL connection lost'),
  );
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client, { schema }), { migrationsFolder: options.migrationsFolder ?? POSTGRES_MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PaperboyError('store', `Opening PostgreSQL at ${where} failed: ${describeError(error).replaceAll(url, where)}`, {
      cause: error,
    });
  }
  options.log.info({ db: where }, 'PostgreSQL ready');
  return { pool, orm: drizzle(pool, { schema }), where, close: () => pool.end() };
}
