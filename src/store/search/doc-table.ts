/**
 * What ranking needs of every indexed paper, in typed arrays indexed by doc id: length (for bm25), the prior's
 * inputs, the submission instant (since:), and dictionary ids of its category list and organization (cat:, org:).
 * Each store loads it its own way (once per process, then only the papers each ingest changed); this file holds the
 * table and how a row goes into it.
 */
import type { SearchRanking } from '../../core/search-rank.ts';

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
  /**
   * Distinct category lists (lower-cased as SQLite's lower() does) and organizations, by dictionary id; an
   * organization is its name and its handle (`organizationHandles`, '' for none), one dictionary id for the pair.
   */
  categoryLists: string[][];
  organizations: string[];
  organizationHandles: string[];
}

/** A paper's ranking row: doc id, length, upvotes, prior date (ms, or null), submitted (ISO instant). */
export type DocRow = [number, number, number, number | null, string];
/** A paper's filter row: doc id, categories (a JSON list), organization name, organization handle. */
export type FilterRow = [number, string, string | null, string | null];

const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function parseCategories(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string').map(asciiLower) : [];
  } catch {
    return [];
  }
}

/** A table of `size` doc ids, keeping what `from` holds (a table grows as papers are added). */
export function emptyDocTable(size: number, from?: DocTable): DocTable {
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
    organizationHandles: from?.organizationHandles ?? [],
  };
}

/** Writes rows into a table: ranking rows always, filter rows through dictionaries kept across refreshes. */
export function createDocTableWriter(ranking: SearchRanking) {
  const categoryIds = new Map<string, number>();
  const organizationIds = new Map<string, number>();
  return {
    put(t: DocTable, [doc, length, upvotes, datedMs, submitted]: DocRow): void {
      t.present[doc] = 1;
      t.length[doc] = length;
      t.upvotes[doc] = upvotes;
      t.upvotePrior[doc] = ranking.upvotePrior(upvotes);
      t.datedMs[doc] = datedMs ?? Number.NaN;
      t.recencyScale[doc] = ranking.recency.paperScale(datedMs);
      t.submittedMs[doc] = Date.parse(submitted);
    },
    putFilters(t: DocTable, [doc, categories, organization, handle]: FilterRow): void {
      if (doc >= t.size) return;
      let list = categoryIds.get(categories);
      if (list === undefined) {
        list = t.categoryLists.push(parseCategories(categories)) - 1;
        categoryIds.set(categories, list);
      }
      t.categoryList[doc] = list;
      const name = asciiLower(organization ?? '');
      const orgHandle = asciiLower(handle ?? '');
      const key = `${name}\n${orgHandle}`;
      let orgId = organizationIds.get(key);
      if (orgId === undefined) {
        orgId = t.organizations.push(name) - 1;
        t.organizationHandles.push(orgHandle);
        organizationIds.set(key, orgId);
      }
      t.organization[doc] = orgId;
    },
    /** Forgets the dictionaries (a table loaded afresh starts its own). */
    reset(): void {
      categoryIds.clear();
      organizationIds.clear();
    },
  };
}
