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
 * Postings segments are tiered: once a term has this many segments of one size class (a class spans a factor of
 * MERGE_FANOUT in postings), they merge into one of the next class. Each posting is rewritten once per class,
 * log_8(n / batch) times (about 3 at 1M papers; a binary counter rewrote it 10 times and dominated ingest there),
 * and a term keeps at most 7 segments per class, which a query merges in memory once per ingest.
 */
export const MERGE_FANOUT = 8;

/** Postings in the smallest size class: a rare term's share of a small batch. */
export const SEGMENT_BASE = 64;

/** Change-log generations kept for readers to catch up from; a reader further behind reloads everything. */
export const LOG_GENERATIONS = 1_000;
