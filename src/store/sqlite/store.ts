/**
 * The SQLite store as one value: every repository behind the core's ports over one open database, with the search
 * engine wired to the paper store's "papers changed" hook.
 */
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { silentLogger } from '../../core/logger.ts';
import type { CandidateStore, ChannelStore, DeliveryStore, PaperIndex, PaperStore, ReplayStore, SourceRunStore } from '../../core/ports.ts';
import type { SearchRanking } from '../../core/search-rank.ts';
import { createSqliteCandidateStore } from './candidates-repo.ts';
import { createSqliteChannelStore } from './channels-repo.ts';
import type { Db } from './db.ts';
import { createSqliteDeliveryStore } from './deliveries-repo.ts';
import { createSqlitePaperStore } from './papers-repo.ts';
import { createSqliteReplayStore } from './replays-repo.ts';
import { createSqliteSearch, type SearchIndexOptions } from './search/index.ts';
import { createSqliteSourceRunStore } from './source-runs-repo.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** The core's search ranking, which the search index applies itself. */
  ranking: SearchRanking;
  /** PAPERBOY_SEARCH_INDEX: true (default) keeps the search index beside FTS5; false ranks with FTS5 alone. */
  searchIndex?: boolean;
  /** Sizes of the search index (tests use small ones). */
  searchIndexSizes?: SearchIndexOptions;
  log?: Logger;
  /** Stamps and expires button replays; the system clock by default. */
  clock?: Clock;
}

/** The repositories of one database. */
export interface SqliteStore {
  papers: PaperStore;
  index: PaperIndex;
  runs: SourceRunStore;
  channels: ChannelStore;
  deliveries: DeliveryStore;
  candidates: CandidateStore;
  /** A platform's button replays, kept for `ttlMs` and shared by every process on this database (each call: a new
   * instance with its own sweep cadence; one per platform is enough). */
  replays(options: { platform: string; ttlMs: number }): ReplayStore;
  /** Indexes the papers the search index does not have yet, in steps (PAPERBOY_SEARCH_INDEX switched back on, an
   * older database); resolves with how many. Search stays correct meanwhile, on FTS5. */
  catchUpSearchIndex(): Promise<number>;
}

/** Every repository over `db`; prepare once, reuse for the process's lifetime. */
export function createSqliteStore(db: Db, options: SqliteStoreOptions): SqliteStore {
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const search = createSqliteSearch(db, {
    ranking: options.ranking,
    log,
    ...(options.searchIndex === undefined ? {} : { useIndex: options.searchIndex }),
    ...(options.searchIndexSizes ? { sizes: options.searchIndexSizes } : {}),
  });
  const papers = createSqlitePaperStore(db, { papersChanged: search.papersChanged });
  return {
    papers,
    index: search.paperIndex(papers),
    runs: createSqliteSourceRunStore(db),
    channels: createSqliteChannelStore(db),
    deliveries: createSqliteDeliveryStore(db),
    candidates: createSqliteCandidateStore(db, log),
    replays: ({ platform, ttlMs }) => createSqliteReplayStore(db, { clock, platform, ttlMs }),
    catchUpSearchIndex: () => search.catchUp(),
  };
}
