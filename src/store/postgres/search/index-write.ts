/**
 * Keeps PostgreSQL's search tables in step with `papers`, inside the paper store's write transaction (its "papers
 * changed" hook): every changed paper's `tsvector` (search_text), and, with the search index on, the same index as
 * SQLite's (sqlite/search/index-write.ts): term ids, document frequencies, totals, stored postings of common terms
 * and a change log. Each step is one statement for the whole batch, whatever its size.
 */
import type pg from 'pg';
import type { SearchRanking } from '../../../core/search-rank.ts';
import { createBatchTerms, forEachTermFrequency, intern, termsOfPapers } from '../../search/batch-terms.ts';
import { decodeDoc, encodeDoc, phraseFrequency } from '../../search/doc.ts';
import { DEFAULT_SEARCH_INDEX_OPTIONS, LOG_GENERATIONS, type SearchIndexOptions } from '../../search/index-options.ts';
import { decodePostings, encodePostings, postingsOf, type Postings } from '../../search/postings.ts';
import { planAppend, segmentsToRead } from '../../search/segments.ts';
import { phraseQuery, tsvectorOf } from './tsquery.ts';

/** A paper as the index reads it; lists as SQLite stores them (JSON text), so both stores see the same terms. */
interface PaperRow {
  doc_id: number;
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  ai_keywords: string[];
  hf_submitted_at: string | null;
  published_at: string | null;
  submitted: string;
  upvotes: number | null;
}

const PAPERS = `SELECT p.doc_id, p.id, p.title, p.abstract, p.authors, p.ai_keywords, p.hf_submitted_at, p.published_at,
    coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at) AS submitted,
    (SELECT s.upvotes FROM paper_signals s WHERE s.paper_id = p.id ORDER BY s.observed_at DESC, s.id DESC LIMIT 1) AS upvotes
  FROM papers p WHERE p.doc_id = ANY($1::integer[])`;

/** Papers holding a term (any column), with their stored terms, to count it exactly. */
export const DOCS_MATCHING = `SELECT d.doc_id, d.terms FROM search_text s JOIN search_docs d ON d.doc_id = s.doc_id
  WHERE s.tsv @@ $1::tsquery`;

/** The writer's operations; each runs on the caller's client, inside its transaction. */
export interface PostgresIndexWriter {
  /** Re-indexes these papers (full-text vectors always; the search index when on). */
  sync(client: pg.ClientBase, docIds: readonly number[]): Promise<void>;
  /** Indexes up to `limit` papers not indexed yet; returns how many (0: complete, and marked so). */
  catchUp(client: pg.ClientBase, limit: number): Promise<number>;
  /** Empties the search index and marks it incomplete (search switched off); full-text vectors stay. */
  reset(client: pg.ClientBase): Promise<void>;
}

type TermRow = { id: number; term: string; df: number; listed: boolean };

/** Creates the writer; `useIndex` false keeps only the full-text vectors. */
export function createPostgresIndexWriter(options: {
  ranking: SearchRanking;
  tokenize: (texts: readonly string[]) => string[][];
  useIndex: boolean;
  sizes?: SearchIndexOptions;
}): PostgresIndexWriter {
  const { ranking, tokenize, useIndex } = options;
  const listMinDf = (options.sizes ?? DEFAULT_SEARCH_INDEX_OPTIONS).listMinDf;

  async function sync(client: pg.ClientBase, requested: readonly number[]): Promise<void> {
    const docIds = [...new Set(requested)];
    if (docIds.length === 0) return;
    const papers = (await client.query<PaperRow>(PAPERS, [docIds])).rows;
    const batch = createBatchTerms();
    const texts = papers.map((p) => ({
      title: p.title,
      abstract: p.abstract,
      authors: JSON.stringify(p.authors),
      ai_keywords: JSON.stringify(p.ai_keywords),
    }));
    const docs = termsOfPapers(texts, batch, tokenize);
    await client.query(
      `INSERT INTO search_text (doc_id, tsv) SELECT doc_id, tsv::tsvector FROM unnest($1::integer[], $2::text[]) AS u(doc_id, tsv)
       ON CONFLICT (doc_id) DO UPDATE SET tsv = excluded.tsv`,
      [
        papers.map((p) => p.doc_id),
        docs.map(({ terms, lengths }) =>
          tsvectorOf(
            Array.from(terms, (k) => batch.texts[k] as string),
            lengths,
          ),
        ),
      ],
    );
    if (useIndex) await syncIndex(client, docIds, papers, batch, docs);
  }

  async function syncIndex(
    client: pg.ClientBase,
    docIds: readonly number[],
    papers: readonly PaperRow[],
    batch: ReturnType<typeof createBatchTerms>,
    docs: ReturnType<typeof termsOfPapers>,
  ): Promise<void> {
    const created = ((await client.query('INSERT INTO search_meta (id) VALUES (1) ON CONFLICT DO NOTHING')).rowCount ?? 0) > 0;
    const meta = (
      await client.query<{ docs: number; tokens: number; generation: number }>(
        'SELECT docs, tokens, generation FROM search_meta WHERE id = 1',
      )
    ).rows[0] as { docs: number; tokens: number; generation: number };
    const { ids, dfs, listed, dirty, changes } = batch;
    const change = (k: number, docId: number, freq: number) => {
      dirty[k] = 1;
      if (listed[k] === 1) (changes[k] ??= new Map()).set(docId, freq);
    };
    const known = (rows: readonly TermRow[]) => {
      for (const row of rows) {
        const k = intern(batch, row.term);
        ids[k] = row.id;
        dfs[k] = row.df;
        listed[k] = row.listed ? 1 : 0;
      }
    };

    // Remove what the index holds for these papers.
    const old = (
      await client.query<{ doc_id: number; terms: Buffer; length: number }>(
        'SELECT doc_id, terms, length FROM search_docs WHERE doc_id = ANY($1::integer[])',
        [docIds],
      )
    ).rows;
    const oldTerms = old.map((row) => {
      const doc = decodeDoc(row.terms);
      return [...new Set(doc.terms.subarray(0, doc.starts[4]))];
    });
    const oldIds = [...new Set(oldTerms.flat())];
    // Terms of the new text not yet known by id are looked up by text, together with the old ones.
    const unknownTexts = batch.texts.filter((_, k) => ids[k] === 0);
    const termRows = (
      await client.query<TermRow>('SELECT id, term, df, listed FROM search_terms WHERE id = ANY($1::integer[]) OR term = ANY($2::text[])', [
        oldIds,
        unknownTexts,
      ])
    ).rows;
    known(termRows);
    const byId = new Map(ids.map((id, k) => [id, k]));
    old.forEach((row, i) => {
      for (const id of oldTerms[i] ?? []) {
        const k = byId.get(id) as number;
        dfs[k] = (dfs[k] as number) - 1;
        change(k, row.doc_id, 0);
      }
      meta.docs -= 1;
      meta.tokens -= row.length;
    });
    if (old.length > 0) await client.query('DELETE FROM search_docs WHERE doc_id = ANY($1::integer[])', [old.map((r) => r.doc_id)]);

    // Terms still unknown are new, numbered in order of first appearance.
    const n = batch.texts.length;
    const fresh = new Uint8Array(n);
    let nextId = ((await client.query<{ max: number }>('SELECT coalesce(max(id), 0) AS max FROM search_terms')).rows[0]?.max ?? 0) + 1;
    for (let k = 0; k < n; k += 1) {
      if (ids[k] !== 0) continue;
      ids[k] = nextId++;
      fresh[k] = 1;
    }

    // Add the papers, with each term's weighted frequency (as bm25() counts a one-term phrase).
    const rows = { docId: [] as number[], paperId: [] as string[], terms: [] as Buffer[], length: [] as number[], upvotes: [] as number[] };
    const dated: Array<number | null> = [];
    const submitted: string[] = [];
    const freq = new Float64Array(n);
    papers.forEach((paper, i) => {
      const { terms, lengths } = docs[i] as (typeof docs)[number];
      const length = terms.length;
      rows.docId.push(paper.doc_id);
      rows.paperId.push(paper.id);
      rows.terms.push(
        encodeDoc(
          Int32Array.from(terms, (k) => ids[k] as number),
          lengths,
        ),
      );
      rows.length.push(length);
      rows.upvotes.push(paper.upvotes ?? 0);
      dated.push(ranking.priorDate({ hfSubmittedAt: paper.hf_submitted_at, publishedAt: paper.published_at }));
      submitted.push(paper.submitted);
      meta.docs += 1;
      meta.tokens += length;
      forEachTermFrequency(terms, lengths, freq, (k, frequency) => {
        dfs[k] = (dfs[k] as number) + 1;
        change(k, paper.doc_id, frequency);
      });
    });
    await client.query(
      `INSERT INTO search_docs (doc_id, paper_id, terms, length, upvotes, dated_ms, submitted)
       SELECT * FROM unnest($1::integer[], $2::text[], $3::bytea[], $4::integer[], $5::integer[], $6::float8[], $7::text[])`,
      [rows.docId, rows.paperId, rows.terms, rows.length, rows.upvotes, dated, submitted],
    );

    // Stored postings: one new segment per changed common term, merged as segments.ts plans.
    const changedTerms: number[] = [];
    for (let k = 0; k < n; k += 1) if (changes[k] !== undefined) changedTerms.push(ids[k] as number);
    const stored = await segmentSizes(client, changedTerms);
    const toRead: number[] = [];
    for (let k = 0; k < n; k += 1) {
      const termChanges = changes[k];
      if (!termChanges) continue;
      const id = ids[k] as number;
      if (segmentsToRead(termChanges, stored.get(id) ?? []).length > 0) toRead.push(id);
    }
    const segments = await readSegments(client, toRead);
    const removed: Array<[number, number]> = [];
    const written: Array<[number, number, number, Buffer]> = [];
    for (let k = 0; k < n; k += 1) {
      const termChanges = changes[k];
      if (!termChanges) continue;
      const id = ids[k] as number;
      const plan = planAppend(termChanges, stored.get(id) ?? [], (seg) => {
        const postings = segments.get(`${id}:${seg}`);
        if (!postings) throw new Error(`search index: segment ${seg} of term ${id} was not read`);
        return postings;
      });
      for (const seg of plan.removed) removed.push([id, seg]);
      if (plan.written) written.push([id, plan.written.seg, plan.written.n, encodePostings(plan.written.postings)]);
    }
    // A term that just became common gets its postings from every paper holding it, this batch's included.
    for (let k = 0; k < n; k += 1) {
      if (listed[k] !== 0 || (dfs[k] as number) < listMinDf) continue;
      const postings = await termPostings(client, ids[k] as number, batch.texts[k] as string);
      written.push([ids[k] as number, 1, postings.docs.length, encodePostings(postings)]);
      listed[k] = 1;
      dirty[k] = 1;
    }
    if (removed.length > 0) {
      await client.query('DELETE FROM search_postings WHERE (term_id, seg) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))', [
        removed.map((r) => r[0]),
        removed.map((r) => r[1]),
      ]);
    }
    if (written.length > 0) {
      await client.query(
        'INSERT INTO search_postings (term_id, seg, n, postings) SELECT * FROM unnest($1::integer[], $2::integer[], $3::integer[], $4::bytea[])',
        [written.map((w) => w[0]), written.map((w) => w[1]), written.map((w) => w[2]), written.map((w) => w[3])],
      );
    }

    // Terms: new ones inserted, changed ones saved, one statement each.
    const added: TermRow[] = [];
    const saved: TermRow[] = [];
    for (let k = 0; k < n; k += 1) {
      const row = { id: ids[k] as number, term: batch.texts[k] as string, df: dfs[k] as number, listed: listed[k] === 1 };
      if (fresh[k] === 1) added.push(row);
      else if (dirty[k] === 1) saved.push(row);
    }
    if (added.length > 0) {
      await client.query(
        'INSERT INTO search_terms (id, term, df, listed) SELECT * FROM unnest($1::integer[], $2::text[], $3::integer[], $4::boolean[])',
        [added.map((t) => t.id), added.map((t) => t.term), added.map((t) => t.df), added.map((t) => t.listed)],
      );
    }
    if (saved.length > 0) {
      await client.query(
        `UPDATE search_terms AS t SET df = u.df, listed = u.listed
         FROM unnest($1::integer[], $2::integer[], $3::boolean[]) AS u(id, df, listed) WHERE t.id = u.id`,
        [saved.map((t) => t.id), saved.map((t) => t.df), saved.map((t) => t.listed)],
      );
    }
    meta.generation += 1;
    await client.query('UPDATE search_meta SET docs = $1, tokens = $2, generation = $3 WHERE id = 1', [
      meta.docs,
      meta.tokens,
      meta.generation,
    ]);
    await client.query('INSERT INTO search_log (generation, doc_id) SELECT $1, unnest($2::integer[]) ON CONFLICT DO NOTHING', [
      meta.generation,
      docIds,
    ]);
    if (meta.generation % 100 === 0)
      await client.query('DELETE FROM search_log WHERE generation < $1', [meta.generation - LOG_GENERATIONS]);
    if (created) {
      await client.query(
        `UPDATE search_meta SET complete = NOT EXISTS
           (SELECT 1 FROM papers p WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.doc_id = p.doc_id)) WHERE id = 1`,
      );
    }
  }

  /** A term's postings from the papers holding it: weighted frequency in each, from their stored terms. */
  async function termPostings(client: pg.ClientBase, termId: number, term: string): Promise<Postings> {
    const phrase = { ids: Int32Array.of(termId), column: null };
    const freqs = new Map<number, number>();
    const { rows } = await client.query<{ doc_id: number; terms: Buffer }>(DOCS_MATCHING, [phraseQuery([term], null, 'all')]);
    for (const row of rows) {
      const freq = phraseFrequency(decodeDoc(row.terms), phrase);
      if (freq > 0) freqs.set(row.doc_id, freq);
    }
    return postingsOf(freqs);
  }

  return {
    sync,
    async catchUp(client, limit) {
      const table = useIndex ? 'search_docs' : 'search_text';
      const missing = (
        await client.query<{ doc_id: number }>(
          `SELECT doc_id FROM papers p WHERE NOT EXISTS (SELECT 1 FROM ${table} d WHERE d.doc_id = p.doc_id) ORDER BY doc_id LIMIT $1`,
          [limit],
        )
      ).rows.map((r) => r.doc_id);
      if (missing.length > 0) await sync(client, missing);
      // Nothing missing: complete. An empty database keeps no meta row (it would look like one holding data).
      else if (useIndex) await client.query('UPDATE search_meta SET complete = true WHERE id = 1');
      return missing.length;
    },
    async reset(client) {
      for (const statement of [
        'DELETE FROM search_docs',
        'DELETE FROM search_terms',
        'DELETE FROM search_postings',
        'DELETE FROM search_log',
        'UPDATE search_meta SET docs = 0, tokens = 0, generation = generation + 1, complete = false',
      ])
        await client.query(statement);
    },
  };
}

/** Segment numbers and sizes of these terms' stored postings, oldest first. */
async function segmentSizes(client: pg.ClientBase, termIds: readonly number[]): Promise<Map<number, Array<[number, number]>>> {
  const out = new Map<number, Array<[number, number]>>();
  if (termIds.length === 0) return out;
  const { rows } = await client.query<{ term_id: number; seg: number; n: number }>(
    'SELECT term_id, seg, n FROM search_postings WHERE term_id = ANY($1::integer[]) ORDER BY term_id, seg',
    [termIds],
  );
  for (const row of rows) {
    let list = out.get(row.term_id);
    if (!list) out.set(row.term_id, (list = []));
    list.push([row.seg, row.n]);
  }
  return out;
}

/** Every stored segment of these terms, by `term:seg`. */
async function readSegments(client: pg.ClientBase, termIds: readonly number[]): Promise<Map<string, Postings>> {
  const out = new Map<string, Postings>();
  if (termIds.length === 0) return out;
  const { rows } = await client.query<{ term_id: number; seg: number; postings: Buffer }>(
    'SELECT term_id, seg, postings FROM search_postings WHERE term_id = ANY($1::integer[])',
    [termIds],
  );
  for (const row of rows) out.set(`${row.term_id}:${row.seg}`, decodePostings(row.postings));
  return out;
}
