/**
 * The doc table (search/doc-table.ts) loaded from PostgreSQL: once per process, then refreshed from `search_log`
 * with only the papers each write changed, as the SQLite loader does.
 */
import type pg from 'pg';
import type { SearchRanking } from '../../../core/search-rank.ts';
import { createDocTableWriter, emptyDocTable, type DocRow, type DocTable, type FilterRow } from '../../search/doc-table.ts';

const DOCS = 'SELECT doc_id, length, upvotes, dated_ms, submitted FROM search_docs';
const FILTERS = `SELECT doc_id, categories::text, organization, organization_handle FROM papers`;

/** Creates the table and its loader; `refresh(client, generation)` brings it to that generation. */
export function createPostgresDocTable(ranking: SearchRanking) {
  const writer = createDocTableWriter(ranking);
  let table: DocTable | null = null;
  let loadedAt = -1;
  let filtersLoaded = false;

  const rowsOf = async <T>(client: pg.ClientBase, text: string, values: unknown[] = []): Promise<T[]> =>
    (await client.query<T extends unknown[] ? T : never>({ text, values, rowMode: 'array' })).rows as T[];

  // categories::text is jsonb's text form (`["cs.CL", "cs.LG"]`), parsed as JSON like SQLite's; only the values count.
  return {
    async refresh(client: pg.ClientBase, current: number): Promise<{ table: DocTable; changed: number[] | null }> {
      if (table && current === loadedAt) return { table, changed: [] };
      const maxDoc = (await rowsOf<[number | null]>(client, 'SELECT max(doc_id) FROM search_docs'))[0]?.[0];
      const size = (maxDoc ?? 0) + 1;
      const oldest = (await rowsOf<[number | null]>(client, 'SELECT min(generation) FROM search_log'))[0]?.[0];
      const first = oldest ?? current;
      if (!table || first > loadedAt + 1) {
        table = emptyDocTable(size);
        writer.reset();
        filtersLoaded = false;
        for (const row of await rowsOf<DocRow>(client, DOCS)) writer.put(table, row);
        loadedAt = current;
        return { table, changed: null };
      }
      const docs = (await rowsOf<[number]>(client, 'SELECT DISTINCT doc_id FROM search_log WHERE generation > $1', [loadedAt])).map(
        (r) => r[0],
      );
      if (size > table.size) table = emptyDocTable(Math.max(size, table.size * 2), table);
      for (const doc of docs) table.present[doc] = 0;
      for (const row of await rowsOf<DocRow>(client, `${DOCS} WHERE doc_id = ANY($1::integer[])`, [docs])) writer.put(table, row);
      if (filtersLoaded) {
        for (const row of await rowsOf<FilterRow>(client, `${FILTERS} WHERE doc_id = ANY($1::integer[])`, [docs]))
          writer.putFilters(table, row);
      }
      loadedAt = current;
      return { table, changed: docs };
    },

    /** Fills the category and organization columns (once; refresh keeps them current after that). */
    async loadFilters(client: pg.ClientBase, t: DocTable): Promise<void> {
      if (filtersLoaded) return;
      for (const row of await rowsOf<FilterRow>(client, FILTERS)) writer.putFilters(t, row);
      filtersLoaded = true;
    },
  };
}
