/** Opening PostgreSQL: migrations applied once under an advisory lock, however many processes start at once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS_FOLDER, openPostgres, redactUrl, type PgDb } from '../../../src/store/postgres/db.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';

/** Migrations in migrations/postgres, each applied exactly once. */
const MIGRATIONS = (JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] })
  .entries.length;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe('openPostgres', () => {
  it('GIVEN two processes opening an empty database at the same moment THEN the migrations run once and both start', async () => {
    const log = createRecordingLogger();
    const opened: PgDb[] = await Promise.all([
      openPostgres(database.url, { log, maxConnections: 2 }),
      openPostgres(database.url, { log, maxConnections: 2 }),
    ]);
    try {
      const applied = await opened[0]?.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      expect(applied?.rows[0]?.n).toBe(MIGRATIONS);
      const tables = await opened[1]?.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      // The schema's 7 tables, `replays`, `leases` and the search engine's 6.
      expect(tables?.rows[0]?.n).toBe(15);
    } finally {
      await Promise.all(opened.map((db) => db.close()));
    }
  });

  it('GIVEN a wrong password THEN a store error that names the server without the password', async () => {
    const url = new URL(database.url);
    url.password = 'not-the-password-123';
    const failure = await openPostgres(url.toString(), { log: createRecordingLogger(), maxConnections: 1 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'store' });
    expect(String((failure as Error).message)).toContain('127.0.0.1');
    expect(String((failure as Error).message)).not.toContain('not-the-password-123');
  });

  it('GIVEN a URL with a password THEN the redacted form hides it', () => {
    expect(redactUrl('postgres://bot:s3cret@db.example:5432/paperboy')).toBe('postgres://bot:***@db.example:5432/paperboy');
    expect(redactUrl('postgresql://db.example/paperboy')).toBe('postgresql://db.example/paperboy');
  });
});
