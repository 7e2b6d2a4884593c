/**
 * Evaluates a query over in-memory postings: the matching papers as a bitset (AND/OR are word operations over
 * per-phrase bitsets), each match's bm25() summed from its phrases' precomputed saturations (FTS5's formula, in
 * FTS5's order), the best relevance, and the finalists for the top k by relevance share + prior. Every match is
 * scored, so the answer is exact; this costs a few nanoseconds a paper where FTS5 pays a B-tree lookup per row.
 */
import type { FactoredRecency } from '../../core/search-rank.ts';
import type { MatchNode } from './match-tree.ts';
import type { DocTable } from './doc-table.ts';
import type { Scratch } from './scratch.ts';
import { scoredPostings, type ScoredPostings } from './scored.ts';
import type { Postings } from './postings.ts';

/** Filters as per-paper tests over the doc table. */
export interface EvalFilters {
  sinceMs: number | null;
  /** By category-list dictionary id: 1 when the list has a wanted category; null = no cat: filter. */
  categoryOk: Uint8Array | null;
  /** By organization dictionary id: 1 when it contains every org: value; null = no org: filter. */
  organizationOk: Uint8Array | null;
  skip: ReadonlySet<number> | null;
}

/** One query, resolved. */
export interface EvalInput {
  root: MatchNode;
  phrases: ReadonlyArray<{ postings: Postings; idf: number }>;
  excluded: readonly Postings[];
  table: DocTable;
  avgdl: number;
  scratch: Scratch;
  nowMs: number;
  /** The ranking's recency prior, factored per paper (`table.recencyScale`) and per instant. */
  recency: FactoredRecency;
  filters: EvalFilters;
  k: number;
}

/** Papers that may be in the top k (every paper within rounding of the k-th), with their relevance. */
export interface EvalResult {
  finalists: Array<{ doc: number; relevance: number }>;
  best: number;
}

/** Rounding between the factored recency prior and the exact one is ~1e-16; anything within this of the k-th is re-ranked exactly. */
const FINALIST_MARGIN = 1e-9;

/** The node's matches as a bitset (a fresh scratch copy when it combines children). */
function bitsOf(
  node: MatchNode,
  scored: readonly ScoredPostings[],
  scratch: Scratch,
  words: number,
  memo: Map<MatchNode, Uint32Array>,
): Uint32Array {
  if (node.kind === 'phrase') return (scored[node.index] as ScoredPostings).bits;
  const parts = node.children.map((c) => bitsOf(c, scored, scratch, words, memo));
  const out = scratch.u32(`node${memo.size}`, words);
  out.set((parts[0] as Uint32Array).subarray(0, words));
  for (const p of parts.slice(1)) {
    if (node.kind === 'and') for (let w = 0; w < words; w += 1) out[w] = (out[w] as number) & (p[w] as number);
    else for (let w = 0; w < words; w += 1) out[w] = (out[w] as number) | (p[w] as number);
  }
  memo.set(node, out);
  return out;
}

/**
 * For each phrase, the bitsets of the ANDs above it that sit under an OR: FTS5's bm25() counts a phrase only in
 * papers where every AND above it matches (a failed AND's phrases are positioned past the row). ANDs on the
 * root's own path always match a match.
 */
function guardsOf(
  node: MatchNode,
  memo: ReadonlyMap<MatchNode, Uint32Array>,
  out: Uint32Array[][],
  guards: Uint32Array[] = [],
  underOr = false,
): void {
  if (node.kind === 'phrase') {
    out[node.index] = guards;
    return;
  }
  const own = node.kind === 'and' && underOr ? [...guards, memo.get(node) as Uint32Array] : guards;
  for (const child of node.children) guardsOf(child, memo, out, own, underOr || node.kind === 'or');
}

function andAll(list: readonly Uint32Array[], words: number): Uint32Array {
  const out = (list[0] as Uint32Array).slice(0, words);
  for (const b of list.slice(1)) for (let w = 0; w < words; w += 1) out[w] = (out[w] as number) & (b[w] as number);
  return out;
}

/** Scores every match; returns the best relevance and the top-k finalists. */
export function evaluateQuery(input: EvalInput): EvalResult {
  const { table, filters, scratch } = input;
  const words = (table.size + 31) >>> 5;
  const scored = input.phrases.map((p) => scoredPostings(p.postings, table, input.avgdl));
  const memo = new Map<MatchNode, Uint32Array>();
  const root = scratch.u32('root', words);
  root.set(bitsOf(input.root, scored, scratch, words, memo).subarray(0, words));
  for (const excluded of input.excluded) {
    const bits = scoredPostings(excluded, table, input.avgdl).bits;
    for (let w = 0; w < words; w += 1) root[w] = (root[w] as number) & ~(bits[w] as number);
  }
  const guards: Uint32Array[][] = [];
  guardsOf(input.root, memo, guards);

  let count = 0;
  for (let w = 0; w < words; w += 1) {
    let v = (root[w] as number) - (((root[w] as number) >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  // Term at a time: each phrase's postings add idf · saturation into one accumulator per paper, phrase by phrase in
  // phrase order, which is bm25()'s own summation order, so the sums round identically.
  const acc = scratch.f64('acc', table.size);
  input.phrases.forEach((p, i) => {
    const s = scored[i] as ScoredPostings;
    const pd = s.docs;
    const sat = s.saturation;
    const idf = p.idf;
    const g = guardOf(guards[i] as Uint32Array[], words);
    for (let j = 0; j < pd.length; j += 1) {
      const doc = pd[j] as number;
      if (g && (((g[doc >>> 5] as number) >>> (doc & 31)) & 1) === 0) continue;
      acc[doc] = (acc[doc] as number) + idf * (sat[j] as number);
    }
  });
  const docs = scratch.i32('docs', count);
  const rels = scratch.f64('rels', count);
  let kept = 0;
  let best = 0;
  for (let w = 0; w < words; w += 1) {
    let bits = root[w] as number;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const doc = (w << 5) + 31 - Math.clz32(low);
      if (!table.present[doc]) continue;
      if (filters.sinceMs !== null && !((table.submittedMs[doc] as number) >= filters.sinceMs)) continue;
      if (filters.categoryOk && !filters.categoryOk[table.categoryList[doc] as number]) continue;
      if (filters.organizationOk && !filters.organizationOk[table.organization[doc] as number]) continue;
      if (filters.skip?.has(doc)) continue;
      const rel = acc[doc] as number;
      docs[kept] = doc;
      rels[kept++] = rel;
      if (rel > best) best = rel;
    }
  }
  return { finalists: finalists(docs.subarray(0, kept), rels.subarray(0, kept), best, input), best };
}

/** One bitset for a phrase's guards (the AND of them), or null when it has none. */
function guardOf(list: readonly Uint32Array[], words: number): Uint32Array | null {
  if (list.length === 0) return null;
  return list.length === 1 ? (list[0] as Uint32Array) : andAll(list, words);
}

/** Every paper whose fast score is within FINALIST_MARGIN of the k-th best. */
function finalists(docs: Int32Array, rels: Float64Array, best: number, input: EvalInput): EvalResult['finalists'] {
  const { table, k } = input;
  const nowScale = input.recency.instantScale(input.nowMs);
  const weight = input.recency.weight;
  const scores = input.scratch.f64('scores', docs.length);
  // The shortlist may round differently from the exact ranking (a product instead of a quotient); FINALIST_MARGIN covers it.
  const inverse = best > 0 ? 1 / best : 0;
  const head: number[] = [];
  for (let i = 0; i < docs.length; i += 1) {
    const doc = docs[i] as number;
    const scale = table.recencyScale[doc] as number;
    const recency = scale * nowScale;
    const score = (rels[i] as number) * inverse + (table.upvotePrior[doc] as number) + weight * (recency < 1 ? recency : 1);
    scores[i] = score;
    if (head.length < k || score > (head[head.length - 1] as number)) {
      let at = head.length;
      while (at > 0 && (head[at - 1] as number) < score) at -= 1;
      head.splice(at, 0, score);
      if (head.length > k) head.pop();
    }
  }
  const threshold = head.length < k ? Number.NEGATIVE_INFINITY : (head[k - 1] as number) - FINALIST_MARGIN;
  const out: EvalResult['finalists'] = [];
  for (let i = 0; i < docs.length; i += 1)
    if ((scores[i] as number) >= threshold) out.push({ doc: docs[i] as number, relevance: rels[i] as number });
  return out;
}
