/** The SQLite SourceRunStore: one row per refresh of a source, started as `running` and finished once. */
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { PaperboyError } from '../../core/errors.ts';
import type { SourceRun, SourceRunStore } from '../../core/ports.ts';
import type { Db } from './db.ts';
import { sourceRuns, type SourceRunRow } from './schema.ts';

function toRun(row: SourceRunRow): SourceRun {
  return { ...row };
}

/** A SourceRunStore over the SQLite database. */
export function createSqliteSourceRunStore(db: Db): SourceRunStore {
  const { orm } = db;
  const newestFirst = [desc(sourceRuns.startedAt), desc(sourceRuns.id)];
  // One statement: insert, or take over an expired (or own) lease; a row back means it is ours.
  const takeLease = db.sqlite.prepare(
    `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
     WHERE leases.until <= ? OR leases.holder = excluded.holder RETURNING name`,
  );
  const giveBack = db.sqlite.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');

  return {
    async start(source, at) {
      const row = orm
        .insert(sourceRuns)
        .values({ source, startedAt: at.toISOString(), status: 'running', items: 0 })
        .returning({ id: sourceRuns.id })
        .get();
      return row.id;
    },

    async finish(runId, result) {
      const { changes } = orm
        .update(sourceRuns)
        .set({
          finishedAt: result.at.toISOString(),
          status: result.status,
          items: result.items,
          error: result.error ?? null,
        })
        .where(eq(sourceRuns.id, runId))
        .run();
      if (changes === 0) throw new PaperboyError('not_found', `No source run with id ${runId}`);
    },

    async tryLease(name, holder, at, until) {
      return takeLease.get(name, holder, until.toISOString(), at.toISOString()) !== undefined;
    },

    async releaseLease(name, holder) {
      giveBack.run(name, holder);
    },

    async latest() {
      const sources = orm.selectDistinct({ source: sourceRuns.source }).from(sourceRuns).orderBy(asc(sourceRuns.source)).all();
      return sources.flatMap(({ source }) => {
        const last = orm
          .select()
          .from(sourceRuns)
          .where(eq(sourceRuns.source, source))
          .orderBy(...newestFirst)
          .limit(1)
          .get();
        if (!last) return [];
        const lastOk = orm
          .select()
          .from(sourceRuns)
          .where(and(eq(sourceRuns.source, source), eq(sourceRuns.status, 'ok')))
          .orderBy(...newestFirst)
          .limit(1)
          .get();
        const lastFinished =
          last.status === 'running'
            ? orm
                .select()
                .from(sourceRuns)
                .where(and(eq(sourceRuns.source, source), ne(sourceRuns.status, 'running')))
                .orderBy(...newestFirst)
                .limit(1)
                .get()
            : last;
        return [
          { source, last: toRun(last), lastOk: lastOk ? toRun(lastOk) : null, lastFinished: lastFinished ? toRun(lastFinished) : null },
        ];
      });
    },
  };
}
