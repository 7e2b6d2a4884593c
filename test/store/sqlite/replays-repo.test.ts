/**
 * The SQLite ReplayStore beyond its contract: rows as the schema keeps them (ISO-8601 UTC instants, the replay as
 * JSON text), the store composition's clock, and failures as typed store errors.
 */
import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import { PaperboyError } from '../../../src/core/errors.ts';
import type { Replay } from '../../../src/core/ports.ts';
import { createSqliteReplayStore } from '../../../src/store/sqlite/replays-repo.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';
import { T0, openTestDb } from './helpers.ts';

const TTL = 15 * 60_000;
const replay: Replay = {
  userId: 'U1',
  channel: { platform: 'discord', channelId: '1300000000000000001' },
  workspaceId: 'G1',
  origin: { subcommand: 'search', options: { query: 'diffusion' }, offset: 0 },
  paging: { subcommand: 'search', options: { query: 'diffusion' }, offset: 0, limit: 5, hasMore: true },
};

describe('createSqliteReplayStore', () => {
  it('GIVEN a put THEN one row: the token, the platform, the replay as JSON text, created and expiring as ISO-8601 UTC', async () => {
    const db = openTestDb();
    const store = createSqliteReplayStore(db, { clock: createFixedClock(T0), ttlMs: TTL, platform: 'discord' });
    const token = await store.put(replay);
    const rows = db.sqlite.prepare('SELECT * FROM replays').all() as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      {
        token,
        platform: 'discord',
        replay: JSON.stringify(replay),
        created_at: '2025-03-03T09:00:00.000Z',
        expires_at: '2025-03-03T09:15:00.000Z',
      },
    ]);
  });

  it("GIVEN the store's composition THEN its replays expire on the clock the store was given", async () => {
    const db = openTestDb();
    const clock = createFixedClock(T0);
    const replays = sqliteStore(db, { clock }).replays({ platform: 'slack', ttlMs: TTL });
    const token = await replays.put(replay);
    clock.advance(TTL - 1);
    expect(await replays.get(token)).toEqual(replay);
    clock.advance(1);
    expect(await replays.get(token)).toBeNull();
  });

  it('GIVEN a database that fails THEN put and get reject with a typed store error', async () => {
    const db = openTestDb();
    const store = createSqliteReplayStore(db, { clock: createFixedClock(T0), ttlMs: TTL, platform: 'discord' });
    const token = await store.put(replay);
    db.sqlite.exec('DROP TABLE replays');
    const failures = await Promise.allSettled([store.put(replay), store.get(token)]);
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      const reason = (failure as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(PaperboyError);
      expect(reason).toMatchObject({ code: 'store', message: expect.stringMatching(/button replay failed: .*no such table: replays/) });
    }
  });
});
