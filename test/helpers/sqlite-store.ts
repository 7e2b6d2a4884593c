/** The SQLite store as the app composes it (the core's search ranking passed in), for tests and benchmarks. */
import { SEARCH_RANKING } from '../../src/core/search-rank.ts';
import { createSqliteStore, type Db, type SqliteStore, type SqliteStoreOptions } from '../../src/store/index.ts';

/** Every repository over `db`, with the search index on unless `options` say otherwise. */
export function sqliteStore(db: Db, options: Partial<SqliteStoreOptions> = {}): SqliteStore {
  return createSqliteStore(db, { ranking: SEARCH_RANKING, ...options });
}
