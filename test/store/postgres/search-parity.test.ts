/**
 * The same papers rank the same way on both stores: the bundled real papers in SQLite and in PostgreSQL, searched
 * through the search service with every judged query and the query language's operators, give the same hits with
 * bit-identical bm25 relevance, before and after updates (small index sizes, so stored postings, segment merges and
 * incremental refreshes all run). PostgreSQL's search quality is measured on the shared judgments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { PaperIndex, PaperStore, TextSearchRequest } from '../../../src/core/ports.ts';
import { compileQuery, parseQuery } from '../../../src/core/query/index.ts';
import { createSearchService } from '../../../src/core/search.ts';
import type { SearchService } from '../../../src/core/search-types.ts';
import type { SourcedPaper } from '../../../src/core/paper.ts';
import { readPapersFile } from '../../../src/sources/papers-file.ts';
import { openDatabase, type Db } from '../../../src/store/index.ts';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/store.ts';
import { SEARCH_RANKING } from '../../../src/core/search-rank.ts';
import { ndcgAt } from '../../helpers/ndcg.ts';
import { openPostgres, type PgDb } from '../../../src/store/postgres/db.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const ROOT = join(import.meta.dirname, '../../..');
type Judgments = { queries: Record<string, Record<string, number>> };
const judgments = (file: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures', file), 'utf8')) as Judgments;
const shared = judgments('search-judgments.json');
const local = judgments('search-judgments.local.json');

const clock = createFixedClock(new Date('2025-11-13T12:00:00Z'));
/** Terms in 3 papers or more get stored postings: most query words of 44 papers then take that path. */
const SIZES = { listMinDf: 3 };

/** Queries beyond the judged ones: phrases, fields, OR, exclusions, filters, words no paper has. */
const OPERATORS = [
  '"language models"',
  '"large language models" reasoning',
  'author:zhang',
  'author:"Wei"',
  'agents OR robots',
  'video OR (diffusion reasoning)',
  'model -video',
  'reasoning cat:cs.CL',
  'llm org:university',
  'quokka',
  'benchmark OR quokka',
  'diffusion -"image generation"',
];

// One database for the whole file (not emptied between tests): the second test builds on the first one's stores.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pgDb: PgDb;
let sqlite: Db;
let lite: { papers: PaperStore; index: PaperIndex };
let postgres: PostgresStore;
const pgLog = createRecordingLogger();

beforeAll(async () => {
  database = await createTestDatabase();
  pgDb = await openPostgres(database.url, { log: silentLogger, maxConnections: 4 });
  sqlite = openDatabase(':memory:', { log: silentLogger, clock });
  lite = sqliteStore(sqlite, { searchIndexSizes: SIZES });
  postgres = await openPostgresStore(pgDb, { ranking: SEARCH_RANKING, searchIndexSizes: SIZES, log: pgLog });
  const items = (await readPapersFile(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), silentLogger)).items;
  // In several batches, as days of ingest arrive: segments are appended and merged.
  for (let i = 0; i < items.length; i += 5) {
    const batch = items.slice(i, i + 5);
    await lite.papers.upsertMany(batch, clock.now());
    await postgres.papers.upsertMany(batch, clock.now());
  }
});
afterAll(async () => {
  sqlite.close();
  postgres.close();
  await pgDb.close();
  await database.drop();
});

function request(text: string, extra: Partial<TextSearchRequest> = {}): TextSearchRequest {
  const parsed = parseQuery(text, { allowSince: true });
  const { text: query, exclude } = compileQuery(parsed);
  return { text: query, exclude, categories: parsed.categories, orgs: parsed.orgs, now: clock.now(), limit: 50, ...extra };
}

/** Each store's answer as (id, relevance) pairs and the best relevance. */
async function both(r: TextSearchRequest) {
  const view = async (index: PaperIndex) => {
    const result = await index.search(r);
    return { hits: result.hits.map((h) => [h.paper.id, h.relevance]), best: result.best };
  };
  return { sqlite: await view(lite.index), postgres: await view(postgres.index) };
}

const queries = [...Object.keys(shared.queries), ...Object.keys(local.queries), ...OPERATORS];

describe('search on PostgreSQL and SQLite', () => {
  it('GIVEN every judged query and the operators THEN the same hits with the same bm25 relevance, answered by the index', async () => {
    let hits = 0;
    for (const text of queries) {
      const { sqlite: a, postgres: b } = await both(request(text));
      expect({ text, ...b }).toEqual({ text, ...a });
      hits += a.hits.length;
    }
    expect(hits).toBeGreaterThan(queries.length * 3);
    expect(pgLog.entries.filter((e) => e.message.includes('ts_rank'))).toEqual([]);
  });

  it('GIVEN papers rewritten and new signals THEN both stores still agree exactly', async () => {
    const items = (await readPapersFile(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), silentLogger)).items;
    const changed: SourcedPaper[] = items.slice(0, 12).map((item, i) => ({
      ...item,
      paper: { ...item.paper, abstract: i % 2 === 0 ? `${item.paper.abstract} Language models reason about video.` : 'Robots.' },
      signals: { upvotes: 500 + i },
    }));
    const later = new Date(clock.now().getTime() + 3_600_000);
    await lite.papers.upsertMany(changed, later);
    await postgres.papers.upsertMany(changed, later);
    for (const text of queries) {
      const { sqlite: a, postgres: b } = await both(request(text, { limit: 10 }));
      expect({ text, ...b }).toEqual({ text, ...a });
    }
    expect(pgLog.entries.filter((e) => e.message.includes('ts_rank'))).toEqual([]);
  });

  it('GIVEN the search service on both THEN every judged query has the same top 10, and nDCG@10 on PostgreSQL is at least 0.9', async () => {
    const service = (index: PaperIndex, store: PaperStore): SearchService =>
      createSearchService({ index, store, remote: null, clock, log: silentLogger });
    // Fresh stores: the previous test rewrote abstracts.
    const db = openDatabase(':memory:', { log: silentLogger, clock });
    const items = (await readPapersFile(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), silentLogger)).items;
    const a = sqliteStore(db);
    await a.papers.upsertMany(items, clock.now());
    await pgDb.pool.query(
      'TRUNCATE papers, paper_signals, search_text, search_docs, search_terms, search_postings, search_log, search_meta RESTART IDENTITY CASCADE',
    );
    const fresh = await openPostgresStore(pgDb, { ranking: SEARCH_RANKING, log: silentLogger });
    await fresh.papers.upsertMany(items, clock.now());
    try {
      const onSqlite = service(a.index, a.papers);
      const onPostgres = service(fresh.index, fresh.papers);
      const ndcg: number[] = [];
      for (const [text, grades] of Object.entries(shared.queries)) {
        const top = async (s: SearchService) => (await s.search({ text, limit: 10, offset: 0 })).hits.map((h) => h.card);
        const [x, y] = [await top(onSqlite), await top(onPostgres)];
        expect({ text, ids: y.map((c) => c.id) }).toEqual({ text, ids: x.map((c) => c.id) });
        ndcg.push(
          ndcgAt(
            10,
            y.map((c) => c.title),
            grades,
          ),
        );
      }
      const mean = ndcg.reduce((s, v) => s + v, 0) / ndcg.length;
      console.log(`PostgreSQL, shared judgments: mean nDCG@10 = ${mean.toFixed(3)}`);
      expect(mean).toBeGreaterThanOrEqual(0.9);
    } finally {
      db.close();
      fresh.close();
    }
  });
});
