/** The PostgreSQL SourceRunStore: one row per refresh of a source, started as `running` and finished once. */
import { eq } from 'drizzle-orm';
import { PaperboyError } from '../../core/errors.ts';
import type { SourceRun, SourceRunStatus, SourceRunStore } from '../../core/ports.ts';
import type { PgDb } from './db.ts';
import { sourceRuns } from './schema.ts';
import { storeCall } from './run.ts';

/** A `source_runs` row as `to_jsonb` spells it. */
interface RunJson {
  id: number;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: SourceRunStatus;
  items: number;
  error: string | null;
}

function toRun(row: RunJson): SourceRun {
  return {
    id: row.id,
    source: row.source,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    items: row.items,
    error: row.error,
  };
}

/**
 * For each source (in byte order, as SQLite sorts them), its newest run, newest `ok` run and newest finished
 * run, newest meaning latest started and then highest id. One statement, so the three agree with one another
 * even while a refresh finishes; "newest finished" is the newest not `running`, which is the newest run itself
 * whenever that one has finished.
 */
const LATEST = `
  SELECT s.source, to_jsonb(l) AS last, to_jsonb(o) AS last_ok, to_jsonb(f) AS last_finished
  FROM (SELECT DISTINCT source FROM source_runs) s
  CROSS JOIN LATERAL (
    SELECT * FROM source_runs r WHERE r.source = s.source ORDER BY r.started_at DESC, r.id DESC LIMIT 1) l
  LEFT JOIN LATERAL (
    SELECT * FROM source_runs r WHERE r.source = s.source AND r.status = 'ok' ORDER BY r.started_at DESC, r.id DESC LIMIT 1) o ON true
  LEFT JOIN LATERAL (
    SELECT * FROM source_runs r WHERE r.source = s.source AND r.status <> 'running' ORDER BY r.started_at DESC, r.id DESC LIMIT 1) f ON true
  ORDER BY s.source COLLATE "C"`;

/** A SourceRunStore over the PostgreSQL database. */
export function createPostgresSourceRunStore(db: PgDb): SourceRunStore {
  const { orm } = db;

  return {
    async tryLease(name, holder, at, until) {
      // One statement: insert, or take over an expired (or own) lease; a row back means it is ours. Two processes
      // at once: the second waits for the first's row, then finds it live.
      const { rows } = await storeCall('Taking a lease', () =>
        db.pool.query(
          `INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
           WHERE leases.until <= $4 OR leases.holder = excluded.holder RETURNING name`,
          [name, holder, until.toISOString(), at.toISOString()],
        ),
      );
      return rows.length > 0;
    },

    async releaseLease(name, holder) {
      await storeCall('Giving a lease back', () => db.pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]));
    },

    async start(source, at) {
      const [row] = await storeCall('Starting a source run', () =>
        orm
          .insert(sourceRuns)
          .values({ source, startedAt: at.toISOString(), status: 'running', items: 0 })
          .returning({ id: sourceRuns.id }),
      );
      if (!row) throw new PaperboyError('store', 'Starting a source run returned no id');
      return row.id;
    },

    async finish(runId, result) {
      const updated = await storeCall('Finishing a source run', () =>
        orm
          .update(sourceRuns)
          .set({ finishedAt: result.at.toISOString(), status: result.status, items: result.items, error: result.error ?? null })
          .where(eq(sourceRuns.id, runId))
          .returning({ id: sourceRuns.id }),
      );
      if (updated.length === 0) throw new PaperboyError('not_found', `No source run with id ${runId}`);
    },

    async latest() {
      const { rows } = await storeCall('Reading source runs', () =>
        db.pool.query<{ source: string; last: RunJson; last_ok: RunJson | null; last_finished: RunJson | null }>(LATEST),
      );
      return rows.map((row) => ({
        source: row.source,
        last: toRun(row.last),
        lastOk: row.last_ok ? toRun(row.last_ok) : null,
        lastFinished: row.last_finished ? toRun(row.last_finished) : null,
      }));
    },
  };
}
