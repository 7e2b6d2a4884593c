/**
 * SQLite details of the CandidateStore (its query plan, FTS5 errors, temporary indexes) and topic matching with
 * hand-built topics; the port-level behaviour is test/contracts/candidate-store.contract.ts.
 */
import { describe, expect, it } from 'vitest';
import type { SourcedPaper } from '../../../src/core/paper.ts';
import type { TopicQuery } from '../../../src/core/ports.ts';
import type { TextQuery } from '../../../src/core/query/index.ts';
import { and, gte, lt } from 'drizzle-orm';
import { createSqliteCandidateStore, submitted } from '../../../src/store/sqlite/candidates-repo.ts';
import { papers } from '../../../src/store/sqlite/schema.ts';
import { redated, sampleByTitle, samplePapers } from '../../core/digest/digest-fixtures.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { T0, hfItem, openTestDb } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const window = (sinceHours: number, untilHours = 0) => ({ since: at(sinceHours), until: at(untilHours), velocityWindowMs: DAY });
const phrase = (text: string): TextQuery => ({ kind: 'phrase', text, field: null });
/** A topic matching one word (or, with null, only its filters). */
const topic = (key: string, word: string | TextQuery | null, extra: Partial<TopicQuery> = {}): TopicQuery => ({
  key,
  text: typeof word === 'string' ? phrase(word) : word,
  exclude: null,
  ...extra,
});

async function setup(items: SourcedPaper[], observedAt = at(-1)) {
  const db = openTestDb();
  const papers = sqliteStore(db).papers;
  if (items.length > 0) await papers.upsertMany(items, observedAt);
  return { db, papers, store: createSqliteCandidateStore(db, createRecordingLogger()) };
}

describe('createSqliteCandidateStore.loadPool', () => {
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
});

describe('CandidatePool.matchTopics', () => {
  it('GIVEN a word in one title and in another abstract only THEN both match and the title match is more relevant', async () => {
    const { store } = await setup([
      hfItem('2501.00001', { title: 'Backtracking for reasoning', abstract: 'We study search.', hfSubmittedAt: at(-2).toISOString() }),
      hfItem('2501.00002', {
        title: 'A study of search',
        abstract: 'We use backtracking in a long abstract about many other things.',
        hfSubmittedAt: at(-2).toISOString(),
      }),
      hfItem('2501.00003', { title: 'Unrelated', abstract: 'Nothing here.', hfSubmittedAt: at(-2).toISOString() }),
    ]);
    const pool = await store.loadPool(window(-24));
    const matches = (await pool.matchTopics([topic('backtracking', 'backtracking')])).get('backtracking');
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
    expect([...((await pool.matchTopics([topic('d', 'diffusion')])).get('d')?.keys() ?? [])]).toEqual(['2501.00001']);
  });

  it('GIVEN excluded words, categories and organizations THEN they filter the matches; a filter-only topic matches all that pass', async () => {
    const { store } = await setup([
      hfItem('2501.00001', {
        title: 'Agents survey',
        categories: ['cs.AI'],
        organization: 'NVIDIA Research',
        hfSubmittedAt: at(-2).toISOString(),
      }),
      hfItem('2501.00002', {
        title: 'Agents at scale',
        categories: ['cs.LG'],
        organization: 'Google',
        hfSubmittedAt: at(-2).toISOString(),
      }),
    ]);
    const pool = await store.loadPool(window(-24));
    const result = await pool.matchTopics([
      topic('no-survey', 'agents', { exclude: phrase('survey') }),
      topic('cat', null, { categories: ['CS.ai'] }),
      topic('org', 'agents', { orgs: ['nvidia'] }),
    ]);
    expect([...(result.get('no-survey')?.keys() ?? [])]).toEqual(['2501.00002']);
    expect([...(result.get('cat')?.entries() ?? [])]).toEqual([['2501.00001', 1]]);
    expect([...(result.get('org')?.keys() ?? [])]).toEqual(['2501.00001']);
  });

  it('GIVEN the same topic key twice, or in a later call THEN it is matched once and the same result is reused', async () => {
    const { store } = await setup(samplePapers().map((item) => redated(item, at(-5))));
    const pool = await store.loadPool(window(-24));
    const first = await pool.matchTopics([topic('self', 'self'), topic('self', 'self')]);
    const second = await pool.matchTopics([topic('self', 'self')]);
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
      [
        ...((await pool.matchTopics([topic('a', 'agents')], sinceHours === null ? {} : { since: at(sinceHours) })).get('a')?.keys() ?? []),
      ].sort();
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
    expect(await ids(topic('a', 'agents'))).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    expect(await ids(topic('b', 'agents', { exclude: phrase('survey') }))).toEqual(['2501.00001', '2501.00003']);
    expect(await ids(topic('a', 'agents'), -48)).toEqual(['2501.00002', '2501.00003']);
    const relevance = (await pool.matchTopics([topic('a', 'agents')])).get('a');
    for (const value of relevance?.values() ?? []) expect(value).toBeGreaterThan(0);
    pool.close();
  });

  it('GIVEN a topic FTS5 rejects THEN that topic matches nothing, is logged, and the other topics still match', async () => {
    const db = openTestDb();
    await sqliteStore(db).papers.upsertMany([hfItem('2501.00001', { title: 'Agents', hfSubmittedAt: at(-2).toISOString() })], at(-1));
    const log = createRecordingLogger();
    const pool = await createSqliteCandidateStore(db, log).loadPool(window(-24));
    const result = await pool.matchTopics([
      topic('bad', { kind: 'and', children: [phrase('agents'), { kind: 'or', children: [] }] }),
      topic('ok', 'agents'),
    ]);
    expect(result.get('bad')?.size).toBe(0);
    expect(result.get('ok')?.size).toBe(1);
    expect(log.entries.map((l) => l.level)).toEqual(['warn']);
  });

  it('GIVEN a closed pool THEN its temporary index is gone and two pools on one connection do not interfere', async () => {
    const { db, store } = await setup([hfItem('2501.00001', { title: 'Agents', hfSubmittedAt: at(-2).toISOString() })]);
    const a = await store.loadPool(window(-24));
    const b = await store.loadPool(window(-48, -24));
    expect((await a.matchTopics([topic('x', 'agents')])).get('x')?.size).toBe(1);
    expect((await b.matchTopics([topic('x', 'agents')])).get('x')?.size).toBe(0);
    a.close();
    b.close();
    expect(db.sqlite.prepare(`SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'pb_pool_%'`).pluck().get()).toBe(0);
  });
});
