/**
 * The SQLite ReplayStore: button replays in the `replays` table, so every bot process on the database file can
 * answer a click on a result another one made (docs/architecture.md §16). A row resolves until its `expires_at`;
 * dead rows are deleted in bulk by a put now and then (../replays.ts).
 */
import { and, eq, gt, lte } from 'drizzle-orm';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { ReplayStore } from '../../core/ports.ts';
import { newReplayToken } from '../../core/replay-store.ts';
import { createSweepCadence, type ReplayStoreOptions } from '../replays.ts';
import type { Db } from './db.ts';
import { replays } from './schema.ts';

function wrap<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError('store', `${what} failed: ${describeError(error)}`, { cause: error });
  }
}

/** A ReplayStore over the SQLite database, for one platform's buttons. */
export function createSqliteReplayStore(db: Db, options: ReplayStoreOptions): ReplayStore {
  const { orm } = db;
  const { clock, ttlMs, platform } = options;
  const sweeps = createSweepCadence();

  return {
    async put(replay) {
      const now = clock.now();
      const token = newReplayToken();
      wrap('Storing a button replay', () => {
        if (sweeps.due(now)) orm.delete(replays).where(lte(replays.expiresAt, now.toISOString())).run();
        orm
          .insert(replays)
          .values({
            token,
            platform,
            replay,
            createdAt: now.toISOString(),
            expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
          })
          .run();
      });
      return token;
    },

    async get(token) {
      const row = wrap('Reading a button replay', () =>
        orm
          .select({ replay: replays.replay })
          .from(replays)
          .where(and(eq(replays.token, token), eq(replays.platform, platform), gt(replays.expiresAt, clock.now().toISOString())))
          .get(),
      );
      return row?.replay ?? null;
    },
  };
}
