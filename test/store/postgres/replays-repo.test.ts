/**
 * The PostgreSQL ReplayStore beyond its contract: rows as the schema keeps them (ISO-8601 UTC instants, the replay
 * as a jsonb object, or its JSON text where jsonb refuses the text), the store composition's clock, sweeps racing
 * on two pools, and failures as typed store errors.
 */
import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import { PaperboyError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Replay } from '../../../src/core/ports.ts';
import { SEARCH_RANKING } from '../../../src/core/search-rank.ts';
import { openPostgres } from '../../../src/store/postgres/db.ts';
import { createPostgresReplayStore } from '../../../src/store/postgres/replays-repo.ts';
import { openPostgresStore } from '../../../src/store/postgres/store.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';

const pg = usePostgresDatabase();
const T0 = new Date('2025-03-03T09:00:00.000Z');
const TTL = 15 * 60_000;
const replay: Replay = {
  userId: 'U1',
  channel: { platform: 'discord', channelId: '1300000000000000001' },
  workspaceId: 'G1',
  origin: { subcommand: 'search', options: { query: 'diffusion' }, offset: 0 },
  paging: { subcommand: 'search', options: { query: 'diffusion' }, offset: 0, limit: 5, hasMore: true },
};

async function rows(): Promise<Array<Record<string, unknown>>> {
  return (await pg.db().pool.query('SELECT * FROM replays ORDER BY created_at, token')).rows;
}

describe('createPostgresReplayStore', () => {
  it('GIVEN a put THEN one row: the token, the platform, the replay as a jsonb object, created and expiring as ISO-8601 UTC', async () => {
    const store = createPostgresReplayStore(pg.db(), { clock: createFixedClock(T0), ttlMs: TTL, platform: 'discord' });
    const token = await store.put(replay);
    expect(await rows()).toEqual([
      { token, platform: 'discord', replay, created_at: '2025-03-03T09:00:00.000Z', expires_at: '2025-03-03T09:15:00.000Z' },
    ]);
  });

  it('GIVEN text jsonb refuses (NUL, a lone surrogate) THEN that replay is kept as its JSON text and read back exactly', async () => {
    const store = createPostgresReplayStore(pg.db(), { clock: createFixedClock(T0), ttlMs: TTL, platform: 'discord' });
    const hostile: Replay = { ...replay, origin: { subcommand: 'search', options: { query: 'x\u0000y \uD800' }, offset: 0 } };
    const token = await store.put(hostile);
    expect((await rows())[0]?.replay).toBe(JSON.stringify(hostile));
    expect(await store.get(token)).toStrictEqual(hostile);
  });

  it("GIVEN the store's composition THEN its replays expire on the clock the store was given", async () => {
    const clock = createFixedClock(T0);
    const store = await openPostgresStore(pg.db(), { ranking: SEARCH_RANKING, log: silentLogger, clock });
    try {
      const replays = store.replays({ platform: 'slack', ttlMs: TTL });
      const token = await replays.put(replay);
      clock.advance(TTL - 1);
      expect(await replays.get(token)).toEqual(replay);
      clock.advance(1);
      expect(await replays.get(token)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('GIVEN two processes sweeping the same expired rows at once THEN neither blocks the other and every dead row goes', async () => {
    const other = await openPostgres(pg.url(), { log: silentLogger, maxConnections: 4 });
    try {
      const clock = createFixedClock(T0);
      const writer = createPostgresReplayStore(pg.db(), { clock, ttlMs: TTL, platform: 'discord' });
      await Promise.all(Array.from({ length: 300 }, (_, i) => writer.put({ ...replay, userId: `U${i}` })));
      clock.advance(TTL);
      const sweepers = [pg.db(), other, pg.db(), other].map((db) =>
        createPostgresReplayStore(db, { clock, ttlMs: TTL, platform: 'slack' }),
      );
      const fresh = await Promise.all(sweepers.map((store) => store.put(replay)));
      expect((await rows()).map((row) => row.token).sort()).toEqual([...fresh].sort());
    } finally {
      await other.close();
    }
  });

  it('GIVEN a database that cannot be reached THEN put and get reject with a typed store error', async () => {
    const gone = await openPostgres(pg.url(), { log: silentLogger, maxConnections: 1 });
    await gone.close();
    const store = createPostgresReplayStore(gone, { clock: createFixedClock(T0), ttlMs: TTL, platform: 'discord' });
    const failures = await Promise.allSettled([store.put(replay), store.get('a-token')]);
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      const reason = (failure as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(PaperboyError);
      expect(reason).toMatchObject({ code: 'store', message: expect.stringMatching(/button replay(s)? failed/) });
    }
  });
});
