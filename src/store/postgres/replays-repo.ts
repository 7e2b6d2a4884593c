/**
 * The PostgreSQL ReplayStore: button replays in the `replays` table (jsonb), so every bot process on the database
 * can answer a click on a result another one made (docs/architecture.md §16). A row resolves until its
 * `expires_at`; dead rows are deleted in bulk by a put now and then (../replays.ts).
 */
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Replay, ReplayStore } from '../../core/ports.ts';
import { newReplayToken } from '../../core/replay-store.ts';
import { createSweepCadence, type ReplayStoreOptions } from '../replays.ts';
import type { PgDb } from './db.ts';
import { storeCall } from './run.ts';
import { replays } from './schema.ts';

/**
 * jsonb holds neither NUL nor a lone surrogate: JSON escapes both as `\uXXXX`, and PostgreSQL refuses those escapes.
 * Hostile text typed into a search can carry either (test/contracts/hostile-queries.ts), so a replay whose JSON has
 * one is kept as its JSON text in a jsonb string instead: lossless, and the common replay stays a readable object.
 * (A backslash typed before `u0000` matches too; that replay is merely stored as a string.)
 */
const JSONB_UNSAFE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

function toColumn(replay: Replay): Replay | string {
  const text = JSON.stringify(replay);
  return JSONB_UNSAFE.test(text) ? text : replay;
}

function fromColumn(value: Replay | string): Replay {
  return typeof value === 'string' ? (JSON.parse(value) as Replay) : value;
}

/** A ReplayStore over the PostgreSQL database, for one platform's buttons. */
export function createPostgresReplayStore(db: PgDb, options: ReplayStoreOptions): ReplayStore {
  const { orm } = db;
  const { clock, ttlMs, platform } = options;
  const sweeps = createSweepCadence();

  return {
    async put(replay) {
      const now = clock.now();
      const token = newReplayToken();
      if (sweeps.due(now)) {
        // Rows another process is deleting right now are skipped rather than waited for: two sweeps never block
        // (or deadlock) each other, and whatever one skips the other deletes.
        const dead = orm
          .select({ token: replays.token })
          .from(replays)
          .where(lte(replays.expiresAt, now.toISOString()))
          .for('update', { skipLocked: true });
        await storeCall('Deleting expired button replays', () => orm.delete(replays).where(inArray(replays.token, dead)));
      }
      await storeCall('Storing a button replay', () =>
        orm.insert(replays).values({
          token,
          platform,
          replay: toColumn(replay),
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        }),
      );
      return token;
    },

    async get(token) {
      const [row] = await storeCall('Reading a button replay', () =>
        orm
          .select({ replay: replays.replay })
          .from(replays)
          .where(and(eq(replays.token, token), eq(replays.platform, platform), gt(replays.expiresAt, clock.now().toISOString())))
          .limit(1),
      );
      return row ? fromColumn(row.replay) : null;
    },
  };
}
