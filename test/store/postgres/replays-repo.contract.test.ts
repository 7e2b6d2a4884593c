/**
 * The PostgreSQL ReplayStore runs the ReplayStore contract, shared cases included: instances alternate between two
 * pools on this file's database, as separate bot processes would hold them.
 */
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { openPostgres, type PgDb } from '../../../src/store/postgres/db.ts';
import { createPostgresReplayStore } from '../../../src/store/postgres/replays-repo.ts';
import { describeReplayStoreContract } from '../../contracts/replay-store.contract.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';

const pg = usePostgresDatabase();
let other: PgDb | null = null;

beforeAll(async () => {
  other = await openPostgres(pg.url(), { log: silentLogger, maxConnections: 2 });
});

afterAll(async () => {
  await other?.close();
});

describeReplayStoreContract(
  'PostgreSQL',
  () => {
    const pools = [pg.db(), other as PgDb];
    let opened = 0;
    return {
      open: (settings) => createPostgresReplayStore(pools[opened++ % 2] as PgDb, settings),
      rows: async () => (await pg.db().pool.query<{ n: number }>('SELECT count(*)::int AS n FROM replays')).rows[0]?.n ?? 0,
    };
  },
  { shared: true },
);
