/**
 * Full-text search over papers: the exact top of the core's search ranking, answered by the search index beside
 * FTS5 (index-*.ts), or by FTS5 scoring every match when the index is off or cannot answer.
 */
import { PaperboyError, describeError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { PaperIndex, PaperStore, TextSearchRequest } from '../../../core/ports.ts';
import type { SearchRanking } from '../../../core/search-rank.ts';
import type { Db } from '../db.ts';
import { fts5Expression } from './fts5-expression.ts';
import { ABSTRACT_COLUMN, ABSTRACT_SNIPPET, fts5Snippet } from '../../search/fts5-snippet.ts';
import { rankExhaustively, type RankedId } from './exhaustive.ts';
import { hitsOf, indexRequest } from '../../search/rank.ts';
import type { SearchIndexReader } from './index-read.ts';
import type { SearchIndexWriter } from './index-write.ts';

const SNIPPET = ABSTRACT_SNIPPET;

/** What the paper index is built from; `index` is null when the search index is off. */
export interface PaperIndexDeps {
  db: Db;
  papers: Pick<PaperStore, 'getMany'>;
  ranking: SearchRanking;
  index: { reader: SearchIndexReader; writer: SearchIndexWriter } | null;
  /** Starts indexing the papers the index does not have yet, in the background (once at a time). */
  catchUp: () => void;
  log: Logger;
}

/** A PaperIndex over SQLite; `papers` resolves the ranked ids to stored papers. */
export function createSqlitePaperIndex(deps: PaperIndexDeps): PaperIndex {
  const { db, ranking, index, log } = deps;
  const hasStale = db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM search_stale)').pluck();
  const snippetStatement = db.sqlite.prepare(
    `SELECT snippet(papers_fts, ${ABSTRACT_COLUMN}, '${SNIPPET.open}', '${SNIPPET.close}', '${SNIPPET.ellipsis}', ${SNIPPET.tokens}) AS text FROM papers_fts
     WHERE papers_fts MATCH ? AND rowid = (SELECT doc_id FROM papers WHERE id = ?)`,
  );
  // papers_fts's columns as its external content holds them (migrations/0001_fts.sql).
  const snippetColumns = db.sqlite
    .prepare(`SELECT title, abstract, coalesce(authors, ''), coalesce(ai_keywords, '') FROM papers WHERE id = ?`)
    .raw();
  function rank(request: TextSearchRequest): { ranked: RankedId[]; best: number } {
    if (request.text !== null && index) {
      // Papers deleted since the last ingest leave the index first, so they cannot be ranked.
      if (hasStale.get()) db.sqlite.transaction(() => index.writer.sync([])).immediate();
      const result = index.reader.rank(indexRequest({ ...request, text: request.text }));
      if (result) return { ranked: result.hits.map((h) => ({ id: h.paperId, relevance: h.relevance })), best: result.best };
      log.debug({}, 'the search index cannot answer this query; FTS5 scores every match');
      if (!index.reader.complete()) deps.catchUp();
    }
    return rankExhaustively(db, ranking, request);
  }

  return {
    async search(request) {
      let ranked: { ranked: RankedId[]; best: number };
      try {
        ranked = rank(request);
      } catch (error) {
        // The core only sends typed queries whose text is quoted here; a failure is a bug, never the user's fault.
        throw new PaperboyError('store', `Search failed: ${describeError(error)}`, { cause: error });
      }
      return hitsOf(deps.papers, ranked);
    },

    async snippet(paperId, text) {
      // Only for the few hits shown. FTS5's own snippet() seeks every phrase's doclist to the row (~0.1 ms a hit);
      // the same excerpt computed from the row's text costs a primary-key read. FTS5 answers what that cannot.
      const columns = snippetColumns.get(paperId) as string[] | undefined;
      // FTS5 reads `rowid = NULL` as no rowid constraint at all: an unknown paper would get another paper's excerpt.
      if (!columns) return '';
      const local = fts5Snippet(columns, text, ABSTRACT_COLUMN, SNIPPET);
      if (local !== null) return local;
      const row = snippetStatement.get(fts5Expression(text), paperId) as { text: string } | undefined;
      return row?.text ?? '';
    },
  };
}
