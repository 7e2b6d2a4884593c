-- The search index beside papers_fts (src/store/search-index-*.ts; issue 7). FTS5's bm25() scores every match of a
-- query through a B-tree lookup per row: tens of milliseconds per common term at 100k papers. These tables hold
-- what search needs to compute the same bm25() itself from compact arrays: each paper's FTS5 terms, document
-- frequencies, and the postings (paper, weighted term frequency) of every common term.
-- Hand-written like 0001_fts.sql: drizzle has no WITHOUT ROWID tables. Filled by the store's ingest path.
CREATE TABLE `search_terms` (
  `id` integer PRIMARY KEY NOT NULL,
  `term` text NOT NULL,
  `df` integer DEFAULT 0 NOT NULL,
  `listed` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_terms_term_uq` ON `search_terms` (`term`);
--> statement-breakpoint
-- One row per indexed paper: its term ids by column (varints) and what the prior and filters need.
CREATE TABLE `search_docs` (
  `doc_id` integer PRIMARY KEY NOT NULL,
  `paper_id` text NOT NULL,
  `terms` blob NOT NULL,
  `length` integer NOT NULL,
  `upvotes` integer NOT NULL,
  `dated_ms` real,
  `submitted` text NOT NULL
);
--> statement-breakpoint
-- Postings of common (listed) terms in segments, newest last; see src/store/search-postings.ts.
CREATE TABLE `search_postings` (
  `term_id` integer NOT NULL,
  `seg` integer NOT NULL,
  `n` integer NOT NULL,
  `postings` blob NOT NULL,
  PRIMARY KEY (`term_id`, `seg`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Totals for bm25 (papers, tokens); a counter bumped by every change, so readers know their caches are stale;
-- `complete` = every paper is indexed. Its one row is written by the first ingest (a row here would make an
-- empty database look like it held data).
CREATE TABLE `search_meta` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `docs` integer DEFAULT 0 NOT NULL,
  `tokens` integer DEFAULT 0 NOT NULL,
  `generation` integer DEFAULT 0 NOT NULL,
  `complete` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Which papers each generation changed, so readers refresh only those.
CREATE TABLE `search_log` (
  `generation` integer NOT NULL,
  `doc_id` integer NOT NULL,
  PRIMARY KEY (`generation`, `doc_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Papers deleted since the index last caught up; the store removes them from the index before its next use.
CREATE TABLE `search_stale` (`doc_id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `papers_search_ad` AFTER DELETE ON `papers` BEGIN
  INSERT OR IGNORE INTO search_stale(doc_id) VALUES (old.doc_id);
END;
--> statement-breakpoint
-- New papers are indexed in one statement per ingest batch by the store (papers-repo.ts), not per row by a
-- trigger: a trigger's statement savepoint makes FTS5 flush its pending terms to disk for every paper, which
-- doubled the cost of ingest.
DROP TRIGGER `papers_fts_ai`;
