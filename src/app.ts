/**
 * The composition shared by `main.ts` and the CLI: config → logger → database (migrated) →
 * repositories → sources. Remote sources are absent when PAPERBOY_OFFLINE is set.
 */
import type { Config } from './config.ts';
import { systemClock, type Clock } from './core/clock.ts';
import type { Logger } from './core/logger.ts';
import type { PaperIndex, PaperSearchSource, PaperSource, PaperStore, SourceRunStore } from './core/ports.ts';
import { createSearchService } from './core/search.ts';
import type { SearchService } from './core/search-types.ts';
import { createLogger } from './log.ts';
import { createArxivHttp, createArxivSource } from './sources/arxiv.ts';
import { createHfDailyPapersSource } from './sources/hf-daily-papers.ts';
import { createHfSearchSource } from './sources/hf-search.ts';
import { createHttpClient } from './sources/http.ts';
import { createSqlitePaperIndex, createSqlitePaperStore, createSqliteSourceRunStore, openDatabase, type Db } from './store/index.ts';

/** The remote sources; every one is null when the bot runs offline. */
export interface Sources {
  hfDaily: PaperSource | null;
  hfSearch: PaperSearchSource | null;
  arxiv: (PaperSource & PaperSearchSource) | null;
}

export interface App {
  config: Readonly<Config>;
  clock: Clock;
  log: Logger;
  db: Db;
  papers: PaperStore;
  index: PaperIndex;
  runs: SourceRunStore;
  sources: Sources;
  search: SearchService;
  close(): void;
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
    arxiv: createArxivSource({ http: arxivHttp, apiUrl: config.arxiv.apiUrl, rssUrl: config.arxiv.rssUrl, log: deps.log }),
  };
}

/** Opens everything the bot and the CLI need; `close()` releases the database. */
export function openApp(config: Readonly<Config>, options: { clock?: Clock; log?: Logger } = {}): App {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger({ level: config.logLevel, secrets: config.secrets });
  const db = openDatabase(config.db, { log, clock });
  const papers = createSqlitePaperStore(db);
  const index = createSqlitePaperIndex(db, papers);
  const sources = createSources(config, { clock, log });
  return {
    config,
    clock,
    log,
    db,
    papers,
    index,
    runs: createSqliteSourceRunStore(db),
    sources,
    search: createSearchService({ index, store: papers, remote: sources.hfSearch, clock, log: log.child({ service: 'search' }) }),
    close: () => db.close(),
  };
}
