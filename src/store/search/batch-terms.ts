/**
 * How a write turns papers into the search index's terms, for both stores: the terms of a batch interned once (the
 * same term in a thousand papers is looked up once), each paper's terms column by column as FTS5 tokenizes them.
 */
import { COLUMN_WEIGHTS } from './doc.ts';
import { forEachAsciiToken, isAscii } from './fts5-tokenize.ts';
import { porterStem } from './fts5-porter.ts';

/** A paper's text as the index reads it: authors and keywords as stored (JSON lists). */
export interface PaperText {
  title: string;
  abstract: string;
  authors: string;
  ai_keywords: string;
}

/** The terms one sync touches, by batch index (first seen first): interned once, then worked on in flat arrays. */
export interface BatchTerms {
  index: Map<string, number>;
  texts: string[];
  /** Term id, or 0 while unknown (ids start at 1). */
  ids: number[];
  dfs: number[];
  listed: number[];
  dirty: number[];
  /** Postings changes of listed terms in this sync (0 = the paper no longer has the term). */
  changes: Array<Map<number, number> | undefined>;
}

export function createBatchTerms(): BatchTerms {
  return { index: new Map(), texts: [], ids: [], dfs: [], listed: [], dirty: [], changes: [] };
}

/** The term's batch index, adding it (unknown, df 0) when it is new to this batch. */
export function intern(batch: BatchTerms, term: string): number {
  let k = batch.index.get(term);
  if (k === undefined) {
    k = batch.texts.length;
    batch.index.set(term, k);
    batch.texts.push(term);
    batch.ids.push(0);
    batch.dfs.push(0);
    batch.listed.push(0);
    batch.dirty.push(0);
    batch.changes.push(undefined);
  }
  return k;
}

/** Each paper's terms as batch indices, column by column (`lengths`), interning them into `batch`. */
export function termsOfPapers(
  papers: ReadonlyArray<Pick<PaperText, 'title' | 'abstract' | 'authors' | 'ai_keywords'>>,
  batch: BatchTerms,
  tokenize: (texts: readonly string[]) => string[][],
): Array<{ terms: Int32Array; lengths: number[] }> {
  // ASCII tokens are interned before stemming: most repeat within a batch, and a repeat costs one lookup. Each
  // distinct token is stemmed once per sync, bypassing the tokenizer's stem cache, which the running bot keeps.
  const byToken = new Map<string, number>();
  const out: number[] = [];
  const push = (token: string) => {
    let k = byToken.get(token);
    if (k === undefined) {
      k = intern(batch, porterStem(token));
      byToken.set(token, k);
    }
    out.push(k);
  };
  return papers.map((p) => {
    const texts = [p.title, p.abstract, p.authors, p.ai_keywords];
    const lengths = [0, 0, 0, 0];
    if (texts.every(isAscii)) {
      texts.forEach((text, c) => {
        const before = out.length;
        forEachAsciiToken(text, push);
        lengths[c] = out.length - before;
      });
    } else {
      tokenize(texts).forEach((column, c) => {
        for (const term of column) out.push(intern(batch, term));
        lengths[c] = column.length;
      });
    }
    const terms = Int32Array.from(out);
    out.length = 0;
    return { terms, lengths };
  });
}

/**
 * Calls `visit(k, freq)` once for each distinct term (batch index) of a paper with its weighted frequency, as bm25()
 * counts a one-term phrase (instances per column times the column weight; every weight is positive). `freq` is
 * scratch indexed by batch index, all zeros, and left so.
 */
export function forEachTermFrequency(
  terms: Int32Array,
  lengths: readonly number[],
  freq: Float64Array,
  visit: (k: number, frequency: number) => void,
): void {
  const seen: number[] = [];
  let at = 0;
  lengths.forEach((columnLength, c) => {
    const weight = COLUMN_WEIGHTS[c] as number;
    for (const end = at + columnLength; at < end; at += 1) {
      const k = terms[at] as number;
      if (freq[k] === 0) seen.push(k);
      freq[k] = (freq[k] as number) + weight;
    }
  });
  for (const k of seen) {
    visit(k, freq[k] as number);
    freq[k] = 0;
  }
}
