/**
 * The composition shared by `main.ts` and the CLI: config → logger → database (migrated) →
 * repositories → sources → services. The database is the SQLite file at PAPERBOY_DB, or PostgreSQL when
 * DATABASE_URL is set (docs/architecture.md §16). Remote sources are absent when PAPERBOY_OFFLINE is set.
 */
import type { Config } from './config.ts';
import { systemClock, type Clock } from './core/clock.ts';
import type { CommandServices } from './core/command-services.ts';
import { createDigestService, type DigestService } from './core/digest/service.ts';
import type { Logger } from './core/logger.ts';
import { noMetrics, type Metrics } from './core/metrics.ts';
import { createPaperLookup } from './core/paper-service.ts';
import type {
  ChannelStore,
  DeliveryStore,
  PaperIndex,
  PaperSearchSource,
  PaperSource,
  PaperStore,
  Publisher,
  ReplayStore,
  SourceRunStore,
} from './core/ports.ts';
import { createRefresher } from './core/schedule/refresh-cadence.ts';
import { createScheduleRunner, type ScheduleRunner } from './core/schedule/runner.ts';
import { createTicker, tickVerdict, type Ticker } from './core/schedule/tick.ts';
import { createSearchService } from './core/search.ts';
import { createShiftedClock } from './core/shifted-clock.ts';
import type { SearchService } from './core/search-types.ts';
import { channelStatus, sourceFooter } from './core/source-health.ts';
import { createTrendingService } from './core/trending-service.ts';
import { createLogger } from './log.ts';
import { createArxivHttp, createArxivSource } from './sources/arxiv.ts';
import { createHfDailyPapersSource } from './sources/hf-daily-papers.ts';
import { createHfSearchSource } from './sources/hf-search.ts';
import { createHttpClient } from './sources/http.ts';
import { SEARCH_RANKING } from './core/search-rank.ts';
import { createSqliteStore, openDatabase, loadPostgres, type Db, type PgDb, type PostgresStore, type SqliteStore } from './store/index.ts';

/** The remote sources; every one is null when the bot runs offline. */
export interface Sources {
  hfDaily: PaperSource | null;
  hfSearch: PaperSearchSource | null;
  arxiv: (PaperSource & PaperSearchSource) | null;
}

/** The open database under the store, and where it is (a file path, or the URL with its password hidden). */
export type AppDatabase = { kind: 'sqlite'; db: Db; where: string } | { kind: 'postgres'; db: PgDb; where: string };

export interface App {
  config: Readonly<Config>;
  clock: Clock;
  log: Logger;
  database: AppDatabase;
  papers: PaperStore;
  index: PaperIndex;
  runs: SourceRunStore;
  channels: ChannelStore;
  deliveries: DeliveryStore;
  sources: Sources;
  search: SearchService;
  digests: DigestService;
  /** What `/papers` handlers use, on every platform and in `paperboy cmd`. */
  services: CommandServices;
  /** Where digests go, by platform name; platforms register themselves here when they are created. */
  publishers: Map<string, Publisher>;
  /** Counters for /metrics; adapters call `recordRateLimited` on a 429 (commands are counted by the dispatcher). */
  metrics: Metrics;
  /** Due slots, missed-slot skipping and the next digest, for the scheduler and `paperboy digest`. */
  schedule: ScheduleRunner;
  /** The tick the node-cron job drives (src/scheduler); started only by `npm start`. */
  ticker: Ticker;
  /**
   * A platform's button replays (Prev/Next, Share), kept in the database for `ttlMs` so that any bot process on it
   * can answer a click on a result another one made (docs/architecture.md §16). One per platform.
   */
  replays(platform: string, ttlMs: number): ReplayStore;
  /** Brings the search index up to date in the background steps the store uses (see SqliteStore). */
  catchUpSearchIndex(): Promise<number>;
  /** Frees the store, then closes the database (the SQLite file, or the PostgreSQL pool); once only. */
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
  /** Where digests go, by platform name; `console` prints. More can be added to `app.publishers` later. */
  publishers?: Map<string, Publisher>;
  /** Where counters go (`npm start`: Prometheus); nowhere by default. */
  metrics?: Metrics;
  /** The scheduler ticks in this process, so `/papers status` reports its health. */
  scheduling?: boolean;
}

/** Builds the remote sources from the configuration (none when offline). */
export function createSources(config: Readonly<Config>, deps: { clock: Clock; log: Logger }): Sources {
  if (config.offline) return { hfDaily: null, hfSearch: null, arxiv: null };
  const http = createHttpClient({ clock: deps.clock, log: deps.log.child({ http: 'huggingface' }) });
  const hfDeps = { http, baseUrl: config.hf.apiUrl, log: deps.log, ...(config.hf.token ? { token: config.hf.token } : {}) };
  const arxivHttp = createArxivHttp({ clock: deps.clock, log: deps.log.child({ http: 'arxiv' }) });
  return {
    hfDaily: createHfDailyPapersSource(hfDeps),
    hfSearch: createHfSearchSource(hfDeps),
    arxiv: createArxivSource({
      http: arxivHttp,
      apiUrl: config.arxiv.apiUrl,
      rssUrl: config.arxiv.rssUrl,
      log: deps.log,
      clock: deps.clock,
    }),
  };
}

/** The configured clock: real time, or PAPERBOY_CLOCK_START's shifted one. */
export function configuredClock(config: Readonly<Config>): Clock {
  return config.clockStart ? createShiftedClock(config.clockStart) : systemClock;
}

/** The configured database, migrated, and every repository over it. */
async function openStore(
  config: Readonly<Config>,
  deps: { clock: Clock; log: Logger },
): Promise<{ database: AppDatabase; store: SqliteStore | PostgresStore; close(): Promise<void> }> {
  const log = deps.log.child({ service: 'store' });
  const options = { ranking: SEARCH_RANKING, searchIndex: config.searchIndex, log, clock: deps.clock };
  if (config.database.kind === 'sqlite') {
    const db = openDatabase(config.database.file, { log: deps.log, clock: deps.clock });
    try {
      const store = createSqliteStore(db, options);
      return { database: { kind: 'sqlite', db, where: db.file }, store, close: async () => db.close() };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const { openPostgres, openPostgresStore } = await loadPostgres();
  const db = await openPostgres(config.database.url, { log });
  try {
    const store = await openPostgresStore(db, options);
    const close = async () => {
      store.close();
      await db.close();
    };
    return { database: { kind: 'postgres', db, where: db.where }, store, close };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** Opens everything the bot and the CLI need; `close()` releases the database. */
export async function openApp(config: Readonly<Config>, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? configuredClock(config);
  const metrics = options.metrics ?? noMetrics;
  const log = options.log ?? createLogger({ level: config.logLevel, secrets: config.secrets });
  const { database, store, close } = await openStore(config, { clock, log });
  const { papers, index, runs, channels, deliveries, candidates } = store;
  const sources = createSources(config, { clock, log });
  const defaults = { timezone: config.timezone };
  const publishers = options.publishers ?? new Map<string, Publisher>();
  const search = createSearchService({ index, store: papers, remote: sources.hfSearch, clock, log: log.child({ service: 'search' }) });
  const digests = createDigestService({
    candidates,
    channels,
    deliveries,
    publishers,
    clock,
    defaults,
    log: log.child({ service: 'digests' }),
    metrics,
    footer: (_channel, at) => sourceFooter(runs, at, { arxivListings: config.arxiv.categories.length > 0 }),
  });
  const schedule = createScheduleRunner({
    channels,
    deliveries,
    digests,
    clock,
    log: log.child({ service: 'scheduler' }),
    catchupMs: config.catchupHours * 3_600_000,
    serves: (platform) => publishers.has(platform),
    metrics,
    spreadKey: config.instanceId,
  });
  const refresher = createRefresher({
    store: papers,
    runs,
    clock,
    log: log.child({ service: 'refresh' }),
    sources,
    categories: config.arxiv.categories,
    metrics,
    holder: config.instanceId,
  });
  const ticker = createTicker({ runner: schedule, refresher, clock, log: log.child({ service: 'scheduler' }), metrics });
  const schedulerHealth = () => {
    const health = ticker.health();
    return { lastTickAt: health.lastTickAt?.toISOString() ?? null, healthy: tickVerdict(health, clock.now()).ok };
  };
  const trending = createTrendingService({ candidates, clock, log: log.child({ service: 'trending' }) });
  const lookupSources = [sources.hfDaily, sources.arxiv].filter((s): s is NonNullable<typeof s> => s !== null);
  const services: CommandServices = {
    clock,
    log: log.child({ service: 'commands' }),
    defaults,
    search,
    trending: (request) => trending.trending(request),
    paper: createPaperLookup({ store: papers, sources: lookupSources, clock, log }),
    channels,
    digests,
    status: (ref) =>
      channelStatus(
        {
          runs,
          channels,
          deliveries,
          defaults,
          nextDigest: schedule.nextDigest,
          ...(options.scheduling ? { scheduler: schedulerHealth } : {}),
        },
        ref,
      ),
    metrics,
  };
  const app = { config, clock, log, database, papers, index, runs, channels, deliveries, sources, search, digests, services, publishers };
  let closing: Promise<void> | null = null;
  return {
    ...app,
    metrics,
    schedule,
    ticker,
    replays: (platform, ttlMs) => store.replays({ platform, ttlMs }),
    catchUpSearchIndex: store.catchUpSearchIndex,
    close: () => (closing ??= close()),
  };
}
