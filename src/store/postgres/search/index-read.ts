/**
 * Answers a search from PostgreSQL's copy of the search index, exactly as SQLite's reader does
 * (sqlite/search/index-read.ts): the query's phrases resolve to postings (stored for common terms, found through
 * the full-text index and counted for the rest), every match is scored with FTS5's bm25() over typed arrays, and
 * the finalists are ranked with the core's ranking. Every read of one search runs in one REPEATABLE READ
 * snapshot, so a write committing meanwhile cannot mix two states of the index. Returns null while the index
 * is incomplete; the caller then ranks with ts_rank.
 */
import type pg from 'pg';
import type { SearchRanking } from '../../../core/search-rank.ts';
import { idfFloor } from '../../search/doc.ts';
import { evaluateQuery } from '../../search/index-eval.ts';
import { matchTree, type MatchPhrase } from '../../search/match-tree.ts';
import { evalFilters, orderFinalists, type IndexRankRequest, type IndexRankResult } from '../../search/rank.ts';
import { Scratch } from '../../search/scratch.ts';
import { createPostgresDocTable } from './doc-table.ts';
import { createPostgresPostingsCache, type PhraseKey } from './postings-cache.ts';
import { phraseQuery } from './tsquery.ts';

/** Memory for cached postings, as on SQLite: common terms' postings are 8 bytes a paper. */
const POSTINGS_BUDGET_BYTES = 256 * 1024 * 1024;

interface Meta {
  docs: number;
  tokens: number;
  complete: boolean;
  generation: number;
}

/** Creates the reader; `tokenize` is FTS5's tokenizer, so query words are the index's terms. */
export function createPostgresIndexReader(ranking: SearchRanking, tokenize: (texts: readonly string[]) => string[][]) {
  const docTable = createPostgresDocTable(ranking);
  const cache = createPostgresPostingsCache(POSTINGS_BUDGET_BYTES);
  const scratch = new Scratch();

  async function resolve(client: pg.ClientBase, phrases: readonly MatchPhrase[]): Promise<PhraseKey[]> {
    const texts = phrases.map((p) => tokenize([p.text])[0] ?? []);
    const { rows } = await client.query<{ id: number; term: string; listed: boolean }>(
      'SELECT id, term, listed FROM search_terms WHERE term = ANY($1::text[])',
      [[...new Set(texts.flat())]],
    );
    const byText = new Map(rows.map((r) => [r.term, r]));
    return phrases.map((phrase, i) => {
      const tokens = texts[i] as string[];
      const known = tokens.map((t) => byText.get(t));
      // A phrase with no terms, or a term no paper has, matches nothing: no ids, no postings.
      const ids = tokens.length > 0 && known.every((t) => t !== undefined) ? Int32Array.from(known, (t) => t.id) : new Int32Array(0);
      return {
        ids,
        column: phrase.column,
        stored: ids.length === 1 && phrase.column === null && known[0]?.listed === true,
        tsquery: phraseQuery(tokens, phrase.column, 'all') ?? '',
      };
    });
  }

  async function rank(client: pg.ClientBase, request: IndexRankRequest): Promise<IndexRankResult | null> {
    const meta = (await client.query<Meta>('SELECT docs, tokens, complete, generation FROM search_meta WHERE id = 1')).rows[0];
    if (!meta?.complete || meta.docs === 0) return null;
    const parsed = matchTree(request.text);
    const excluded = request.exclude === null ? null : matchTree(request.exclude);
    const phrases = await resolve(client, parsed.phrases);
    const exclusions = excluded ? await resolve(client, excluded.phrases) : [];

    const { table, changed } = await docTable.refresh(client, meta.generation);
    if (request.categories.length > 0 || request.orgs.length > 0) await docTable.loadFilters(client, table);
    await cache.update(client, changed);
    const postings = [];
    for (const p of phrases) postings.push(await cache.get(client, p, meta.generation));
    const excludedPostings = [];
    for (const p of exclusions) excludedPostings.push(await cache.get(client, p, meta.generation));
    // FTS5's IDF with C's log(), as SQLite computes it (V8's Math.log can differ in the last bit).
    const { rows: logs } = await client.query<{ l: number }>(
      'SELECT ln(($1::float8 - h + 0.5) / (h + 0.5)) AS l FROM unnest($2::float8[]) WITH ORDINALITY AS u(h, n) ORDER BY n',
      [meta.docs, postings.map((p) => p.docs.length)],
    );
    const skip =
      request.skipIds && request.skipIds.size > 0
        ? new Set(
            (
              await client.query<{ doc_id: number }>('SELECT doc_id FROM search_docs WHERE paper_id = ANY($1::text[])', [
                [...request.skipIds],
              ])
            ).rows.map((r) => r.doc_id),
          )
        : null;
    const { finalists, best } = evaluateQuery({
      root: parsed.root,
      phrases: postings.map((p, i) => ({ postings: p, idf: idfFloor(logs[i]?.l as number) })),
      excluded: excludedPostings,
      table,
      avgdl: meta.tokens / meta.docs,
      scratch,
      nowMs: request.now.getTime(),
      recency: ranking.recency,
      filters: evalFilters(request, table, skip),
      k: request.k,
    });
    const { rows } = await client.query<{ doc_id: number; paper_id: string }>(
      'SELECT doc_id, paper_id FROM search_docs WHERE doc_id = ANY($1::integer[])',
      [finalists.map((f) => f.doc)],
    );
    const ids = new Map(rows.map((r) => [r.doc_id, r.paper_id]));
    return orderFinalists({ finalists, best, ids, table, ranking, request });
  }

  return { rank };
}

/** The reader's interface. */
export type PostgresIndexReader = ReturnType<typeof createPostgresIndexReader>;
