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
import { compileQuery, parseQuery, type TextQuery } from '../../../../src/core/query/index.ts';
import { SEARCH_RANKING } from '../../../../src/core/search-rank.ts';
import { relaxQuery } from '../../../../src/core/search-rewrite.ts';
import { createFixedClock } from '../../../../src/core/clock.ts';
import { silentLogger } from '../../../../src/core/logger.ts';
import { openDatabase, type Db } from '../../../../src/store/index.ts';
import { rankExhaustively } from '../../../../src/store/sqlite/search/exhaustive.ts';
import { createSearchIndexReader } from '../../../../src/store/sqlite/search/index-read.ts';
import { MERGE_FANOUT } from '../../../../src/store/search/index-options.ts';
import { createSearchIndexWriter } from '../../../../src/store/sqlite/search/index-write.ts';
import { fts5Expression } from '../../../../src/store/sqlite/search/fts5-expression.ts';
import { createRecordingLogger } from '../../../helpers/recording-logger.ts';
import { sqliteStore } from '../../../helpers/sqlite-store.ts';
import { hfItem, openTestDb } from '../helpers.ts';

const NOW = new Date('2025-11-21T12:00:00Z');
const SIZES = { listMinDf: 30 };
const REASONING: TextQuery = { kind: 'phrase', text: 'reasoning', field: null };
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
    const compiled = [compileQuery(parsed, { mode: 'all' }), ...(relaxed ? [compileQuery(relaxed, { mode: 'any' })] : [])];
    return compiled.flatMap(({ text, exclude }) =>
      text === null
        ? []
        : [1, 11, 51].map((limit) => ({ text, exclude, categories: parsed.categories, orgs: parsed.orgs, since, now: NOW, limit })),
    );
  });
}

/** What the index answers and what scoring every match answers, for every request. */
function compare(db: Db): Array<{ request: string; index: unknown; exhaustive: unknown }> {
  const reader = createSearchIndexReader(db, SEARCH_RANKING);
  return requests().map((request) => {
    const text = request.text as TextQuery;
    const result = reader.rank({
      ...request,
      text,
      categories: request.categories ?? [],
      orgs: request.orgs ?? [],
      since: request.since ?? null,
      skipIds: null,
      k: request.limit,
    });
    const exhaustive = rankExhaustively(db, SEARCH_RANKING, request);
    return {
      request: `${fts5Expression(text)} [${request.limit}]`,
      index: result && { hits: result.hits.map((h) => [h.paperId, h.relevance]), best: result.best },
      exhaustive: { hits: exhaustive.ranked.map((h) => [h.id, h.relevance]), best: exhaustive.best },
    };
  });
}

async function ingestCorpus(db: Db): Promise<void> {
  const store = sqliteStore(db, { searchIndexSizes: SIZES }).papers;
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
    const most = db.sqlite
      .prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM search_postings GROUP BY term_id)')
      .pluck()
      .get() as number;
    expect(most).toBeGreaterThan(0);
    // Tiering keeps fewer than MERGE_FANOUT segments per size class.
    expect(most).toBeLessThan(2 * MERGE_FANOUT);
  });

  it('GIVEN titles changed, papers deleted and upvotes moved THEN it still ranks exactly as FTS5', async () => {
    const store = sqliteStore(db, { searchIndexSizes: SIZES }).papers;
    const ids = db.sqlite.prepare('SELECT id FROM papers ORDER BY doc_id LIMIT 40').pluck().all() as string[];
    const changed: SourcedPaper[] = ids
      .slice(0, 20)
      .map((id, i) => hfItem(id, { title: `Large language models for reasoning, revision ${i}` }, { upvotes: 500 + i }));
    await store.upsertMany(changed, NOW);
    db.sqlite.prepare('DELETE FROM papers WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids.slice(20, 30)));
    expect(
      createSearchIndexReader(db, SEARCH_RANKING).rank({
        text: REASONING,
        exclude: null,
        categories: [],
        orgs: [],
        since: null,
        skipIds: null,
        k: 10,
        now: NOW,
      }),
    ).toBeNull();
    // The next write (or search, through the store's index) takes the deleted papers out first.
    await store.upsertMany([], NOW);
    for (const r of compare(db)) expect({ request: r.request, ranked: r.index }).toEqual({ request: r.request, ranked: r.exhaustive });
    expect(db.sqlite.prepare('SELECT count(*) FROM search_stale').pluck().get()).toBe(0);
  });

  it("GIVEN those ingests, updates and deletions THEN its terms are FTS5's, with FTS5's document counts and dense ids", () => {
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
    old.sqlite.exec(
      'DELETE FROM search_docs; DELETE FROM search_postings; DELETE FROM search_terms; UPDATE search_meta SET docs = 0, tokens = 0, complete = 0',
    );
    const reader = createSearchIndexReader(old, SEARCH_RANKING);
    const request = { text: REASONING, exclude: null, categories: [], orgs: [], since: null, skipIds: null, k: 10, now: NOW };
    expect(reader.rank(request)).toBeNull();
    const writer = createSearchIndexWriter(old, SEARCH_RANKING, SIZES);
    while (old.sqlite.transaction(() => writer.catchUp(500))() > 0);
    old.sqlite.transaction(() => writer.catchUp(500))();
    expect(reader.complete()).toBe(true);
    for (const r of compare(old)) expect({ request: r.request, ranked: r.index }).toEqual({ request: r.request, ranked: r.exhaustive });
  });

  it('GIVEN the index switched off while papers change, then on THEN it is emptied, rebuilt, and ranks exactly as FTS5', async () => {
    const db = openTestDb(undefined, { at: NOW });
    await ingestCorpus(db);
    const count = (table: string) => db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const off = sqliteStore(db, { searchIndex: false, searchIndexSizes: SIZES });
    expect(count('search_docs')).toBe(0);
    const ids = db.sqlite.prepare('SELECT id FROM papers ORDER BY doc_id LIMIT 10').pluck().all() as string[];
    await off.papers.upsertMany(
      ids.map((id, i) => hfItem(id, { title: `Reasoning with large language models ${i}` }, { upvotes: 900 + i })),
      NOW,
    );
    expect(count('search_docs')).toBe(0);

    const log = createRecordingLogger();
    const on = sqliteStore(db, { searchIndexSizes: SIZES, log });
    const request = { text: REASONING, exclude: null, now: NOW, limit: 10 };
    // Not rebuilt yet: FTS5 answers (and the rebuild starts in the background).
    expect((await on.index.search(request)).hits.length).toBe(10);
    expect(log.entries.some((e) => e.message.includes('FTS5 scores every match'))).toBe(true);
    while (!(db.sqlite.prepare('SELECT complete FROM search_meta').pluck().get() as number))
      await new Promise((resolve) => setImmediate(resolve));
    expect(count('search_docs')).toBe(count('papers'));
    for (const r of compare(db)) expect({ request: r.request, ranked: r.index }).toEqual({ request: r.request, ranked: r.exhaustive });
  });
});
