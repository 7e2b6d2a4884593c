/**
 * Baseline (b) of the search bench: the project's own ranking evaluated over every FTS5 match, no pruning. Plugged
 * into the real search service in place of the store's index, so tiers, paging and snippets are the same.
 */
import type { PaperIndex, PaperStore, TextSearchHit } from '../src/core/ports.ts';
import type { Db } from '../src/store/index.ts';
import { rankExhaustively } from '../src/store/search-exhaustive.ts';

/** A PaperIndex that scores every match with FTS5's bm25() and the shared prior. */
export function createExhaustiveIndex(db: Db, papers: Pick<PaperStore, 'get'>, snippet: PaperIndex['snippet']): PaperIndex {
  return {
    async search(request) {
      const { ranked, best } = rankExhaustively(db, request);
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
