/**
 * What the database-backed ReplayStores share (sqlite/replays-repo.ts, postgres/replays-repo.ts): their options and
 * when an instance deletes expired rows. Replays are ephemeral: a row is dead once its `expires_at` has passed, and
 * rather than a job, a put now and then deletes every dead row in one statement, so the table holds about one TTL's
 * worth of replays (docs/architecture.md §16).
 */
import type { Clock } from '../core/clock.ts';

/** Options of a database-backed ReplayStore. */
export interface ReplayStoreOptions {
  /** Stamps `created_at` and `expires_at`, and decides what has expired. */
  clock: Clock;
  /** How long a replay resolves: the platform's window to edit the reply (15 minutes on Discord, 30 on Slack). */
  ttlMs: number;
  /** The platform whose buttons these are: a token resolves only on its own platform. */
  platform: string;
}

/** How often one store instance deletes expired rows, at most. */
export const REPLAY_SWEEP_INTERVAL_MS = 60_000;

/**
 * When one store instance should sweep: on its first put, then at most once per {@link REPLAY_SWEEP_INTERVAL_MS}
 * of its clock (a clock set back counts as due). Several instances (processes) each sweep on their own cadence;
 * deleting rows another one already deleted is harmless.
 */
export function createSweepCadence(): { due(now: Date): boolean } {
  let last = Number.NEGATIVE_INFINITY;
  return {
    due(now) {
      const at = now.getTime();
      if (at - last < REPLAY_SWEEP_INTERVAL_MS && at >= last) return false;
      last = at;
      return true;
    },
  };
}
