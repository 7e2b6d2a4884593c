/**
 * Answers a search from the search index: resolves the query's phrases to postings (stored for common terms,
 * computed and cached for the rest), scores every match with FTS5's bm25() formula over typed arrays, and ranks the
 * finalists exactly with the ranking the core passes in. Returns null when it cannot answer the way FTS5 would
 * (index still catching up, a phrase FTS5 tokenizes to nothing); the caller then lets FTS5 score every match.
 */
import type { SearchRanking } from '../../../core/search-rank.ts';
import type { Db } from '../db.ts';
import { FTS_COLUMNS, matchTree, type MatchPhrase } from '../../search/match-tree.ts';
import { createFts5Tokenizer } from '../../search/fts5-tokenize.ts';
import { IDF_LOG_SQL, idfFloor } from '../../search/doc.ts';
import { createDocTable } from './doc-table.ts';
import { evaluateQuery } from '../../search/index-eval.ts';
import { evalFilters, orderFinalists, type IndexRankRequest, type IndexRankResult } from '../../search/rank.ts';
import { Scratch } from '../../search/scratch.ts';
import { createPostingsCache, type PhraseKey } from './postings-cache.ts';

/** Memory for cached postings: common terms' postings are 8 bytes a paper (a 1M-paper term is 8 MB). */
const POSTINGS_BUDGET_BYTES = 256 * 1024 * 1024;

/** An FTS5 MATCH expression for one phrase alone. */
function phraseExpression(phrase: MatchPhrase): string {
  const quoted = `"${phrase.text.replaceAll('"', '""')}"`;
  return phrase.column === null ? quoted : `${FTS_COLUMNS[phrase.column]} : ${quoted}`;
}

/** Creates the reader over the search index. */
export function createSearchIndexReader(db: Db, ranking: SearchRanking, options: { postingsBudget?: number } = {}) {
  const q = (sql: string) => db.sqlite.prepare(sql);
  const st = {
    meta: q('SELECT docs, tokens, complete, generation FROM search_meta WHERE id = 1'),
    terms: q('SELECT id, term, df, listed FROM search_terms WHERE term IN (SELECT value FROM json_each(?))'),
    idfLog: q(IDF_LOG_SQL).pluck(),
    ids: q('SELECT doc_id, paper_id FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))').raw(),
    docsOf: q('SELECT doc_id FROM search_docs WHERE paper_id IN (SELECT value FROM json_each(?))').pluck(),
    stale: q('SELECT EXISTS (SELECT 1 FROM search_stale)').pluck(),
  };
  const tokenize = createFts5Tokenizer(db.sqlite);
  const docTable = createDocTable(db, ranking);
  const cache = createPostingsCache(db, options.postingsBudget ?? POSTINGS_BUDGET_BYTES);
  const scratch = new Scratch();

  function resolve(phrases: readonly MatchPhrase[]): PhraseKey[] | null {
    const texts = phrases.map((p) => tokenize([p.text])[0] ?? []);
    // A phrase FTS5 tokenizes to nothing has FTS5-specific meaning; let FTS5 answer.
    if (texts.some((t) => t.length === 0)) return null;
    const rows = st.terms.all(JSON.stringify([...new Set(texts.flat())])) as Array<{
      id: number;
      term: string;
      df: number;
      listed: number;
    }>;
    const byText = new Map(rows.map((r) => [r.term, r]));
    return phrases.map((phrase, i) => {
      const tokens = texts[i] as string[];
      const known = tokens.map((t) => byText.get(t));
      const ids = known.every((t) => t !== undefined) ? Int32Array.from(known, (t) => t.id) : new Int32Array(0);
      return {
        ids,
        column: phrase.column,
        texts: tokens,
        stored: ids.length === 1 && phrase.column === null && known[0]?.listed === 1,
        expression: phraseExpression(phrase),
      };
    });
  }

  function rank(request: IndexRankRequest): IndexRankResult | null {
    const meta = st.meta.get() as { docs: number; tokens: number; complete: number; generation: number } | undefined;
    // Deleted papers still counted in the statistics would change every relevance.
    if (!meta?.complete || meta.docs === 0 || st.stale.get() === 1) return null;
    const parsed = matchTree(request.text);
    const excluded = request.exclude === null ? null : matchTree(request.exclude);
    const phrases = resolve(parsed.phrases);
    const exclusions = excluded ? resolve(excluded.phrases) : [];
    if (!phrases || !exclusions) return null;

    const { table, changed } = docTable.refresh();
    if (request.categories.length > 0 || request.orgs.length > 0) docTable.loadFilters(table);
    cache.update(changed);
    const postings = phrases.map((p) => cache.get(p, meta.generation));
    // FTS5's IDF, with SQLite's log() (V8's Math.log can differ from C's in the last bit).
    const idf = (hits: number) => idfFloor(st.idfLog.get(meta.docs, hits, hits) as number);
    const skip =
      request.skipIds && request.skipIds.size > 0 ? new Set(st.docsOf.all(JSON.stringify([...request.skipIds])) as number[]) : null;
    const { finalists, best } = evaluateQuery({
      root: parsed.root,
      phrases: postings.map((p) => ({ postings: p, idf: idf(p.docs.length) })),
      excluded: exclusions.map((p) => cache.get(p, meta.generation)),
      table,
      avgdl: meta.tokens / meta.docs,
      scratch,
      nowMs: request.now.getTime(),
      recency: ranking.recency,
      filters: evalFilters(request, table, skip),
      k: request.k,
    });

    // The finalists in the exact order the search service ranks them.
    const ids = new Map(st.ids.all(JSON.stringify(finalists.map((f) => f.doc))) as Array<[number, string]>);
    return orderFinalists({ finalists, best, ids, table, ranking, request });
  }

  return {
    rank,
    /** True once every paper is in the index (a database from before it is caught up in the background). */
    complete: () => Boolean((st.meta.get() as { complete: number } | undefined)?.complete),
  };
}

/** The reader's interface. */
export type SearchIndexReader = ReturnType<typeof createSearchIndexReader>;
