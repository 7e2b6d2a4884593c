/**
 * The doc table (search/doc-table.ts) loaded from SQLite: once per process, then refreshed from `search_log` with only
 * the papers each ingest changed.
 */
import type { SearchRanking } from '../../../core/search-rank.ts';
import { createDocTableWriter, emptyDocTable, type DocRow, type DocTable, type FilterRow } from '../../search/doc-table.ts';
import type { Db } from '../db.ts';

/** Creates the table and its loader; `refresh()` brings it up to the index's current generation. */
export function createDocTable(db: Db, ranking: SearchRanking) {
  const select = 'SELECT doc_id, length, upvotes, dated_ms, submitted FROM search_docs';
  const all = db.sqlite.prepare(select).raw();
  const some = db.sqlite.prepare(`${select} WHERE doc_id IN (SELECT value FROM json_each(?))`).raw();
  // Categories and organizations only once a query filters by them: most never do, and they are the bulkiest.
  const selectFilters = 'SELECT doc_id, categories, organization, organization_handle FROM papers';
  const allFilters = db.sqlite.prepare(selectFilters).raw();
  const someFilters = db.sqlite.prepare(`${selectFilters} WHERE doc_id IN (SELECT value FROM json_each(?))`).raw();
  let filtersLoaded = false;
  const generation = db.sqlite.prepare('SELECT generation FROM search_meta WHERE id = 1').pluck();
  const changed = db.sqlite.prepare('SELECT DISTINCT doc_id FROM search_log WHERE generation > ?').pluck();
  const oldest = db.sqlite.prepare('SELECT min(generation) FROM search_log').pluck();
  const maxDoc = db.sqlite.prepare('SELECT max(doc_id) FROM search_docs').pluck();
  const writer = createDocTableWriter(ranking);
  const { put, putFilters } = writer;
  let table: DocTable | null = null;
  let loadedAt = -1;

  return {
    /** The table at the index's current generation, and the doc ids changed since the previous call (null: all). */
    refresh(): { table: DocTable; changed: number[] | null } {
      const current = (generation.get() as number | undefined) ?? 0;
      if (table && current === loadedAt) return { table, changed: [] };
      const size = ((maxDoc.get() as number | null) ?? 0) + 1;
      const first = (oldest.get() as number | null) ?? current;
      if (!table || first > loadedAt + 1) {
        table = emptyDocTable(size);
        writer.reset();
        filtersLoaded = false;
        for (const row of all.iterate() as Iterable<DocRow>) put(table, row);
        loadedAt = current;
        return { table, changed: null };
      }
      const docs = changed.all(loadedAt) as number[];
      if (size > table.size) table = emptyDocTable(Math.max(size, table.size * 2), table);
      for (const doc of docs) table.present[doc] = 0;
      for (const row of some.all(JSON.stringify(docs)) as DocRow[]) put(table, row);
      if (filtersLoaded) for (const row of someFilters.all(JSON.stringify(docs)) as FilterRow[]) putFilters(table, row);
      loadedAt = current;
      return { table, changed: docs };
    },

    /** Fills the category and organization columns (once; refresh keeps them current after that). */
    loadFilters(t: DocTable): void {
      if (filtersLoaded) return;
      for (const row of allFilters.iterate() as Iterable<FilterRow>) putFilters(t, row);
      filtersLoaded = true;
    },
  };
}
