/**
 * The SQLite search engine, behind one door: the rest of the store imports only this file. It holds FTS5's query
 * syntax (fts5-expression.ts), a search index beside FTS5 that computes FTS5's bm25() exactly from its own postings
 * (index-*.ts, doc*.ts, postings*.ts, scored.ts, scratch.ts, with FTS5's tokenizer and Porter stemmer ported in
 * fts5-tokenize.ts and fts5-porter.ts), excerpts computed like FTS5's snippet() (fts5-snippet.ts), the plain FTS5
 * ranking it falls back to (exhaustive.ts), and topic matching against a candidate pool (topic-pool.ts). Why the
 * index exists and how it is kept exact: docs/decisions/0001-search-index-beside-fts5.md.
 */
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Candidate } from '../../../core/candidate.ts';
import { describeError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { PaperIndex, PaperStore } from '../../../core/ports.ts';
import type { TextQuery } from '../../../core/query/index.ts';
import type { SearchRanking } from '../../../core/search-rank.ts';
import { ABSTRACT_COLUMN, ABSTRACT_SNIPPET } from '../../search/fts5-snippet.ts';
import { FTS_TOKENIZE, createFts5Tokenizer } from '../../search/fts5-tokenize.ts';
import { fts5Expression } from './fts5-expression.ts';
import type { Db } from '../db.ts';
import * as schema from '../schema.ts';
import { createSearchIndexReader } from './index-read.ts';
import { DEFAULT_SEARCH_INDEX_OPTIONS, type SearchIndexOptions } from '../../search/index-options.ts';
import { createSearchIndexWriter } from './index-write.ts';
import { createSqlitePaperIndex } from './paper-index.ts';
import { createPoolIndex, type PoolIndex } from './topic-pool.ts';

export { createPoolIndex, type PoolIndex, type TopicIndexMode } from './topic-pool.ts';
export type { SearchIndexOptions } from '../../search/index-options.ts';

/** How the engine runs. */
export interface SqliteSearchOptions {
  /** The core's search ranking (prior, tier score, order): the engine keeps no copy of it. */
  ranking: SearchRanking;
  /** PAPERBOY_SEARCH_INDEX: true (default) keeps the search index; false ranks with FTS5 alone and keeps none. */
  useIndex?: boolean;
  /** Sizes of the search index (tests use small ones to exercise stored postings on a few papers). */
  sizes?: SearchIndexOptions;
  log: Logger;
}

/** The engine as the store uses it. */
export interface SqliteSearch {
  /**
   * The store's "papers changed" hook: called inside every write transaction, after `papers_fts` has the batch,
   * with the doc ids of the papers inserted or changed (text, dates or latest signals).
   */
  papersChanged(docIds: readonly number[]): void;
  /** The PaperIndex port; `papers` turns ranked ids into stored papers. */
  paperIndex(papers: Pick<PaperStore, 'getMany'>): PaperIndex;
  /**
   * Indexes every paper the index does not have yet (a database from before it, or the index switched back on), a
   * batch per event-loop turn so replies are not stalled; resolves with how many were indexed (0 when off or
   * complete). Search uses FTS5 meanwhile. Concurrent calls share one run.
   */
  catchUp(): Promise<number>;
}

/** Papers indexed per step while the index catches up: short enough not to stall replies. */
const CATCH_UP_BATCH = 500;

/** True when the database has the search index's tables (migration 0003); upgrade tests write at older schemas. */
function hasIndexTables(db: Db): boolean {
  return db.sqlite.prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta')").pluck().get() === 1;
}

/**
 * Creates the engine. With the index off, an index left from before is emptied and marked incomplete at once, so
 * nothing stale is ever ranked from it; switched back on, it is rebuilt in the background from the papers while
 * FTS5 answers, and used only once it holds every paper.
 */
export function createSqliteSearch(db: Db, options: SqliteSearchOptions): SqliteSearch {
  const { ranking, log } = options;
  const tables = hasIndexTables(db);
  const writer = tables ? createSearchIndexWriter(db, ranking, options.sizes ?? DEFAULT_SEARCH_INDEX_OPTIONS) : null;
  const useIndex = options.useIndex ?? true;
  if (
    writer &&
    !useIndex &&
    db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM search_meta WHERE complete = 1 OR docs > 0)').pluck().get() === 1
  ) {
    db.sqlite.transaction(() => writer.reset()).immediate();
    log.info({}, 'search index switched off: emptied; it is rebuilt when switched back on');
  }
  const active = writer && useIndex ? writer : null;
  let running: Promise<number> | null = null;

  const complete = tables ? db.sqlite.prepare('SELECT complete FROM search_meta WHERE id = 1').pluck() : null;

  function catchUp(): Promise<number> {
    // A complete index (the usual start) costs one primary-key read, not a scan of every paper.
    if (!active || complete?.get() === 1) return Promise.resolve(0);
    running ??= new Promise<number>((resolve, reject) => {
      let indexed = 0;
      const step = () => {
        try {
          const n = db.sqlite.open ? db.sqlite.transaction(() => active.catchUp(CATCH_UP_BATCH)).immediate() : 0;
          if (n === 0) return resolve(indexed);
          if (indexed === 0) log.info({}, 'building the search index for papers it does not have yet');
          indexed += n;
          setImmediate(step);
        } catch (error) {
          reject(error);
        }
      };
      setImmediate(step);
    }).finally(() => {
      running = null;
    });
    return running;
  }

  return {
    catchUp,
    papersChanged(docIds) {
      active?.sync(docIds);
    },
    paperIndex(papers) {
      const index = active ? { reader: createSearchIndexReader(db, ranking), writer: active } : null;
      const background = () =>
        void catchUp().then(
          (n) => n > 0 && log.info({ papers: n }, 'search index built'),
          (error: unknown) => log.warn({ error: describeError(error) }, 'building the search index failed; search keeps using FTS5 alone'),
        );
      return createSqlitePaperIndex({ db, papers, ranking, index, catchUp: background, log });
    },
  };
}

/**
 * A pool index for candidates that live in another database (PostgreSQL): on the first topic, the pool's papers are
 * copied into an in-memory SQLite `papers` table, as SQLite stores them (lists as JSON text), and matched by
 * `createPoolIndex` in `pool` mode, so topics rank exactly as on the SQLite store. `close()` frees the database.
 */
export function createPoolIndexOver(candidates: readonly Candidate[], log: Logger): PoolIndex {
  let opened: { db: Db; index: PoolIndex } | null = null;
  let closed = false;

  function open(): { db: Db; index: PoolIndex } {
    const sqlite = new BetterSqlite3(':memory:');
    const db: Db = { sqlite, orm: drizzle({ client: sqlite, schema }), file: ':memory:', close: () => sqlite.close() };
    try {
      sqlite.exec(
        'CREATE TABLE papers (doc_id INTEGER PRIMARY KEY, title TEXT NOT NULL, abstract TEXT NOT NULL, authors TEXT NOT NULL, ai_keywords TEXT NOT NULL)',
      );
      const insert = sqlite.prepare('INSERT INTO papers (doc_id, title, abstract, authors, ai_keywords) VALUES (?, ?, ?, ?, ?)');
      sqlite.transaction(() => {
        candidates.forEach(({ paper }, i) =>
          insert.run(i, paper.title, paper.abstract, JSON.stringify(paper.authors), JSON.stringify(paper.aiKeywords)),
        );
      })();
      const docIds = candidates.map((_, i) => i);
      return { db, index: createPoolIndex(db, candidates, docIds, log, 'pool') };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  return {
    match(topics, since) {
      // Closed: the empty answers createPoolIndex gives once closed, without reopening anything.
      if (closed) return new Map(topics.map((topic) => [topic.key, new Map<string, number>()]));
      opened ??= open();
      return opened.index.match(topics, since);
    },
    close() {
      closed = true;
      opened?.index.close();
      opened?.db.close();
      opened = null;
    },
  };
}

/** FTS5 in an in-memory database, for a store that has no FTS5 of its own (PostgreSQL). */
export interface ScratchFts5 {
  /** FTS5's terms of up to four texts (search/fts5-tokenize.ts; non-ASCII text asks FTS5 itself). */
  tokenize(texts: readonly string[]): string[][];
  /**
   * FTS5's own excerpt of `columns[ABSTRACT_COLUMN]` (papers_fts's columns, lists as JSON text) for `text`, as the
   * SQLite store gives it: '' when the paper does not match.
   */
  snippet(columns: readonly string[], text: TextQuery): string;
  close(): void;
}

/** Opens a {@link ScratchFts5}; the caller closes it. */
export function createScratchFts5(): ScratchFts5 {
  const sqlite = new BetterSqlite3(':memory:');
  const tokenize = createFts5Tokenizer(sqlite);
  let snippet: { insert: BetterSqlite3.Statement; read: BetterSqlite3.Statement; clear: BetterSqlite3.Statement } | null = null;
  return {
    tokenize,
    snippet(columns, text) {
      if (!snippet) {
        sqlite.exec(`CREATE VIRTUAL TABLE temp.pb_snippet USING fts5(title, abstract, authors, ai_keywords, tokenize='${FTS_TOKENIZE}')`);
        const { open, close, ellipsis, tokens } = ABSTRACT_SNIPPET;
        snippet = {
          insert: sqlite.prepare('INSERT INTO temp.pb_snippet(rowid, title, abstract, authors, ai_keywords) VALUES (1, ?, ?, ?, ?)'),
          read: sqlite
            .prepare(
              `SELECT snippet(pb_snippet, ${ABSTRACT_COLUMN}, '${open}', '${close}', '${ellipsis}', ${tokens}) FROM temp.pb_snippet WHERE pb_snippet MATCH ?`,
            )
            .pluck(),
          clear: sqlite.prepare('DELETE FROM temp.pb_snippet'),
        };
      }
      const { insert, read, clear } = snippet;
      try {
        insert.run(...[0, 1, 2, 3].map((i) => columns[i] ?? ''));
        return (read.get(fts5Expression(text)) as string | undefined) ?? '';
      } finally {
        clear.run();
      }
    },
    close: () => sqlite.close(),
  };
}
