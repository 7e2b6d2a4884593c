/** drizzle-kit settings: `npm run db:generate` diffs src/store/sqlite/schema.ts against migrations/meta snapshots. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/sqlite/schema.ts',
  out: './migrations',
  dbCredentials: { url: './data/paperboy.db' },
  // The FTS5 table, its shadow tables, the search index beside it (0003_search_index.sql) and drizzle's own journal
  // are not in the schema; without this filter `drizzle-kit push` would offer to drop them.
  tablesFilter: ['!papers_fts*', '!search_*', '!__drizzle_migrations'],
});
