import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // One PostgreSQL server for the whole run; each test file makes its own database on it.
    globalSetup: ['test/global-setup.ts'],
  },
});
