/**
 * Postings of query phrases kept in memory across queries (least recently used first out, within a byte budget), as
 * on SQLite (sqlite/search/postings-cache.ts): a common term's from `search_postings`, reloaded when its segments
 * change; any other phrase's computed once from the papers PostgreSQL's full-text index finds for it, counted
 * exactly from their stored terms, then updated from the papers each write changed.
 */
import type pg from 'pg';
import { decodeDoc, phraseFrequency, type ResolvedPhrase } from '../../search/doc.ts';
import { PostingsLru, decodePostings, mergePostings, postingsOf, type Postings } from '../../search/postings.ts';
import { DOCS_MATCHING } from './index-write.ts';

/** What the cache needs to know about a phrase. */
export interface PhraseKey extends ResolvedPhrase {
  /** True when the phrase is one common term over all columns: its postings are stored. */
  stored: boolean;
  /** A tsquery every paper holding the phrase matches (its words, in its column). */
  tsquery: string;
}

interface Entry {
  postings: Postings;
  /** Stored postings: their segments when loaded. Computed ones: null, with the phrase to update them. */
  signature: string | null;
  phrase: ResolvedPhrase | null;
  generation: number;
}

const EMPTY: Postings = { docs: new Int32Array(0), freqs: new Int32Array(0) };

/** Creates the cache; `budget` is in bytes. */
export function createPostgresPostingsCache(budget: number) {
  const entries = new PostingsLru<Entry>(budget);
  const scratch = { terms: new Int32Array(1024) };

  const keyOf = (p: PhraseKey) => (p.stored ? `t${p.ids[0]}` : `p${p.column ?? ''}|${p.ids.join(',')}`);

  const remember = (key: string, entry: Entry) => entries.remember(key, entry);

  /** The phrase's frequency in each of these rows (doc id, stored terms); 0 where it does not occur. */
  function frequencies(phrase: ResolvedPhrase, rows: ReadonlyArray<{ doc_id: number; terms: Buffer }>, out = new Map<number, number>()) {
    for (const row of rows) out.set(row.doc_id, phraseFrequency(decodeDoc(row.terms, scratch), phrase));
    return out;
  }

  return {
    /** The phrase's postings at index generation `generation`. */
    async get(client: pg.ClientBase, p: PhraseKey, generation: number): Promise<Postings> {
      if (p.ids.length === 0) return EMPTY;
      const key = keyOf(p);
      const cached = entries.get(key);
      if (p.stored) {
        // Segments only change with the generation; ask for them only when it moved.
        if (cached && cached.generation === generation) {
          remember(key, cached);
          return cached.postings;
        }
        const { rows } = await client.query<{ sig: string | null }>(
          "SELECT string_agg(seg || ':' || n, ',' ORDER BY seg) AS sig FROM search_postings WHERE term_id = $1",
          [p.ids[0]],
        );
        const sig = rows[0]?.sig ?? '';
        if (cached && cached.signature === sig) {
          cached.generation = generation;
          remember(key, cached);
          return cached.postings;
        }
        const segments = await client.query<{ postings: Buffer }>('SELECT postings FROM search_postings WHERE term_id = $1 ORDER BY seg', [
          p.ids[0],
        ]);
        const postings = mergePostings(
          segments.rows.map((r) => decodePostings(r.postings)),
          true,
        );
        remember(key, { postings, signature: sig, phrase: null, generation });
        return postings;
      }
      if (cached) {
        remember(key, cached);
        return cached.postings;
      }
      const { rows } = await client.query<{ doc_id: number; terms: Buffer }>(DOCS_MATCHING, [p.tsquery]);
      const postings = mergePostings([postingsOf(frequencies(p, rows))], true);
      remember(key, { postings, signature: null, phrase: { ids: p.ids, column: p.column }, generation });
      return postings;
    },

    /** Brings computed postings up to date with papers changed since the last call (null: start over). */
    async update(client: pg.ClientBase, changed: readonly number[] | null): Promise<void> {
      if (changed === null) {
        entries.dropWhere((entry) => entry.signature === null);
        return;
      }
      const computed = entries.list().filter(([, entry]) => entry.phrase !== null);
      if (changed.length === 0 || computed.length === 0) return;
      const { rows } = await client.query<{ doc_id: number; terms: Buffer }>(
        'SELECT doc_id, terms FROM search_docs WHERE doc_id = ANY($1::integer[])',
        [changed],
      );
      for (const [key, entry] of computed) {
        // Changed papers no longer indexed count as 0: their entries drop out.
        const freqs = frequencies(entry.phrase as ResolvedPhrase, rows, new Map(changed.map((d) => [d, 0])));
        remember(key, { ...entry, postings: mergePostings([entry.postings, postingsOf(freqs)], true) });
      }
    },
  };
}

/** The cache's interface. */
export type PostgresPostingsCache = ReturnType<typeof createPostgresPostingsCache>;
