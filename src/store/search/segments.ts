/**
 * How a term's stored postings grow, for both stores: each sync appends one segment of changes; once MERGE_FANOUT
 * segments of one size class are newest, they merge into one of the next class (index-options.ts). This file plans
 * it; the store reads the segments a merge needs and writes the result.
 */
import { MERGE_FANOUT, SEGMENT_BASE } from './index-options.ts';
import { mergePostings, postingsOf, type Postings } from './postings.ts';

/** A segment's size class: 0 up to SEGMENT_BASE postings, then one per factor of MERGE_FANOUT. */
function sizeClass(n: number): number {
  return n <= SEGMENT_BASE ? 0 : Math.floor(Math.log(n / SEGMENT_BASE) / Math.log(MERGE_FANOUT)) + 1;
}

/** What one append does to a term's segments: stored ones to delete, and the one to write (null: none). */
export interface SegmentPlan {
  removed: number[];
  written: { seg: number; n: number; postings: Postings } | null;
}

/**
 * Plans appending `changes` (doc → weighted frequency, 0 = removed) to a term stored as `stored` ([seg, n], oldest
 * first); `read(seg)` returns a stored segment a merge needs.
 */
export function planAppend(
  changes: ReadonlyMap<number, number>,
  stored: ReadonlyArray<readonly [number, number]>,
  read: (seg: number) => Postings,
): SegmentPlan {
  const segments = stored.map(([seg, n]) => ({ seg, n, postings: null as Postings | null }));
  const fresh = postingsOf(changes);
  const removed: number[] = [];
  segments.push({ seg: (segments[segments.length - 1]?.seg ?? 0) + 1, n: fresh.docs.length, postings: fresh });
  for (;;) {
    const last = segments[segments.length - 1] as (typeof segments)[number];
    const level = sizeClass(last.n);
    let run = 1;
    while (run < segments.length && sizeClass((segments[segments.length - 1 - run] as (typeof segments)[number]).n) <= level) run += 1;
    if (run < MERGE_FANOUT) break;
    const group = segments.splice(segments.length - run, run);
    const parts = group.map((g) => g.postings ?? read(g.seg));
    for (const g of group) if (g.postings === null) removed.push(g.seg);
    // Nothing older remains to be overridden once this is the first segment: removed entries can go.
    const merged = mergePostings(parts, segments.length === 0);
    segments.push({ seg: (group[group.length - 1] as (typeof group)[number]).seg, n: merged.docs.length, postings: merged });
  }
  const last = segments[segments.length - 1] as (typeof segments)[number];
  return { removed, written: last.postings ? { seg: last.seg, n: last.n, postings: last.postings } : null };
}

/**
 * The stored segments an append may read, found without reading any: the plan run over stand-ins of each segment's
 * size (a merge of stand-ins is never smaller than the real one, so this is a superset).
 */
export function segmentsToRead(changes: ReadonlyMap<number, number>, stored: ReadonlyArray<readonly [number, number]>): number[] {
  const sizes = new Map(stored);
  const wanted: number[] = [];
  let next = 2 ** 30;
  planAppend(changes, stored, (seg) => {
    wanted.push(seg);
    const n = sizes.get(seg) ?? 0;
    // Doc ids no real posting has, so stand-ins never overlap: the merged size is the sum, an upper bound.
    const docs = Int32Array.from({ length: n }, () => next++);
    return { docs, freqs: new Int32Array(n).fill(1) };
  });
  return wanted;
}
