/**
 * A paper as the search index stores it: its FTS5 terms, column by column and in order, as term ids. From it a
 * paper's bm25() for any query is computed exactly, without asking FTS5 (whose bm25() recounts every query
 * term's documents on each call: milliseconds per common term at 100k papers).
 */
import { BM25_WEIGHTS } from '../../core/ranking-constants.ts';

/** Column weights in `papers_fts` order, as search and topics pass them to bm25(). */
export const COLUMN_WEIGHTS = [BM25_WEIGHTS.title, BM25_WEIGHTS.abstract, BM25_WEIGHTS.authors, BM25_WEIGHTS.aiKeywords] as const;

/** FTS5's BM25 constants (fts5Bm25Function). */
const K1 = 1.2;
const B = 0.75;

/** A decoded paper: all term ids in one array, `starts[c]` .. `starts[c + 1]` holding column c. */
export interface SearchDoc {
  terms: Int32Array;
  starts: readonly number[];
}

/** Reused by {@link encodeDoc}: a varint takes at most five bytes. */
let encodeScratch = new Uint8Array(4096);

/** Encodes term ids per column as unsigned LEB128 varints: the four column lengths, then the ids (`terms`, in column order). */
export function encodeDoc(terms: ArrayLike<number>, lengths: readonly number[]): Buffer {
  if (encodeScratch.length < 5 * (terms.length + lengths.length)) encodeScratch = new Uint8Array(5 * (terms.length + lengths.length) * 2);
  const bytes = encodeScratch;
  let at = 0;
  const put = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      bytes[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    bytes[at++] = v;
  };
  for (const length of lengths) put(length);
  for (let i = 0; i < terms.length; i += 1) put(terms[i] as number);
  return Buffer.from(bytes.subarray(0, at));
}

/** Decodes {@link encodeDoc}, into `scratch` when it is long enough (search decodes hundreds of papers a query). */
export function decodeDoc(blob: Uint8Array, scratch?: { terms: Int32Array }): SearchDoc {
  let at = 0;
  const starts = [0, 0, 0, 0, 0];
  for (let c = 0; c < 4; c += 1) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = blob[at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte >= 0x80);
    starts[c + 1] = (starts[c] as number) + value;
  }
  const n = starts[4] as number;
  if (scratch && scratch.terms.length < n) scratch.terms = new Int32Array(Math.max(n, scratch.terms.length * 2));
  const terms = scratch ? scratch.terms : new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    let byte = blob[at++] as number;
    let value = byte & 0x7f;
    if (byte >= 0x80) {
      byte = blob[at++] as number;
      value |= (byte & 0x7f) << 7;
      if (byte >= 0x80) {
        byte = blob[at++] as number;
        value |= (byte & 0x7f) << 14;
        if (byte >= 0x80) {
          byte = blob[at++] as number;
          value |= (byte & 0x7f) << 21;
          // Term ids stay far below 2^28; a fifth byte would be a corrupt row.
        }
      }
    }
    terms[i] = value;
  }
  return { terms, starts };
}

/** A phrase resolved to term ids; `ids` is empty when a term is unknown (the phrase matches nothing). */
export interface ResolvedPhrase {
  ids: Int32Array;
  column: number | null;
}

/** The phrase's weighted frequency in the doc (bm25's aFreq): instances per column times the column weight. */
export function phraseFrequency(doc: SearchDoc, phrase: ResolvedPhrase): number {
  const { ids } = phrase;
  const n = ids.length;
  if (n === 0) return 0;
  let freq = 0;
  const first = ids[0] as number;
  for (let c = 0; c < 4; c += 1) {
    if (phrase.column !== null && phrase.column !== c) continue;
    const end = doc.starts[c + 1] as number;
    let count = 0;
    for (let i = doc.starts[c] as number; i + n <= end; i += 1) {
      if (doc.terms[i] !== first) continue;
      let j = 1;
      while (j < n && doc.terms[i + j] === ids[j]) j += 1;
      if (j === n) count += 1;
    }
    freq += count * (COLUMN_WEIGHTS[c] as number);
  }
  return freq;
}

/** bm25's per-phrase saturation: f(k1 + 1) / (f + k1(1 − b + b·D/avgdl)), in FTS5's operation order. */
export function saturation(freq: number, length: number, avgdl: number): number {
  return (freq * (K1 + 1.0)) / (freq + K1 * (1 - B + (B * length) / avgdl));
}

/** FTS5's IDF, log((N − n + 0.5) / (n + 0.5)) floored at 1e-6, given that log value. */
export function idfFloor(logValue: number): number {
  return logValue <= 0 ? 1e-6 : logValue;
}

/** The same expression in SQL, so log() is C's, as in FTS5 (bind N and n). */
export const IDF_LOG_SQL = 'SELECT ln((? - ? + 0.5) / (? + 0.5))';
