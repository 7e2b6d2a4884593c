/**
 * The store's public surface: open the database, back it up, and the repositories behind the core's ports. What
 * any database shares lives beside index.ts (columns.ts, paper-merge.ts); each database is a folder (sqlite/).
 */
export { openDatabase, DEFAULT_MIGRATIONS_FOLDER, type Db, type OpenDatabaseDeps } from './sqlite/db.ts';
export { backupDatabase } from './sqlite/backup.ts';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/store.ts';
export { createSqliteChannelStore } from './sqlite/channels-repo.ts';
export { createSqliteDeliveryStore, MANUAL_SLOT_PREFIX } from './sqlite/deliveries-repo.ts';
export { createSqliteSourceRunStore } from './sqlite/source-runs-repo.ts';
export { createSqliteCandidateStore } from './sqlite/candidates-repo.ts';
export { createSqliteReplayStore } from './sqlite/replays-repo.ts';
export { REPLAY_SWEEP_INTERVAL_MS, type ReplayStoreOptions } from './replays.ts';
export { isPostgresUrl, redactUrl } from './postgres/url.ts';
export type { PgDb, OpenPostgresOptions } from './postgres/db.ts';
export type { PostgresStore, PostgresStoreOptions } from './postgres/store.ts';
export type { CopiedTable } from './copy-to-postgres.ts';

/** The PostgreSQL store (openPostgres, openPostgresStore, copySqliteToPostgres, …), loaded only when used. */
export const loadPostgres = () => import('./postgres/api.ts');
