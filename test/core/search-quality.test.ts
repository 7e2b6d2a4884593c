/**
 * Search quality on real papers: nDCG@10 over the shared graded judgments (a test fails below 0.9) and over
 * paperboy's own queries. The figures are printed so the README can quote them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createSearchService } from '../../src/core/search.ts';
import type { SearchService } from '../../src/core/search-types.ts';
import { readPapersFile } from '../../src/sources/papers-file.ts';
import { openDatabase, type Db } from '../../src/store/index.ts';
import { ndcgAt } from '../helpers/ndcg.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';
import { sqliteStore } from '../helpers/sqlite-store.ts';

const ROOT = join(import.meta.dirname, '../..');
type Judgments = { queries: Record<string, Record<string, number>> };
const shared = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-judgments.json'), 'utf8')) as Judgments;
const local = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-judgments.local.json'), 'utf8')) as Judgments;

const clock = createFixedClock(new Date('2025-11-13T12:00:00Z'));
const storeLog = createRecordingLogger();
const databases: Db[] = [];
let search: SearchService;
let plainSearch: SearchService;

/** The bundled papers in a fresh database, searched with the search index on (the default) or off. */
async function searchWithIndex(searchIndex: boolean): Promise<SearchService> {
  const db = openDatabase(':memory:', { log: silentLogger, clock });
  databases.push(db);
  const { papers, index } = sqliteStore(db, { searchIndex, log: storeLog });
  await papers.upsertMany((await readPapersFile(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), silentLogger)).items, clock.now());
  return createSearchService({ index, store: papers, remote: null, clock, log: silentLogger });
}

beforeAll(async () => {
  search = await searchWithIndex(true);
  plainSearch = await searchWithIndex(false);
});
afterAll(() => databases.forEach((db) => db.close()));

async function meanNdcg(judgments: Judgments): Promise<{ mean: number; perQuery: Record<string, number> }> {
  const perQuery: Record<string, number> = {};
  for (const [query, grades] of Object.entries(judgments.queries)) {
    const result = await search.search({ text: query, limit: 10, offset: 0 });
    perQuery[query] = Number(
      ndcgAt(
        10,
        result.hits.map((h) => h.card.title),
        grades,
      ).toFixed(3),
    );
  }
  const values = Object.values(perQuery);
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, perQuery };
}

describe('PAPERBOY_SEARCH_INDEX on and off', () => {
  it('GIVEN every query of both judgment sets THEN the search index and plain FTS5 give the same top 10, in the same order', async () => {
    const queries = [...Object.keys(shared.queries), ...Object.keys(local.queries)];
    let found = 0;
    for (const text of queries) {
      storeLog.entries.length = 0;
      const withIndex = (await search.search({ text, limit: 10, offset: 0 })).hits.map((h) => h.card.id);
      // The index answered itself: the comparison is not FTS5 against FTS5.
      expect(
        storeLog.entries.filter((e) => e.message.includes('FTS5 scores every match')),
        text,
      ).toEqual([]);
      const plain = (await plainSearch.search({ text, limit: 10, offset: 0 })).hits.map((h) => h.card.id);
      expect({ text, ids: withIndex }).toEqual({ text, ids: plain });
      found += withIndex.length;
    }
    expect(queries.length).toBeGreaterThanOrEqual(20);
    expect(found).toBeGreaterThan(queries.length * 5);
  });
});

describe('search quality (nDCG@10)', () => {
  it('GIVEN a perfect and a reversed ranking THEN nDCG is 1 and less than 1 (the metric can fail)', () => {
    const grades = { a: 2, b: 1 };
    expect(ndcgAt(10, ['a', 'b'], grades)).toBe(1);
    expect(ndcgAt(10, ['x', 'b', 'a'], grades)).toBeLessThan(0.7);
  });

  it('GIVEN the shared judgment set THEN mean nDCG@10 is at least 0.9', async () => {
    const { mean, perQuery } = await meanNdcg(shared);
    console.log(`shared judgments: mean nDCG@10 = ${mean.toFixed(3)}`, perQuery);
    expect(mean).toBeGreaterThanOrEqual(0.9);
  });

  it("GIVEN paperboy's own judgment set THEN mean nDCG@10 is at least 0.85", async () => {
    const { mean, perQuery } = await meanNdcg(local);
    console.log(`local judgments: mean nDCG@10 = ${mean.toFixed(3)}`, perQuery);
    expect(Object.keys(local.queries).length).toBeGreaterThanOrEqual(10);
    expect(mean).toBeGreaterThanOrEqual(0.85);
  });
});
