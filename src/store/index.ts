/** The store's public surface: open the database, back it up, and the repositories behind the core's ports. */
export { openDatabase, DEFAULT_MIGRATIONS_FOLDER, type Db, type OpenDatabaseDeps } from './db.ts';
export { backupDatabase } from './backup.ts';
export { createSqlitePaperStore } from './papers-repo.ts';
export { createSqliteSourceRunStore } from './source-runs-repo.ts';
export { createSqlitePaperIndex } from './search-repo.ts';
export { DEFAULT_DIGEST_DAYS, DEFAULT_DIGEST_TIME, WEEKDAY_CODES } from './schema.ts';
export { createSqliteChannelStore } from './channels-repo.ts';
export { createSqliteDeliveryStore, MANUAL_SLOT_PREFIX } from './deliveries-repo.ts';
export { createSqliteCandidateStore } from './candidates-repo.ts';
