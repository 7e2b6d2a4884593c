/**
 * `paperboy db copy`: every table of the schema from the SQLite database into an empty PostgreSQL one, ids kept
 * (so references between tables hold), in one PostgreSQL transaction. Derived data is not copied: FTS5 and the
 * search index are rebuilt from the papers by the target's own search engine. Nor are button replays and leases: replays
 * expire within 30 minutes (the buttons of a bot moved to another database may as well say "expired"), and a
 * lease only says which running process does a job.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { PaperboyError } from '../core/errors.ts';
import * as pgSchema from './postgres/schema.ts';
import type { PgDb } from './postgres/db.ts';
import type { Db } from './sqlite/db.ts';

/** Every table of the schema but the derived ones, `replays` and `leases`, parents before the tables that reference them. */
export const COPIED_TABLES: readonly PgTable[] = [
  pgSchema.papers,
  pgSchema.paperSignals,
  pgSchema.channels,
  pgSchema.topics,
  pgSchema.digestSlots,
  pgSchema.deliveries,
  pgSchema.sourceRuns,
];

/** Rows per INSERT: one JSON parameter each, well inside PostgreSQL's limits. */
const BATCH = 2_000;

/** Rows of one table on both sides after the copy. */
export interface CopiedTable {
  table: string;
  source: number;
  target: number;
}

/** How a SQLite value becomes the PostgreSQL column's: JSON text → jsonb value, 0/1 → boolean. */
function converter(columnType: string): (value: unknown) => unknown {
  if (columnType === 'PgJsonb') return (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
  if (columnType === 'PgBoolean') return (value) => (value === null ? null : Boolean(value));
  return (value) => value;
}

/** Copies `source` into `target`, which must hold no rows; returns the row counts of both sides, table by table. */
export async function copySqliteToPostgres(
  source: Db,
  target: PgDb,
  onTable?: (table: string, rows: number) => void,
): Promise<CopiedTable[]> {
  const client = await target.pool.connect();
  try {
    for (const table of COPIED_TABLES) {
      const { name } = getTableConfig(table);
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${name}") AS any`);
      if (rows[0]?.any)
        throw new PaperboyError(
          'bad_input',
          `The target database is not empty (table ${name} has rows); db copy only copies into an empty database.`,
        );
    }
    await client.query('BEGIN');
    for (const table of COPIED_TABLES) {
      const { name, columns } = getTableConfig(table);
      const names = columns.map((c) => c.name);
      const convert = columns.map((c) => converter(c.columnType));
      const read = source.sqlite.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${name}" ORDER BY rowid`).raw();
      // jsonb_populate_recordset types each field by the target table's own row type.
      const insert = `INSERT INTO "${name}" (${names.map((n) => `"${n}"`).join(', ')}) OVERRIDING SYSTEM VALUE
        SELECT ${names.map((n) => `r."${n}"`).join(', ')} FROM jsonb_populate_recordset(NULL::"${name}", $1::jsonb) AS r`;
      let batch: Array<Record<string, unknown>> = [];
      let copied = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(insert, [JSON.stringify(batch)]);
        copied += batch.length;
        batch = [];
      };
      for (const row of read.iterate() as Iterable<unknown[]>) {
        batch.push(Object.fromEntries(names.map((n, i) => [n, (convert[i] as (v: unknown) => unknown)(row[i])])));
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      // Identity columns continue after the copied ids.
      if (names.includes('id') || names.includes('doc_id')) {
        const key = names.includes('doc_id') ? 'doc_id' : 'id';
        await client.query(
          `SELECT setval(pg_get_serial_sequence('"${name}"', '${key}'), coalesce(max("${key}"), 1), max("${key}") IS NOT NULL) FROM "${name}"`,
        );
      }
      onTable?.(name, copied);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const counts: CopiedTable[] = [];
  for (const table of COPIED_TABLES) {
    const { name } = getTableConfig(table);
    const sourceRows = source.sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number;
    const { rows } = await target.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts.push({ table: name, source: sourceRows, target: rows[0]?.n ?? 0 });
  }
  return counts;
}
