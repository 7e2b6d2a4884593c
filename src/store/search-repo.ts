/** Full-text search over papers with FTS5 BM25, filters applied in SQL; the core re-ranks what this returns. */
import { PaperboyError, describeError } from '../core/errors.ts';
import type { PaperIndex, PaperStore, TextSearchHit, TextSearchRequest } from '../core/ports.ts';
import { BM25_WEIGHTS } from '../core/ranking-constants.ts';
import type { Db } from './db.ts';

/** Abstract excerpt length in tokens: about two lines of a chat message. */
const SNIPPET_TOKENS = 28;

const BM25 = `bm25(papers_fts, ${BM25_WEIGHTS.title}, ${BM25_WEIGHTS.abstract}, ${BM25_WEIGHTS.authors}, ${BM25_WEIGHTS.aiKeywords})`;
// The same expression as papers_submitted_idx, so since: filters use the index.
const SUBMITTED = 'coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at)';

interface Row {
  id: string;
  relevance: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Builds the WHERE clauses and parameters shared by the text and filter-only queries. */
function filters(request: TextSearchRequest): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (request.exclude) {
    where.push('p.doc_id NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)');
    params.push(request.exclude);
  }
  if (request.since) {
    where.push(`${SUBMITTED} >= ?`);
    params.push(request.since.toISOString());
  }
  const categories = request.categories ?? [];
  if (categories.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM json_each(p.categories) c WHERE lower(c.value) IN (${categories.map(() => '?').join(', ')}))`);
    params.push(...categories.map((c) => c.toLowerCase()));
  }
  for (const org of request.orgs ?? []) {
    where.push("lower(coalesce(p.organization, '')) LIKE ? ESCAPE '\\'");
    params.push(likePattern(org));
  }
  return { where, params };
}

/** A PaperIndex over the SQLite FTS5 table; `papers` resolves the matched ids to stored papers. */
export function createSqlitePaperIndex(db: Db, papers: Pick<PaperStore, 'get'>): PaperIndex {
  const snippetStatement = db.sqlite.prepare(
    `SELECT snippet(papers_fts, 1, '**', '**', '…', ${SNIPPET_TOKENS}) AS text FROM papers_fts
     WHERE papers_fts MATCH ? AND rowid = (SELECT doc_id FROM papers WHERE id = ?)`,
  );
  return {
    async search(request) {
      const { where, params } = filters(request);
      let sql: string;
      let bound: unknown[];
      if (request.match) {
        sql = `SELECT p.id AS id, -${BM25} AS relevance
          FROM papers_fts JOIN papers p ON p.doc_id = papers_fts.rowid
          WHERE papers_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
          ORDER BY relevance DESC, p.id LIMIT ?`;
        bound = [request.match, ...params, request.limit];
      } else {
        sql = `SELECT p.id AS id, 0 AS relevance FROM papers p
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${SUBMITTED} DESC, p.id LIMIT ?`;
        bound = [...params, request.limit];
      }
      let rows: Row[];
      try {
        rows = db.sqlite.prepare(sql).all(...bound) as Row[];
      } catch (error) {
        // The core only sends compiled, quoted expressions; a failure here is a bug, never the user's fault.
        throw new PaperboyError('store', `Search failed: ${describeError(error)}`, { cause: error });
      }
      const hits: TextSearchHit[] = [];
      for (const row of rows) {
        const paper = await papers.get(row.id);
        if (paper) hits.push({ paper, relevance: row.relevance });
      }
      return hits;
    },

    async snippet(paperId, match) {
      // Only for the few hits shown: snippet() over every match of a common term would dominate the query.
      const row = snippetStatement.get(match, paperId) as { text: string } | undefined;
      return row?.text ?? '';
    },
  };
}
