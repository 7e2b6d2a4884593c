-- Full-text index over papers (DESIGN §2). drizzle has no virtual tables, so this migration is hand-written.
-- External content: the text lives only in `papers`; `doc_id` (an INTEGER PRIMARY KEY, so stable across VACUUM)
-- is the FTS rowid. A breakpoint separates every statement because better-sqlite3 prepares one at a time.
CREATE VIRTUAL TABLE `papers_fts` USING fts5(
  title,
  abstract,
  authors,
  ai_keywords,
  content='papers',
  content_rowid='doc_id',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `papers_fts_ai` AFTER INSERT ON `papers` BEGIN
  INSERT INTO papers_fts(rowid, title, abstract, authors, ai_keywords)
  VALUES (new.doc_id, new.title, new.abstract, new.authors, new.ai_keywords);
END;
--> statement-breakpoint
CREATE TRIGGER `papers_fts_ad` AFTER DELETE ON `papers` BEGIN
  INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, ai_keywords)
  VALUES ('delete', old.doc_id, old.title, old.abstract, old.authors, old.ai_keywords);
END;
--> statement-breakpoint
-- `UPDATE OF` fires whenever a listed column is in the SET clause, even with an unchanged value; the WHEN clause
-- keeps full-row upserts that only touch signals, links or dates from rewriting the index.
CREATE TRIGGER `papers_fts_au` AFTER UPDATE OF title, abstract, authors, ai_keywords ON `papers`
WHEN old.title IS NOT new.title
  OR old.abstract IS NOT new.abstract
  OR old.authors IS NOT new.authors
  OR old.ai_keywords IS NOT new.ai_keywords
BEGIN
  INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, ai_keywords)
  VALUES ('delete', old.doc_id, old.title, old.abstract, old.authors, old.ai_keywords);
  INSERT INTO papers_fts(rowid, title, abstract, authors, ai_keywords)
  VALUES (new.doc_id, new.title, new.abstract, new.authors, new.ai_keywords);
END;
--> statement-breakpoint
-- Index the papers that existed before this migration; the triggers only see rows written from now on.
INSERT INTO papers_fts(papers_fts) VALUES ('rebuild');
