/**
 * Topics rank the same on both stores: the bundled sample stored in SQLite and in PostgreSQL, one pool loaded from
 * each, and every topic's matches (ids and relevance, to the last bit) compared, under the same windows asked in
 * the same order (the pool index grows from the earliest window asked, which BM25's statistics follow).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import type { CandidatePool, TopicMatches } from '../../../src/core/ports.ts';
import { compileTopic } from '../../../src/core/query/index.ts';
import { readPapersFile } from '../../../src/sources/papers-file.ts';
import { createPostgresCandidateStore } from '../../../src/store/postgres/candidates-repo.ts';
import { createPostgresPaperStore } from '../../../src/store/postgres/papers-repo.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';
import { openTestDb } from '../sqlite/helpers.ts';

const SAMPLE = fileURLToPath(new URL('../../../fixtures/hf-daily-papers.sample.json', import.meta.url));

const TOPICS = [
  'reinforcement learning',
  'self correction',
  '"large language models"',
  'agents OR agent -survey',
  'reasoning -math',
  'backtracking',
  'author:kumar',
  'exploration exploitation',
].map((text) => compileTopic(text).query);

/** After the newest sample paper (2025-11). */
const NOW = new Date('2026-01-01T00:00:00.000Z');

const pg = usePostgresDatabase();

/** Matches as sorted [id, relevance] pairs per topic key, for a comparison that shows which paper differs. */
function flat(matches: TopicMatches): Record<string, Array<[string, number]>> {
  return Object.fromEntries([...matches].map(([key, byId]) => [key, [...byId].sort(([a], [b]) => (a < b ? -1 : 1))]));
}

/** The same questions, in the same order, to a pool: a recent window first, then the whole pool, then again. */
async function ask(pool: CandidatePool, since: Date) {
  const recent = await pool.matchTopics(TOPICS, { since });
  const all = await pool.matchTopics(TOPICS);
  return { recent: flat(recent), all: flat(all), again: flat(await pool.matchTopics(TOPICS, { since })) };
}

describe('topic matching on PostgreSQL and SQLite', () => {
  it('GIVEN the bundled papers in both stores THEN the pools hold the same candidates and every topic matches the same papers with the same relevance', async () => {
    const sample = (await readPapersFile(SAMPLE, silentLogger)).items;
    // The sample has no AI keywords; some are added so that column is compared too.
    const items = sample.map((item, i) =>
      i % 3 === 0 ? { ...item, paper: { ...item.paper, aiKeywords: ['reinforcement learning', `keyword ${i}`] } } : item,
    );
    const sqlite = sqliteStore(openTestDb());
    const papers = createPostgresPaperStore(pg.db(), { papersChanged: () => undefined });
    await sqlite.papers.upsertMany(items, NOW);
    await papers.upsertMany(items, NOW);
    const window = { since: new Date('2000-01-01T00:00:00.000Z'), until: NOW, velocityWindowMs: 86_400_000 };
    const pools = [await sqlite.candidates.loadPool(window), await createPostgresCandidateStore(pg.db()).loadPool(window)] as const;
    try {
      const byId = (pool: CandidatePool) => [...pool.candidates].sort((a, b) => (a.paper.id < b.paper.id ? -1 : 1));
      expect(byId(pools[1])).toEqual(byId(pools[0]));
      expect(pools[0].candidates).toHaveLength(items.length);

      const submitted = pools[0].candidates.map((c) => c.submittedAt).sort();
      const since = new Date(submitted[Math.floor(submitted.length / 2)] as string);
      const [onSqlite, onPostgres] = [await ask(pools[0], since), await ask(pools[1], since)];
      expect(onPostgres).toEqual(onSqlite);

      // Not vacuous: the topics match many papers, some topics several with different relevance, and the window
      // leaves some out.
      const all = Object.values(onSqlite.all);
      expect(all.flat().length).toBeGreaterThan(40);
      expect(all.filter((pairs) => new Set(pairs.map(([, relevance]) => relevance)).size >= 3).length).toBeGreaterThanOrEqual(4);
      expect(Object.values(onSqlite.recent).flat().length).toBeLessThan(all.flat().length);
    } finally {
      for (const pool of pools) pool.close();
    }
  });
});
