/**
 * Full-text search over PostgreSQL: the exact top of the core's search ranking from the search index (bm25 as on
 * SQLite), or ts_rank while the index is incomplete or switched off; excerpts computed from the paper's text as
 * SQLite's are, with FTS5 itself (in memory) for what that cannot do.
 */
import { PaperboyError, describeError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { PaperIndex, PaperStore, TextSearchRequest } from '../../../core/ports.ts';
import type { SearchRanking } from '../../../core/search-rank.ts';
import { ABSTRACT_COLUMN, ABSTRACT_SNIPPET, fts5Snippet } from '../../search/fts5-snippet.ts';
import type { ScratchFts5 } from '../../sqlite/search/index.ts';
import type { PgDb } from '../db.ts';
import { rankByTsRank, type RankedId } from './baseline.ts';
import { hitsOf, indexRequest } from '../../search/rank.ts';
import type { PostgresIndexReader } from './index-read.ts';

/** What the paper index is built from; `reader` is null when the search index is off. */
export interface PostgresPaperIndexDeps {
  db: PgDb;
  papers: Pick<PaperStore, 'getMany'>;
  ranking: SearchRanking;
  reader: PostgresIndexReader | null;
  fts5: ScratchFts5;
  /** Starts indexing the papers the index does not have yet, in the background (once at a time). */
  catchUp: () => void;
  log: Logger;
}

/** A PaperIndex over PostgreSQL; `papers` resolves the ranked ids to stored papers. */
export function createPostgresPaperIndex(deps: PostgresPaperIndexDeps): PaperIndex {
  const { db, ranking, reader, fts5, log } = deps;
  // The reader's caches are per process; one search at a time reads and refreshes them.
  let queue: Promise<unknown> = Promise.resolve();

  async function rank(request: TextSearchRequest): Promise<{ ranked: RankedId[]; best: number }> {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        if (request.text !== null && reader) {
          const result = await reader.rank(client, indexRequest({ ...request, text: request.text }));
          if (result) return { ranked: result.hits.map((h) => ({ id: h.paperId, relevance: h.relevance })), best: result.best };
          log.debug({}, 'the search index is incomplete; ts_rank ranks this search');
          deps.catchUp();
        }
        return await rankByTsRank(client, ranking, request, fts5.tokenize);
      } finally {
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
  }

  return {
    async search(request) {
      let ranked: { ranked: RankedId[]; best: number };
      try {
        const run = queue.then(() => rank(request));
        queue = run.catch(() => undefined);
        ranked = await run;
      } catch (error) {
        // The core only sends typed queries whose words are quoted lexemes here; a failure is never the user's fault.
        throw new PaperboyError('store', `Search failed: ${describeError(error)}`, { cause: error });
      }
      return hitsOf(deps.papers, ranked);
    },

    async snippet(paperId, text) {
      const { rows } = await db.pool.query<{ title: string; abstract: string; authors: string[]; ai_keywords: string[] }>(
        'SELECT title, abstract, authors, ai_keywords FROM papers WHERE id = $1',
        [paperId],
      );
      const row = rows[0];
      if (!row) return '';
      // papers_fts's columns as SQLite holds them: lists as JSON text.
      const columns = [row.title, row.abstract, JSON.stringify(row.authors), JSON.stringify(row.ai_keywords)];
      return fts5Snippet(columns, text, ABSTRACT_COLUMN, ABSTRACT_SNIPPET) ?? fts5.snippet(columns, text);
    },
  };
}
