/** Sizes of the search index (migrations/0003_search_index.sql), with the measurements behind them. */

/** How the search index trades disk and ingest work for query speed. */
export interface SearchIndexOptions {
  /**
   * A term gets stored postings once this many papers contain it. A rarer term's postings are read from FTS5 when
   * a query needs them (under a millisecond at this size); a common term's would take FTS5 tens of milliseconds.
   */
  listMinDf: number;
}

/** The sizes used in production; tests pass small ones to exercise stored postings on a few papers. */
export const DEFAULT_SEARCH_INDEX_OPTIONS: SearchIndexOptions = { listMinDf: 1_000 };

/**
 * A new postings segment is merged into the one before it while that one is at most this many times larger
 * (a binary counter): a term keeps O(log n) segments and each posting is rewritten O(log n) times.
 */
export const MERGE_RATIO = 2;

/** Change-log generations kept for readers to catch up from; a reader further behind reloads everything. */
export const LOG_GENERATIONS = 1_000;
