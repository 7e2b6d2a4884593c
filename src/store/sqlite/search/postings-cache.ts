/**
 * Postings of query phrases, kept in memory across queries (least recently used first out, within a byte budget).
 * A common term's come from `search_postings`, reloaded when its segments change. Every other phrase's (a rare
 * term, a column-restricted or multi-word phrase) are computed once from FTS5 and the stored papers, then updated
 * from the papers each ingest changed.
 */
import type { Db } from '../db.ts';
import { decodeDoc, phraseFrequency, type ResolvedPhrase } from '../../search/doc.ts';
import { loadPostings, postingsFromFts, preparePostingStatements } from './index-postings.ts';
import { PostingsLru, mergePostings, postingsOf, type Postings } from '../../search/postings.ts';

/** What the cache needs to know about a phrase. */
export interface PhraseKey extends ResolvedPhrase {
  /** The FTS5 terms of the phrase, in order. */
  texts: readonly string[];
  /** True when the phrase is one common term over all columns: its postings are stored. */
  stored: boolean;
  /** The phrase as an FTS5 MATCH expression, to find its papers. */
  expression: string;
}

interface Entry {
  postings: Postings;
  /** Stored postings: their segments when loaded. Computed ones: null, with the phrase to update them. */
  signature: string | null;
  phrase: ResolvedPhrase | null;
  generation: number;
}

/** Creates the cache; `budget` is in bytes. */
export function createPostingsCache(db: Db, budget: number) {
  const statements = preparePostingStatements(db);
  const signature = db.sqlite.prepare("SELECT group_concat(seg || ':' || n) FROM search_postings WHERE term_id = ?").pluck();
  const matching = db.sqlite.prepare('SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?').pluck();
  const docs = db.sqlite.prepare('SELECT doc_id, terms FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))').raw();
  const entries = new PostingsLru<Entry>(budget);
  const scratch = { terms: new Int32Array(1024) };

  const keyOf = (p: PhraseKey) => (p.stored ? `t${p.ids[0]}` : `p${p.column ?? ''}|${p.ids.join(',')}`);

  const remember = (key: string, entry: Entry) => entries.remember(key, entry);

  /** Frequencies of `phrase` in the given papers (0 where absent or deleted). */
  function frequenciesIn(phrase: ResolvedPhrase, docIds: readonly number[]): Map<number, number> {
    const out = new Map<number, number>(docIds.map((d) => [d, 0]));
    for (let i = 0; i < docIds.length; i += 2_000) {
      for (const [doc, blob] of docs.iterate(JSON.stringify(docIds.slice(i, i + 2_000))) as Iterable<[number, Buffer]>)
        out.set(doc, phraseFrequency(decodeDoc(blob, scratch), phrase));
    }
    return out;
  }

  /**
   * A rare term's postings from FTS5's own occurrence list; anything else (a phrase, or a term in one column,
   * which may be common) from its matching papers' stored terms, so no query walks a common term's occurrences.
   */
  function compute(p: PhraseKey): Postings {
    if (p.texts.length === 1 && p.column === null) return postingsFromFts(statements, p.texts[0] as string, null);
    const freqs = frequenciesIn(p, matching.all(p.expression) as number[]);
    return mergePostings([postingsOf(freqs)], true);
  }

  return {
    /** The phrase's postings at index generation `generation`. */
    get(p: PhraseKey, generation: number): Postings {
      if (p.ids.length === 0) return { docs: new Int32Array(0), freqs: new Int32Array(0) };
      const key = keyOf(p);
      const cached = entries.get(key);
      if (p.stored) {
        // Segments only change with the generation; ask for them only when it moved.
        if (cached && cached.generation === generation) {
          remember(key, cached);
          return cached.postings;
        }
        const sig = (signature.get(p.ids[0]) as string | null) ?? '';
        if (cached && cached.signature === sig) {
          cached.generation = generation;
          remember(key, cached);
          return cached.postings;
        }
        const postings = loadPostings(statements, p.ids[0] as number);
        remember(key, { postings, signature: sig, phrase: null, generation });
        return postings;
      }
      if (cached) {
        remember(key, cached);
        return cached.postings;
      }
      const postings = compute(p);
      remember(key, { postings, signature: null, phrase: { ids: p.ids, column: p.column }, generation });
      return postings;
    },

    /** Brings computed postings up to date with papers changed since the last call (null: start over). */
    update(changed: readonly number[] | null): void {
      if (changed === null) {
        entries.dropWhere((entry) => entry.signature === null);
        return;
      }
      if (changed.length === 0) return;
      for (const [key, entry] of entries.list()) {
        if (!entry.phrase) continue;
        const freqs = frequenciesIn(entry.phrase, changed);
        remember(key, { ...entry, postings: mergePostings([entry.postings, postingsOf(freqs)], true) });
      }
    },
  };
}

/** The cache's interface. */
export type PostingsCache = ReturnType<typeof createPostingsCache>;
