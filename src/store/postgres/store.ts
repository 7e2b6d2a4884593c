/**
 * The PostgreSQL store as one value: every repository behind the core's ports over one pool, with the search engine
 * wired to the paper store's "papers changed" hook; the same shape as the SQLite store (sqlite/store.ts).
 */
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { silentLogger } from '../../core/logger.ts';
import type { CandidateStore, ChannelStore, DeliveryStore, PaperIndex, PaperStore, ReplayStore, SourceRunStore } from '../../core/ports.ts';
import type { SearchRanking } from '../../core/search-rank.ts';
import type { SearchIndexOptions } from '../search/index-options.ts';
import { createPostgresCandidateStore } from './candidates-repo.ts';
import { createPostgresChannelStore } from './channels-repo.ts';
import type { PgDb } from './db.ts';
import { createPostgresDeliveryStore } from './deliveries-repo.ts';
import { createPostgresPaperStore } from './papers-repo.ts';
import { createPostgresReplayStore } from './replays-repo.ts';
import { openPostgresSearch } from './search/index.ts';
import { createPostgresSourceRunStore } from './source-runs-repo.ts';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** The core's search ranking, which the search index applies itself. */
  ranking: SearchRanking;
  /** PAPERBOY_SEARCH_INDEX: true (default) keeps the search index; false ranks with ts_rank alone. */
  searchIndex?: boolean;
  /** Sizes of the search index (tests use small ones). */
  searchIndexSizes?: SearchIndexOptions;
  log?: Logger;
  /** Stamps and expires button replays; the system clock by default. */
  clock?: Clock;
}

/** The repositories of one PostgreSQL database. */
export interface PostgresStore {
  papers: PaperStore;
  index: PaperIndex;
  runs: SourceRunStore;
  channels: ChannelStore;
  deliveries: DeliveryStore;
  candidates: CandidateStore;
  /** A platform's button replays, kept for `ttlMs` and shared by every process on this database (each call: a new
   * instance with its own sweep cadence; one per platform is enough). */
  replays(options: { platform: string; ttlMs: number }): ReplayStore;
  /** Indexes the papers the search index does not have yet (a copied database, the index switched back on). */
  catchUpSearchIndex(): Promise<number>;
  /** Frees what the store holds in memory (not the pool: the caller closes the database). */
  close(): void;
}

/** Every repository over `db`; open once, reuse for the process's lifetime. */
export async function openPostgresStore(db: PgDb, options: PostgresStoreOptions): Promise<PostgresStore> {
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const search = await openPostgresSearch(db, {
    ranking: options.ranking,
    log,
    ...(options.searchIndex === undefined ? {} : { useIndex: options.searchIndex }),
    ...(options.searchIndexSizes ? { sizes: options.searchIndexSizes } : {}),
  });
  const papers = createPostgresPaperStore(db, { papersChanged: search.papersChanged });
  return {
    papers,
    index: search.paperIndex(papers),
    runs: createPostgresSourceRunStore(db),
    channels: createPostgresChannelStore(db),
    deliveries: createPostgresDeliveryStore(db),
    candidates: createPostgresCandidateStore(db),
    replays: ({ platform, ttlMs }) => createPostgresReplayStore(db, { clock, platform, ttlMs }),
    catchUpSearchIndex: () => search.catchUp(),
    close: () => search.close(),
  };
}
