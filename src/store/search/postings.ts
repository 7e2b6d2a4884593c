/**
 * Posting segments of the search index: for one term, the papers containing it (ascending doc ids, delta-coded)
 * with bm25's weighted frequency in each (0 marks a paper that no longer has the term). A term's postings are
 * a few segments, newest last; a newer segment's entry for a paper replaces an older one.
 */

/** Postings in memory: parallel arrays, doc ids ascending. */
export interface Postings {
  docs: Int32Array;
  freqs: Int32Array;
}

/** Encodes postings (doc ids ascending) as one blob: count, doc id deltas, then frequencies, all varints. */
export function encodePostings(postings: Postings): Buffer {
  const n = postings.docs.length;
  // A varint of a 32-bit value takes at most five bytes.
  const out = Buffer.allocUnsafe(5 * (1 + 2 * n));
  let at = 0;
  const put = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      out[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[at++] = v;
  };
  put(n);
  let previous = 0;
  for (let i = 0; i < n; i += 1) {
    const doc = postings.docs[i] as number;
    put(doc - previous);
    previous = doc;
  }
  for (let i = 0; i < n; i += 1) put(postings.freqs[i] as number);
  return out.subarray(0, at);
}

/** Decodes {@link encodePostings}. */
export function decodePostings(blob: Uint8Array): Postings {
  let at = 0;
  const next = (): number => {
    let byte = blob[at++] as number;
    let value = byte & 0x7f;
    let shift = 7;
    while (byte >= 0x80) {
      byte = blob[at++] as number;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    }
    return value >>> 0;
  };
  const n = next();
  const docs = new Int32Array(n);
  let doc = 0;
  for (let i = 0; i < n; i += 1) {
    doc += next();
    docs[i] = doc;
  }
  const freqs = new Int32Array(n);
  for (let i = 0; i < n; i += 1) freqs[i] = next();
  return { docs, freqs };
}

/** Merges two sorted postings; on the same paper, `newer` wins. */
function mergeTwo(older: Postings, newer: Postings): Postings {
  const docs = new Int32Array(older.docs.length + newer.docs.length);
  const freqs = new Int32Array(docs.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < older.docs.length || j < newer.docs.length) {
    const a = i < older.docs.length ? (older.docs[i] as number) : Number.POSITIVE_INFINITY;
    const b = j < newer.docs.length ? (newer.docs[j] as number) : Number.POSITIVE_INFINITY;
    if (b <= a) {
      docs[n] = b;
      freqs[n++] = newer.freqs[j++] as number;
      if (a === b) i += 1;
    } else {
      docs[n] = a;
      freqs[n++] = older.freqs[i++] as number;
    }
  }
  return { docs: docs.subarray(0, n), freqs: freqs.subarray(0, n) };
}

/** Merges segments oldest first (newer entries win); drops 0-frequency entries when `dropRemoved`. */
export function mergePostings(segments: readonly Postings[], dropRemoved: boolean): Postings {
  // Newest first, so the small recent segments merge with each other before the one big old one.
  let merged = segments[segments.length - 1] ?? { docs: new Int32Array(0), freqs: new Int32Array(0) };
  for (let i = segments.length - 2; i >= 0; i -= 1) merged = mergeTwo(segments[i] as Postings, merged);
  if (!dropRemoved) return merged;
  let n = 0;
  const docs = new Int32Array(merged.docs.length);
  const freqs = new Int32Array(merged.docs.length);
  for (let i = 0; i < merged.docs.length; i += 1) {
    if ((merged.freqs[i] as number) <= 0) continue;
    docs[n] = merged.docs[i] as number;
    freqs[n++] = merged.freqs[i] as number;
  }
  return { docs: docs.subarray(0, n), freqs: freqs.subarray(0, n) };
}

/** Postings from a doc → frequency map. */
export function postingsOf(entries: ReadonlyMap<number, number>): Postings {
  const docs = new Int32Array(entries.size);
  let i = 0;
  for (const doc of entries.keys()) docs[i++] = doc;
  // A typed array sorts numerically, natively: no comparator calls.
  docs.sort();
  const freqs = new Int32Array(docs.length);
  for (let j = 0; j < docs.length; j += 1) freqs[j] = entries.get(docs[j] as number) as number;
  return { docs, freqs };
}

/** Bytes postings take in memory. */
const postingsBytes = (p: Postings) => p.docs.byteLength + p.freqs.byteLength;

/**
 * Cached postings by key, least recently used first out once they take more than `budget` bytes; both stores'
 * postings caches keep their entries here.
 */
export class PostingsLru<E extends { postings: Postings }> {
  private readonly entries = new Map<string, E>();
  private used = 0;

  constructor(private readonly budget: number) {}

  get(key: string): E | undefined {
    return this.entries.get(key);
  }

  /** Stores (or refreshes) `entry` as the most recently used, evicting the oldest beyond the budget. */
  remember(key: string, entry: E): void {
    const old = this.entries.get(key);
    if (old) this.used -= postingsBytes(old.postings);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.used += postingsBytes(entry.postings);
    for (const [k, e] of this.entries) {
      if (this.used <= this.budget || k === key) break;
      this.entries.delete(k);
      this.used -= postingsBytes(e.postings);
    }
  }

  /** Drops the entries `drop` picks. */
  dropWhere(drop: (entry: E) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!drop(entry)) continue;
      this.entries.delete(key);
      this.used -= postingsBytes(entry.postings);
    }
  }

  /** Every entry with its key, oldest first. */
  list(): Array<[string, E]> {
    return [...this.entries];
  }
}
