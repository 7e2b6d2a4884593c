/**
 * The search index must rank exactly as FTS5 scoring every match would (same papers, same order, bm25() equal to
 * the last bit), through ingest, updates, deletions and upvote changes. Small `listMinDf` so stored postings,
 * segment merging and computed postings are all exercised on a thousand papers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCorpus } from '../../../../bench/corpus.ts';
import { parseCorpusItems } from '../../../../bench/ingest-path.ts';
import type { SourcedPaper } from '../../../../src/core/paper.ts';
import type { TextSearchRequest } from '../../../../src/core/ports.ts';
import { compileMatch, parseQuery } from '../../../../src/core/query/index.ts';
import { relaxQuery } from '../../../../src/core/search-rewrite.ts';
import { createFixedClock } from '../../../../src/core/clock.ts';
import { silentLogger } from '../../../../src/core/logger.ts';
import { createSqlitePaperStore, openDatabase, type Db } from '../../../../src/store/index.ts';
import { rankExhaustively } from '../../../../src/store/sqlite/search/exhaustive.ts';
import { createSearchIndexReader } from '../../../../src/store/sqlite/search/index-read.ts';
import { MERGE_FANOUT } from '../../../../src/store/sqlite/search/index-options.ts';
import { createSearchIndexWriter } from '../../../../src/store/sqlite/search/index-write.ts';
import { hfItem, openTestDb } from '../helpers.ts';

const NOW = new Date('2025-11-21T12:00:00Z');
const OPTIONS = { searchIndex: { listMinDf: 30 } };
const corpus = createCorpus(1_200);
const word = (rank: number) => corpus.vocabulary[rank] as string;

const QUERIES = [
  'large language models',
  'reinforcement learning',
  'reasoning',
  'self reward',
  '"large language models"',
  '"chain of thought" reasoning',
  'LLM agents',
  'llm OR agents',
  'cat:cs.CV image generation',
  'reasoning since:30d',
  'author:wang reasoning',
  'author:"wei wang"',
  'org:nvidia models',
  'language models -survey -"reward model"',
  `${word(2_000)} ${word(2_500)}`,
  `${word(300)} OR ${word(320)}`,
  `"${word(40)} ${word(41)}"`,
  `${word(20_000)} models`,
  'Müller models',
];

/** Every (strict and relaxed) request the search service would send for the query mix, at a few page depths. */
function requests(): TextSearchRequest[] {
  return QUERIES.flatMap((text) => {
    const parsed = parseQuery(text, { allowSince: true });
    const since = parsed.since ? new Date(NOW.getTime() - 30 * 86_400_000) : null;
    const relaxed = relaxQuery(parsed);
    const compiled = [compileMatch(parsed, { mode: 'all' }), ...(relaxed ? [compileMatch(relaxed, { mode: 'any' })] : [])];
    return compiled.flatMap(({ match, exclude }) =>
      match === null ? [] : [1, 11, 51].map((limit) => ({ match, exclude, categories: parsed.categories, orgs: parsed.orgs, since, now: NOW, limit })),
    );
  });
}

/** What the index answers and what scoring every match answers, for every request. */
function compare(db: Db): Array<{ request: string; index: unknown; exhaustive: unknown }> {
  const reader = createSearchIndexReader(db);
  return requests().map((request) => {
    const result = reader.rank({ ...request, match: request.match as string, categories: request.categories ?? [], orgs: request.orgs ?? [], since: request.since ?? null, skipIds: null, k: request.limit });
    const exhaustive = rankExhaustively(db, request);
    return {
      request: `${request.match} [${request.limit}]`,
      index: result && { hits: result.hits.map((h) => [h.paperId, h.relevance]), best: result.best },
      exhaustive: { hits: exhaustive.ranked.map((h) => [h.id, h.relevance]), best: exhaustive.best },
    };
  });
}

async function ingestCorpus(db: Db): Promise<void> {
  const store = createSqlitePaperStore(db, OPTIONS);
  for (let at = 0; at < corpus.size; at += 300) await store.upsertMany(parseCorpusItems(corpus.batch(at, 300)).items, NOW);
}

describe('search index', () => {
  // One database for the first tests (openTestDb would close it after each test).
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:', { log: silentLogger, clock: createFixedClock(NOW) });
    await ingestCorpus(db);
  }, 60_000);
  afterAll(() => db.close());

  it('GIVEN a thousand papers ingested in batches THEN every query ranks exactly as FTS5 scoring every match', () => {
    const results = compare(db);
    expect(results.length).toBeGreaterThan(80);
    for (const r of results) expect({ request: r.request, ranked: r.index }).toEqual({ request: r.request, ranked: r.exhaustive });
  });

  it('keeps a handful of postings segments per term however many batches were ingested', () => {
    const most = db.sqlite.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM search_postings GROUP BY term_id)').pluck().get() as number;
    expect(most).toBeGreaterThan(0);
    // Tiering keeps fewer than MERGE_FANOUT segments per size class.
    expect(most).toBeLessThan(2 * MERGE_FANOUT);
  });

  it('GIVEN titles changed, papers deleted and upvotes moved THEN it still ranks exactly as FTS5', async () => {
    const store = createSqlitePaperStore(db, OPTIONS);
    const ids = db.sqlite.prepare('SELECT id FROM papers ORDER BY doc_id LIMIT 40').pluck().all() as string[];
    const changed: SourcedPaper[] = ids.slice(0, 20).map((id, i) => hfItem(id, { title: `Large language models for reasoning, revision ${i}` }, { upvotes: 500 + i }));
    await store.upsertMany(changed, NOW);
    db.sqlite.prepare('DELETE FROM papers WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids.slice(20, 30)));
    expect(createSearchIndexReader(db).rank({ match: '"reasoning"', exclude: null, categories: [], orgs: [], since: null, skipIds: null, k: 10, now: NOW })).toBeNull();
    // The next write (or search, through the store's index) takes the deleted papers out first.
    await store.upsertMany([], NOW);
    for (const r of compare(db)) expect({ request: r.request, ranked: r.index }).toEqual({ request: r.request, ranked: r.exhaustive });
    expect(db.sqlite.prepare('SELECT count(*) FROM search_stale').pluck().get()).toBe(0);
  });

  it('GIVEN those ingests, updates and deletions THEN its terms are FTS5\'s, with FTS5\'s document counts and dense ids', () => {
    db.sqlite.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows USING fts5vocab(main, papers_fts, row)');
    const fts = db.sqlite.prepare('SELECT term, doc FROM temp.fts_rows ORDER BY term').raw().all();
    expect(db.sqlite.prepare('SELECT term, df FROM search_terms WHERE df > 0 ORDER BY term').raw().all()).toEqual(fts);
    const ids = db.sqlite.prepare('SELECT id FROM search_terms ORDER BY id').pluck().all() as number[];
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });

  it('GIVEN a database whose papers predate the index THEN search uses FTS5 until the index has caught up', async () => {
    const old = openTestDb(undefined, { at: NOW });
    await ingestCorpus(old);
    // As a database from before migration 0003 looks once migrated: papers, but nothing indexed.
    old.sqlite.exec('DELETE FROM search_docs; DELETE FROM search_postings; DELETE FROM search_terms; UPDATE search_meta SET docs = 0, tokens = 0, complete = 0');
    const reader = createSearchIndexReader(old);
    const request = { match: '"reasoning"', exclude: null, categories: [], orgs: [], since: null, skipIds: null, k: 10, now: NOW };
    expect(reader.rank(request)).toBeNull();
    const writer = createSearchIndexWriter(old, OPTIONS.searchIndex);
    while (old.sqlite.transaction(() => writer.catchUp(500))() > 0);
    old.sqlite.transaction(() => writer.catchUp(500))();
    expect(reader.complete()).toBe(true);
    for (const r of compare(old)) expect({ request: r.request, ranked: r.index }).toEqual({ request: r.request, ranked: r.exhaustive });
  });
});
