/** A database of its own for each test file on the run's PostgreSQL server (test/global-setup.ts). */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { openPostgres, type PgDb } from '../../src/store/postgres/db.ts';

/** Creates an empty database and returns its URL; `drop()` removes it (closing connections first). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject('postgresUrl');
  const name = `paperboy_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * For a test file: a database of its own, opened (and migrated) once through the real store code, emptied before
 * each test, dropped at the end. `db()` is valid inside tests.
 */
export function usePostgresDatabase(): { db: () => PgDb; url: () => string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let opened: PgDb | null = null;
  beforeAll(async () => {
    database = await createTestDatabase();
    opened = await openPostgres(database.url, { log: silentLogger, maxConnections: 4 });
  });
  beforeEach(async () => {
    const tables = await opened?.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const names = (tables?.rows ?? []).map((row) => `"${row.tablename}"`);
    if (names.length > 0) await opened?.pool.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });
  return {
    url: () => {
      if (!database) throw new Error('usePostgresDatabase: the database is made in beforeAll');
      return database.url;
    },
    db: () => {
      if (!opened) throw new Error('usePostgresDatabase: the database is opened in beforeAll');
      return opened;
    },
  };
}
