/**
 * Postings ready for scoring: each entry's bm25 saturation at the current average length, and the papers as a
 * bitset. Both change only when the postings or the average length do (each ingest), so they are computed once
 * per postings object and average length, not per query.
 */
import type { DocTable } from './doc-table.ts';
import { saturation as bm25Saturation } from './doc.ts';
import type { Postings } from './postings.ts';

/** Postings with what scoring needs. */
export interface ScoredPostings {
  docs: Int32Array;
  /** bm25's saturation of each entry (doc.ts `saturation`). */
  saturation: Float64Array;
  bits: Uint32Array;
}

interface Cached extends ScoredPostings {
  avgdl: number;
  table: DocTable;
  size: number;
}

const cache = new WeakMap<Postings, Cached>();

/** The postings' saturations and bitset for this table and average length (cached per postings object). */
export function scoredPostings(postings: Postings, table: DocTable, avgdl: number): ScoredPostings {
  const cached = cache.get(postings);
  if (cached && cached.avgdl === avgdl && cached.table === table && cached.size === table.size) return cached;
  const { docs, freqs } = postings;
  const saturation = new Float64Array(docs.length);
  const bits = new Uint32Array((table.size + 31) >>> 5);
  for (let j = 0; j < docs.length; j += 1) {
    const doc = docs[j] as number;
    saturation[j] = bm25Saturation(freqs[j] as number, table.length[doc] as number, avgdl);
    if (doc < table.size) bits[doc >>> 5] = (bits[doc >>> 5] as number) | (1 << (doc & 31));
  }
  const entry: Cached = { docs, saturation, bits, avgdl, table, size: table.size };
  cache.set(postings, entry);
  return entry;
}
