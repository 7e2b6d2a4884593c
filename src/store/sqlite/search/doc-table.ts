/**
 * What ranking needs of every indexed paper, in typed arrays indexed by doc id: length (for bm25), the prior's
 * inputs, the submission instant (since:), and dictionary ids of its category list and organization (cat:, org:).
 * Loaded once per process, then refreshed from `search_log` with only the papers each ingest changed.
 */
import type { SearchRanking } from '../../../core/search-rank.ts';
import type { Db } from '../db.ts';

/** The per-paper arrays. `present[d]` is 0 for a doc id with no indexed paper. */
export interface DocTable {
  size: number;
  present: Uint8Array;
  length: Int32Array;
  upvotes: Int32Array;
  upvotePrior: Float64Array;
  /** The prior's date (ms), NaN for none. */
  datedMs: Float64Array;
  /** The ranking's per-paper recency factor, so the recency prior at `now` is one multiplication; 0 without a date. */
  recencyScale: Float64Array;
  submittedMs: Float64Array;
  categoryList: Int32Array;
  organization: Int32Array;
  /** Distinct category lists (lower-cased as SQLite's lower() does) and organizations, by dictionary id. */
  categoryLists: string[][];
  organizations: string[];
}

type Row = [number, number, number, number | null, string];
type FilterRow = [number, string, string | null];

const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function parseCategories(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string').map(asciiLower) : [];
  } catch {
    return [];
  }
}

/** Creates the table and its loader; `refresh()` brings it up to the index's current generation. */
export function createDocTable(db: Db, ranking: SearchRanking) {
  const select = 'SELECT doc_id, length, upvotes, dated_ms, submitted FROM search_docs';
  const all = db.sqlite.prepare(select).raw();
  const some = db.sqlite.prepare(`${select} WHERE doc_id IN (SELECT value FROM json_each(?))`).raw();
  // Categories and organizations only once a query filters by them: most never do, and they are the bulkiest.
  const selectFilters = 'SELECT doc_id, categories, organization FROM papers';
  const allFilters = db.sqlite.prepare(selectFilters).raw();
  const someFilters = db.sqlite.prepare(`${selectFilters} WHERE doc_id IN (SELECT value FROM json_each(?))`).raw();
  let filtersLoaded = false;
  const generation = db.sqlite.prepare('SELECT generation FROM search_meta WHERE id = 1').pluck();
  const changed = db.sqlite.prepare('SELECT DISTINCT doc_id FROM search_log WHERE generation > ?').pluck();
  const oldest = db.sqlite.prepare('SELECT min(generation) FROM search_log').pluck();
  const maxDoc = db.sqlite.prepare('SELECT max(doc_id) FROM search_docs').pluck();
  const categoryIds = new Map<string, number>();
  const organizationIds = new Map<string, number>();
  let table: DocTable | null = null;
  let loadedAt = -1;

  function empty(size: number, from?: DocTable): DocTable {
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(make: (n: number) => T, old: T | undefined): T => {
      const next = make(size);
      if (old) next.set(old.subarray(0, Math.min(old.length, size)));
      return next;
    };
    return {
      size,
      present: grow((n) => new Uint8Array(n), from?.present),
      length: grow((n) => new Int32Array(n), from?.length),
      upvotes: grow((n) => new Int32Array(n), from?.upvotes),
      upvotePrior: grow((n) => new Float64Array(n), from?.upvotePrior),
      datedMs: grow((n) => new Float64Array(n), from?.datedMs),
      recencyScale: grow((n) => new Float64Array(n), from?.recencyScale),
      submittedMs: grow((n) => new Float64Array(n), from?.submittedMs),
      categoryList: grow((n) => new Int32Array(n), from?.categoryList),
      organization: grow((n) => new Int32Array(n), from?.organization),
      categoryLists: from?.categoryLists ?? [],
      organizations: from?.organizations ?? [],
    };
  }

  function put(t: DocTable, [doc, length, upvotes, datedMs, submitted]: Row): void {
    t.present[doc] = 1;
    t.length[doc] = length;
    t.upvotes[doc] = upvotes;
    t.upvotePrior[doc] = ranking.upvotePrior(upvotes);
    t.datedMs[doc] = datedMs ?? Number.NaN;
    t.recencyScale[doc] = ranking.recency.paperScale(datedMs);
    t.submittedMs[doc] = Date.parse(submitted);
  }

  function putFilters(t: DocTable, [doc, categories, organization]: FilterRow): void {
    if (doc >= t.size) return;
    let list = categoryIds.get(categories);
    if (list === undefined) {
      list = t.categoryLists.push(parseCategories(categories)) - 1;
      categoryIds.set(categories, list);
    }
    t.categoryList[doc] = list;
    const org = asciiLower(organization ?? '');
    let orgId = organizationIds.get(org);
    if (orgId === undefined) {
      orgId = t.organizations.push(org) - 1;
      organizationIds.set(org, orgId);
    }
    t.organization[doc] = orgId;
  }

  return {
    /** The table at the index's current generation, and the doc ids changed since the previous call (null: all). */
    refresh(): { table: DocTable; changed: number[] | null } {
      const current = (generation.get() as number | undefined) ?? 0;
      if (table && current === loadedAt) return { table, changed: [] };
      const size = ((maxDoc.get() as number | null) ?? 0) + 1;
      const first = (oldest.get() as number | null) ?? current;
      if (!table || first > loadedAt + 1) {
        table = empty(size);
        filtersLoaded = false;
        for (const row of all.iterate() as Iterable<Row>) put(table, row);
        loadedAt = current;
        return { table, changed: null };
      }
      const docs = changed.all(loadedAt) as number[];
      if (size > table.size) table = empty(Math.max(size, table.size * 2), table);
      for (const doc of docs) table.present[doc] = 0;
      for (const row of some.all(JSON.stringify(docs)) as Row[]) put(table, row);
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
