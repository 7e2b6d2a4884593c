/**
 * Baseline (b) of the search bench: the project's own ranking evaluated over every FTS5 match, no pruning. Plugged
 * into the real search service in place of the store's index, so tiers, paging and snippets are the same.
 */
import type { PaperIndex, PaperStore, TextSearchHit } from '../src/core/ports.ts';
import { SEARCH_RANKING } from '../src/core/search-rank.ts';
import type { Db } from '../src/store/index.ts';
import { rankExhaustively } from '../src/store/sqlite/search/exhaustive.ts';

/** The SQL for a paper's latest upvotes, from a table computed once from paper_signals (a subquery per match costs seconds at 1M). */
const LATEST_UPVOTES = '(SELECT l.upvotes FROM temp.bench_latest_upvotes l WHERE l.paper_id = p.id)';

/** A PaperIndex that scores every match with FTS5's bm25() and the shared prior. */
export function createExhaustiveIndex(db: Db, papers: Pick<PaperStore, 'get'>, snippet: PaperIndex['snippet']): PaperIndex {
  // The newest observation per paper, as PaperStore.get reports it (observed_at, then id, descending).
  db.sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS bench_latest_upvotes (paper_id TEXT PRIMARY KEY, upvotes INTEGER) WITHOUT ROWID;
    DELETE FROM temp.bench_latest_upvotes;
    INSERT INTO temp.bench_latest_upvotes SELECT paper_id, upvotes FROM (
      SELECT paper_id, upvotes, row_number() OVER (PARTITION BY paper_id ORDER BY observed_at DESC, id DESC) AS n FROM paper_signals
    ) WHERE n = 1`);
  return {
    async search(request) {
      const { ranked, best } = rankExhaustively(db, SEARCH_RANKING, request, LATEST_UPVOTES);
      const hits: TextSearchHit[] = [];
      for (const { id, relevance } of ranked) {
        const paper = await papers.get(id);
        if (paper) hits.push({ paper, relevance });
      }
      return { hits, best };
    },
    snippet,
  };
}
