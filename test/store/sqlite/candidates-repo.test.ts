import { describe, expect, it } from 'vitest';
import type { SourcedPaper } from '../../../src/core/paper.ts';
import type { TopicQuery } from '../../../src/core/ports.ts';
import { and, gte, lt } from 'drizzle-orm';
import { createSqliteCandidateStore, submitted } from '../../../src/store/sqlite/candidates-repo.ts';
import { papers } from '../../../src/store/sqlite/schema.ts';
import { createSqlitePaperStore } from '../../../src/store/index.ts';
import { redated, sampleByTitle, samplePapers } from '../../core/digest/digest-fixtures.ts';
import { T0, arxivItem, hfItem, openTestDb, recordingLogger } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const window = (sinceHours: number, untilHours = 0) => ({ since: at(sinceHours), until: at(untilHours), velocityWindowMs: DAY });
const topic = (key: string, match: string | null, extra: Partial<TopicQuery> = {}): TopicQuery => ({ key, match, exclude: null, ...extra });

async function setup(items: SourcedPaper[], observedAt = at(-1)) {
  const db = openTestDb();
  const papers = createSqlitePaperStore(db);
  if (items.length > 0) await papers.upsertMany(items, observedAt);
  return { db, papers, store: createSqliteCandidateStore(db, recordingLogger()) };
}

describe('createSqliteCandidateStore.loadPool', () => {
  it('GIVEN papers submitted before, inside and after the window THEN only [since, until) are candidates, by HF date else published date', async () => {
    const { store } = await setup([
      hfItem('2501.00001', { hfSubmittedAt: at(-30).toISOString(), publishedAt: at(-100).toISOString() }),
      hfItem('2501.00002', { hfSubmittedAt: at(-24).toISOString() }),
      hfItem('2501.00003', { hfSubmittedAt: at(-1).toISOString() }),
      hfItem('2501.00004', { hfSubmittedAt: at(0).toISOString() }),
      arxivItem('2501.00005', { publishedAt: at(-5).toISOString() }),
      arxivItem('2501.00006', { publishedAt: at(-50).toISOString() }),
    ]);
    const pool = await store.loadPool(window(-24));
    expect(pool.candidates.map((c) => c.paper.id).sort()).toEqual(['2501.00002', '2501.00003', '2501.00005']);
    const arxivOnly = pool.candidates.find((c) => c.paper.id === '2501.00005');
    expect(arxivOnly).toMatchObject({ submittedAt: at(-5).toISOString(), baseline: { upvotes: 0, comments: 0, githubStars: 0 } });
    expect(arxivOnly?.paper.signals).toEqual({ upvotes: 0, comments: 0, githubStars: 0, observedAt: null });
    pool.close();
  });

  it('GIVEN the window condition THEN SQLite answers it with one range scan of papers_submitted_idx, not a table scan', () => {
    const db = openTestDb();
    const query = db.orm
      .select({ id: papers.id })
      .from(papers)
      .where(and(gte(submitted, at(-24).toISOString()), lt(submitted, at(0).toISOString())))
      .toSQL();
    const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail)).toEqual([expect.stringMatching(/^SEARCH papers USING INDEX papers_submitted_idx/)]);
  });

  it('GIVEN a signal time series THEN each candidate has its latest counters and the newest observation at or before until − 24 h as baseline', async () => {
    const { store, papers } = await setup([]);
    const id = '2501.00010';
    const submittedAt = at(-60).toISOString();
    await papers.upsertMany([hfItem(id, { hfSubmittedAt: submittedAt }, { upvotes: 5, comments: 1 })], at(-48));
    await papers.upsertMany([hfItem(id, {}, { upvotes: 8, githubStars: 40 })], at(-30));
    await papers.upsertMany([hfItem(id, {}, { upvotes: 20 })], at(-2));
    await papers.upsertMany([hfItem(id, {}, { upvotes: 99 })], at(5));
    await papers.upsertMany([hfItem('2501.00011', { hfSubmittedAt: at(-3).toISOString() }, { upvotes: 7 })], at(-2));
    const pool = await store.loadPool(window(-72));
    const byId = new Map(pool.candidates.map((c) => [c.paper.id, c]));
    expect(byId.get(id)?.paper.signals).toEqual({ upvotes: 20, comments: 1, githubStars: 40, observedAt: at(-2).toISOString() });
    expect(byId.get(id)?.baseline).toEqual({ upvotes: 8, comments: 1, githubStars: 40 });
    expect(byId.get('2501.00011')?.baseline).toEqual({ upvotes: 0, comments: 0, githubStars: 0 });
  });

  it('GIVEN an older paper first seen just now THEN its gain is unknown: baseline = current counts, never "+N today"', async () => {
    const { store } = await setup(
      [
        hfItem('2501.00020', { hfSubmittedAt: at(-60).toISOString() }, { upvotes: 18 }),
        hfItem('2501.00021', { hfSubmittedAt: at(-3).toISOString() }, { upvotes: 6 }),
      ],
      at(-1),
    );
    const pool = await store.loadPool(window(-72));
    const byId = new Map(pool.candidates.map((c) => [c.paper.id, c.baseline.upvotes]));
    expect(byId.get('2501.00020')).toBe(18);
    expect(byId.get('2501.00021')).toBe(0);
    pool.close();
  });

  it('GIVEN the real sample re-dated into the window THEN every paper is a candidate with its full text and links', async () => {
    const sample = samplePapers().map((item) => redated(item, at(-5)));
    const { store } = await setup(sample);
    const pool = await store.loadPool(window(-24));
    expect(pool.candidates).toHaveLength(44);
    const score = pool.candidates.find((c) => c.paper.id === '2409.12917');
    expect(score?.paper).toMatchObject({ title: expect.stringContaining('Self-Correct'), authors: expect.arrayContaining([expect.any(String)]) });
  });
});

describe('CandidatePool.matchTopics', () => {
  it('GIVEN a word in one title and in another abstract only THEN both match and the title match is more relevant', async () => {
    const { store } = await setup([
      hfItem('2501.00001', { title: 'Backtracking for reasoning', abstract: 'We study search.', hfSubmittedAt: at(-2).toISOString() }),
      hfItem('2501.00002', { title: 'A study of search', abstract: 'We use backtracking in a long abstract about many other things.', hfSubmittedAt: at(-2).toISOString() }),
      hfItem('2501.00003', { title: 'Unrelated', abstract: 'Nothing here.', hfSubmittedAt: at(-2).toISOString() }),
    ]);
    const pool = await store.loadPool(window(-24));
    const matches = (await pool.matchTopics([topic('backtracking', '"backtracking"')])).get('backtracking');
    expect([...(matches?.keys() ?? [])].sort()).toEqual(['2501.00001', '2501.00002']);
    expect(matches?.get('2501.00001')).toBeGreaterThan(matches?.get('2501.00002') ?? Infinity);
    for (const value of matches?.values() ?? []) expect(value).toBeGreaterThan(0);
  });

  it('GIVEN only the pool is matched THEN a matching paper outside the window is not returned', async () => {
    const { store } = await setup([
      hfItem('2501.00001', { title: 'Diffusion now', hfSubmittedAt: at(-2).toISOString() }),
      hfItem('2501.00002', { title: 'Diffusion last month', hfSubmittedAt: at(-700).toISOString() }),
    ]);
    const pool = await store.loadPool(window(-24));
    expect([...((await pool.matchTopics([topic('d', '"diffusion"')])).get('d')?.keys() ?? [])]).toEqual(['2501.00001']);
  });

  it('GIVEN excluded words, categories and organizations THEN they filter the matches; a filter-only topic matches all that pass', async () => {
    const { store } = await setup([
      hfItem('2501.00001', { title: 'Agents survey', categories: ['cs.AI'], organization: 'NVIDIA Research', hfSubmittedAt: at(-2).toISOString() }),
      hfItem('2501.00002', { title: 'Agents at scale', categories: ['cs.LG'], organization: 'Google', hfSubmittedAt: at(-2).toISOString() }),
    ]);
    const pool = await store.loadPool(window(-24));
    const result = await pool.matchTopics([
      topic('no-survey', '"agents"', { exclude: '"survey"' }),
      topic('cat', null, { categories: ['CS.ai'] }),
      topic('org', '"agents"', { orgs: ['nvidia'] }),
    ]);
    expect([...(result.get('no-survey')?.keys() ?? [])]).toEqual(['2501.00002']);
    expect([...(result.get('cat')?.entries() ?? [])]).toEqual([['2501.00001', 1]]);
    expect([...(result.get('org')?.keys() ?? [])]).toEqual(['2501.00001']);
  });

  it('GIVEN the same topic key twice, or in a later call THEN it is matched once and the same result is reused', async () => {
    const { store } = await setup(samplePapers().map((item) => redated(item, at(-5))));
    const pool = await store.loadPool(window(-24));
    const first = await pool.matchTopics([topic('self', '"self"'), topic('self', '"self"')]);
    const second = await pool.matchTopics([topic('self', '"self"')]);
    expect(second.get('self')).toBe(first.get('self'));
    expect(first.get('self')?.has(sampleByTitle(samplePapers(), 'Self-Correct via Reinforcement').paper.id)).toBe(true);
  });

  it('GIVEN a window start THEN only candidates submitted since then match, whichever window was asked first', async () => {
    const { store } = await setup([
      hfItem('2501.00001', { title: 'Agents old', hfSubmittedAt: at(-60).toISOString() }),
      hfItem('2501.00002', { title: 'Agents mid', hfSubmittedAt: at(-30).toISOString() }),
      hfItem('2501.00003', { title: 'Agents new', hfSubmittedAt: at(-2).toISOString() }),
    ]);
    const pool = await store.loadPool(window(-72));
    const ids = async (sinceHours: number | null) =>
      [...((await pool.matchTopics([topic('a', '"agents"')], sinceHours === null ? {} : { since: at(sinceHours) })).get('a')?.keys() ?? [])].sort();
    expect(await ids(-24)).toEqual(['2501.00003']);
    expect(await ids(-48)).toEqual(['2501.00002', '2501.00003']);
    expect(await ids(null)).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    expect(await ids(-24)).toEqual(['2501.00003']);
    expect(await ids(0)).toEqual([]);
    const cat = await pool.matchTopics([topic('c', null, { categories: [] })], { since: at(-48) });
    expect([...(cat.get('c')?.keys() ?? [])].sort()).toEqual(['2501.00002', '2501.00003']);
  });

  it.each(['pool', 'corpus'] as const)('GIVEN the %s topic index THEN matching, exclusions and the window agree', async (topicIndex) => {
    const { store } = await setup([
      hfItem('2501.00001', { title: 'Agents old', hfSubmittedAt: at(-60).toISOString() }),
      hfItem('2501.00002', { title: 'Agents survey', hfSubmittedAt: at(-30).toISOString() }),
      hfItem('2501.00003', { title: 'Agents new', hfSubmittedAt: at(-2).toISOString() }),
      hfItem('2501.00004', { title: 'Agents outside the pool', hfSubmittedAt: at(-100).toISOString() }),
    ]);
    const pool = await store.loadPool({ ...window(-72), topicIndex });
    const ids = async (t: TopicQuery, sinceHours?: number) =>
      [...((await pool.matchTopics([t], sinceHours === undefined ? {} : { since: at(sinceHours) })).get(t.key)?.keys() ?? [])].sort();
    expect(await ids(topic('a', '"agents"'))).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    expect(await ids(topic('b', '"agents"', { exclude: '"survey"' }))).toEqual(['2501.00001', '2501.00003']);
    expect(await ids(topic('a', '"agents"'), -48)).toEqual(['2501.00002', '2501.00003']);
    const relevance = (await pool.matchTopics([topic('a', '"agents"')])).get('a');
    for (const value of relevance?.values() ?? []) expect(value).toBeGreaterThan(0);
    pool.close();
  });

  it('GIVEN a topic FTS5 rejects THEN that topic matches nothing, is logged, and the other topics still match', async () => {
    const db = openTestDb();
    await createSqlitePaperStore(db).upsertMany([hfItem('2501.00001', { title: 'Agents', hfSubmittedAt: at(-2).toISOString() })], at(-1));
    const log = recordingLogger();
    const pool = await createSqliteCandidateStore(db, log).loadPool(window(-24));
    const result = await pool.matchTopics([topic('bad', '"unterminated'), topic('ok', '"agents"')]);
    expect(result.get('bad')?.size).toBe(0);
    expect(result.get('ok')?.size).toBe(1);
    expect(log.lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('GIVEN a closed pool THEN its temporary index is gone and two pools on one connection do not interfere', async () => {
    const { db, store } = await setup([hfItem('2501.00001', { title: 'Agents', hfSubmittedAt: at(-2).toISOString() })]);
    const a = await store.loadPool(window(-24));
    const b = await store.loadPool(window(-48, -24));
    expect((await a.matchTopics([topic('x', '"agents"')])).get('x')?.size).toBe(1);
    expect((await b.matchTopics([topic('x', '"agents"')])).get('x')?.size).toBe(0);
    a.close();
    b.close();
    expect(db.sqlite.prepare(`SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'pb_pool_%'`).pluck().get()).toBe(0);
  });
});
