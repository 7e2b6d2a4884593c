/**
 * The PostgreSQL search engine, behind one door: the rest of the store imports only this file. Every paper gets a
 * weighted `tsvector` of FTS5's own terms (tsquery.ts), so PostgreSQL's full-text index finds matches and ts_rank
 * can rank them (baseline.ts); beside it, in PostgreSQL tables, the same search index as SQLite's (index-*.ts over
 * search/), so the same papers rank the same way on both stores. docs/architecture.md §16.
 */
import { describeError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { PaperIndex, PaperStore } from '../../../core/ports.ts';
import type { SearchRanking } from '../../../core/search-rank.ts';
import type { SearchIndexOptions } from '../../search/index-options.ts';
import { createScratchFts5 } from '../../sqlite/search/index.ts';
import type { PgDb } from '../db.ts';
import { inTransaction } from '../run.ts';
import { createPostgresIndexReader } from './index-read.ts';
import { createPostgresIndexWriter } from './index-write.ts';
import { createPostgresPaperIndex } from './paper-index.ts';
import type pg from 'pg';

/** How the engine runs. */
export interface PostgresSearchOptions {
  /** The core's search ranking: the engine keeps no copy of it. */
  ranking: SearchRanking;
  /** PAPERBOY_SEARCH_INDEX: true (default) keeps the search index; false ranks with ts_rank and keeps none. */
  useIndex?: boolean;
  /** Sizes of the search index (tests use small ones to exercise stored postings on a few papers). */
  sizes?: SearchIndexOptions;
  log: Logger;
}

/** The engine as the store uses it. */
export interface PostgresSearch {
  /** The paper store's "papers changed" hook: inside its write transaction, on its client. */
  papersChanged(client: pg.ClientBase, docIds: readonly number[]): Promise<void>;
  /** The PaperIndex port; `papers` turns ranked ids into stored papers. */
  paperIndex(papers: Pick<PaperStore, 'getMany'>): PaperIndex;
  /** Indexes every paper not indexed yet, a batch per transaction; resolves with how many. Concurrent calls share one run. */
  catchUp(): Promise<number>;
  /** Frees the engine's in-memory FTS5. */
  close(): void;
}

/** Papers indexed per transaction while catching up. */
const CATCH_UP_BATCH = 500;

/**
 * Opens the engine. With the index off, an index left from before is emptied and marked incomplete first, so nothing
 * stale is ever ranked from it; switched back on, it is rebuilt by catch-up while ts_rank answers.
 */
export async function openPostgresSearch(db: PgDb, options: PostgresSearchOptions): Promise<PostgresSearch> {
  const { ranking, log } = options;
  const useIndex = options.useIndex ?? true;
  const fts5 = createScratchFts5();
  const writer = createPostgresIndexWriter({
    ranking,
    tokenize: fts5.tokenize,
    useIndex,
    ...(options.sizes ? { sizes: options.sizes } : {}),
  });
  try {
    const { rows } = await db.pool.query<{ stale: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM search_meta WHERE complete OR docs > 0) AS stale',
    );
    if (!useIndex && rows[0]?.stale) {
      await inTransaction(db.pool, async (client) => {
        await client.query('LOCK TABLE papers IN SHARE ROW EXCLUSIVE MODE');
        await writer.reset(client);
      });
      log.info({}, 'search index switched off: emptied; it is rebuilt when switched back on');
    }
  } catch (error) {
    fts5.close();
    throw error;
  }
  let running: Promise<number> | null = null;

  function catchUp(): Promise<number> {
    running ??= (async () => {
      // A complete index (the usual start) costs one primary-key read, not an anti-join over every paper.
      if (useIndex) {
        const { rows } = await db.pool.query<{ complete: boolean }>('SELECT complete FROM search_meta WHERE id = 1');
        if (rows[0]?.complete) return 0;
      }
      let indexed = 0;
      for (;;) {
        // Writers of papers take this lock too: a batch indexed here never races an ingest's own index writes.
        const n = await inTransaction(db.pool, async (client) => {
          await client.query('LOCK TABLE papers IN SHARE ROW EXCLUSIVE MODE');
          return writer.catchUp(client, CATCH_UP_BATCH);
        });
        if (n === 0) return indexed;
        if (indexed === 0) log.info({}, 'building the search index for papers it does not have yet');
        indexed += n;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    catchUp,
    papersChanged: (client, docIds) => writer.sync(client, docIds),
    paperIndex(papers) {
      const background = () =>
        void catchUp().then(
          (n) => n > 0 && log.info({ papers: n }, 'search index built'),
          (error: unknown) => log.warn({ error: describeError(error) }, 'building the search index failed; search keeps using ts_rank'),
        );
      return createPostgresPaperIndex({
        db,
        papers,
        ranking,
        reader: useIndex ? createPostgresIndexReader(ranking, fts5.tokenize) : null,
        fts5,
        catchUp: background,
        log,
      });
    },
    close: () => fts5.close(),
  };
}
