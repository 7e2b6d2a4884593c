/** drizzle-kit settings for PostgreSQL: `npm run db:generate:postgres` diffs src/store/postgres/schema.ts against migrations/postgres. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/postgres/schema.ts',
  out: './migrations/postgres',
});
