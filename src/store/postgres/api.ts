/**
 * The PostgreSQL store's entry points, loaded on demand (`loadPostgres` in store/index.ts): a bot on the SQLite
 * file never loads the driver, drizzle's PostgreSQL dialect or this store (about 12 MB of an idle bot's memory).
 */
export { openPostgres } from './db.ts';
export { openPostgresStore } from './store.ts';
export { createPostgresReplayStore } from './replays-repo.ts';
export { copySqliteToPostgres } from '../copy-to-postgres.ts';
