/**
 * The CandidateStore contract: the candidate pool of a window with its velocity baselines, and topic matching
 * against exactly that pool. Topics are compiled by the core (`compileTopic`), as a digest run compiles them.
 */
import { describe, expect, it } from 'vitest';
import type { SourcedPaper } from '../../src/core/paper.ts';
import type { CandidatePool, TopicQuery } from '../../src/core/ports.ts';
import { compileTopic } from '../../src/core/query/index.ts';
import { redated, sampleByTitle, samplePapers } from '../core/digest/digest-fixtures.ts';
import { arxivItem, hfItem } from '../helpers/sourced-papers.ts';
import { T0, type MakeStores } from './store-set.ts';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const window = (sinceHours: number, untilHours = 0) => ({ since: at(sinceHours), until: at(untilHours), velocityWindowMs: 24 * HOUR });
const topic = (text: string): TopicQuery => compileTopic(text).query;
const submittedAt = (hours: number) => ({ hfSubmittedAt: at(hours).toISOString() });

/** The ids `topic` matches in `pool` (sorted), checking every relevance is positive on the way. */
async function matchedIds(pool: CandidatePool, query: TopicQuery, options: { since?: Date } = {}): Promise<string[]> {
  const matches = (await pool.matchTopics([query], options)).get(query.key) ?? new Map<string, number>();
  for (const relevance of matches.values()) expect(relevance).toBeGreaterThan(0);
  return [...matches.keys()].sort();
}

/** Runs the CandidateStore contract against `makeStores`. */
export function describeCandidateStoreContract(name: string, makeStores: MakeStores): void {
  /** The stores with `items` upserted as observed at `observedAt`. */
  async function setup(items: SourcedPaper[], observedAt = at(-1)) {
    const stores = await makeStores();
    if (items.length > 0) await stores.papers.upsertMany(items, observedAt);
    return stores;
  }

  describe(`CandidateStore contract: ${name} — loadPool`, () => {
    it('GIVEN papers submitted before, inside and after the window THEN only [since, until) are candidates, by HF date else published date', async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', { hfSubmittedAt: at(-30).toISOString(), publishedAt: at(-100).toISOString() }),
        hfItem('2501.00002', submittedAt(-24)),
        hfItem('2501.00003', submittedAt(-1)),
        hfItem('2501.00004', submittedAt(0)),
        arxivItem('2501.00005', { publishedAt: at(-5).toISOString() }),
        arxivItem('2501.00006', { publishedAt: at(-50).toISOString() }),
      ]);
      const pool = await candidates.loadPool(window(-24));
      expect([pool.since, pool.until]).toEqual([at(-24), at(0)]);
      expect(pool.candidates.map((c) => c.paper.id).sort()).toEqual(['2501.00002', '2501.00003', '2501.00005']);
      const arxivOnly = pool.candidates.find((c) => c.paper.id === '2501.00005');
      expect(arxivOnly).toMatchObject({ submittedAt: at(-5).toISOString(), baseline: { upvotes: 0, comments: 0, githubStars: 0 } });
      expect(arxivOnly?.paper.signals).toEqual({ upvotes: 0, comments: 0, githubStars: 0, observedAt: null });
      pool.close();
    });

    it('GIVEN a signal time series THEN each candidate has its latest counters and the newest observation at or before until − 24 h as baseline', async () => {
      const { candidates, papers } = await setup([]);
      const id = '2501.00010';
      await papers.upsertMany([hfItem(id, submittedAt(-60), { upvotes: 5, comments: 1 })], at(-48));
      await papers.upsertMany([hfItem(id, {}, { upvotes: 8, githubStars: 40 })], at(-30));
      await papers.upsertMany([hfItem(id, {}, { upvotes: 20 })], at(-2));
      await papers.upsertMany([hfItem(id, {}, { upvotes: 99 })], at(5));
      await papers.upsertMany([hfItem('2501.00011', submittedAt(-3), { upvotes: 7 })], at(-2));
      const pool = await candidates.loadPool(window(-72));
      const byId = new Map(pool.candidates.map((c) => [c.paper.id, c]));
      expect(byId.get(id)?.paper.signals).toEqual({ upvotes: 20, comments: 1, githubStars: 40, observedAt: at(-2).toISOString() });
      expect(byId.get(id)?.baseline).toEqual({ upvotes: 8, comments: 1, githubStars: 40 });
      expect(byId.get('2501.00011')?.baseline).toEqual({ upvotes: 0, comments: 0, githubStars: 0 });
      pool.close();
    });

    it('GIVEN an older paper first seen just now THEN its gain is unknown: baseline = current counts, never "+N today"', async () => {
      const { candidates } = await setup(
        [hfItem('2501.00020', submittedAt(-60), { upvotes: 18 }), hfItem('2501.00021', submittedAt(-3), { upvotes: 6 })],
        at(-1),
      );
      const pool = await candidates.loadPool(window(-72));
      const baselines = new Map(pool.candidates.map((c) => [c.paper.id, c.baseline.upvotes]));
      expect(baselines.get('2501.00020')).toBe(18);
      expect(baselines.get('2501.00021')).toBe(0);
      pool.close();
    });

    it('GIVEN the real sample re-dated into the window THEN every paper is a candidate with its full text', async () => {
      const { candidates } = await setup(samplePapers().map((item) => redated(item, at(-5))));
      const pool = await candidates.loadPool(window(-24));
      expect(pool.candidates).toHaveLength(44);
      const score = pool.candidates.find((c) => c.paper.id === '2409.12917');
      expect(score?.paper).toMatchObject({
        title: expect.stringContaining('Self-Correct'),
        authors: expect.arrayContaining([expect.any(String)]),
      });
      pool.close();
    });
  });

  describe(`CandidateStore contract: ${name} — matchTopics`, () => {
    it('GIVEN a word in one title and in another abstract only THEN both match and the title match is more relevant', async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', { title: 'Backtracking for reasoning', abstract: 'We study search.', ...submittedAt(-2) }),
        hfItem('2501.00002', {
          title: 'A study of search',
          abstract: 'We use backtracking in a long abstract about many other things.',
          ...submittedAt(-2),
        }),
        hfItem('2501.00003', { title: 'Unrelated', abstract: 'Nothing here.', ...submittedAt(-2) }),
      ]);
      const pool = await candidates.loadPool(window(-24));
      const query = topic('backtracking');
      expect(await matchedIds(pool, query)).toEqual(['2501.00001', '2501.00002']);
      const relevance = (await pool.matchTopics([query])).get(query.key);
      expect(relevance?.get('2501.00001')).toBeGreaterThan(relevance?.get('2501.00002') ?? Infinity);
      pool.close();
    });

    it('GIVEN a matching paper outside the window THEN only the pool is matched and it is not returned', async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', { title: 'Diffusion now', ...submittedAt(-2) }),
        hfItem('2501.00002', { title: 'Diffusion last month', ...submittedAt(-700) }),
      ]);
      const pool = await candidates.loadPool(window(-24));
      expect(await matchedIds(pool, topic('diffusion'))).toEqual(['2501.00001']);
      pool.close();
    });

    it('GIVEN excluded words, categories and organizations THEN they filter the matches; a filter-only topic matches all that pass', async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', { title: 'Agents survey', categories: ['cs.AI'], organization: 'NVIDIA Research', ...submittedAt(-2) }),
        hfItem('2501.00002', { title: 'Agents at scale', categories: ['cs.LG'], organization: 'Google', ...submittedAt(-2) }),
      ]);
      const pool = await candidates.loadPool(window(-24));
      expect(await matchedIds(pool, topic('agents -survey'))).toEqual(['2501.00002']);
      expect(await matchedIds(pool, topic('cat:cs.AI'))).toEqual(['2501.00001']);
      expect(await matchedIds(pool, topic('agents org:nvidia'))).toEqual(['2501.00001']);
      pool.close();
    });

    it("GIVEN org: with an organization's handle or words of its name THEN a topic matches its papers either way", async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', {
          title: 'Egocentric gesture recognition',
          organization: 'Multimedia and Human Understanding Group',
          organizationHandle: 'MHUGLab',
          ...submittedAt(-2),
        }),
        hfItem('2501.00002', { title: 'Gesture synthesis', organization: 'NVIDIA', organizationHandle: 'nvidia', ...submittedAt(-2) }),
      ]);
      const pool = await candidates.loadPool(window(-24));
      expect(await matchedIds(pool, topic('gesture org:MHUGLab'))).toEqual(['2501.00001']);
      expect(await matchedIds(pool, topic('org:mhuglab'))).toEqual(['2501.00001']);
      expect(await matchedIds(pool, topic('gesture org:"human understanding"'))).toEqual(['2501.00001']);
      expect(await matchedIds(pool, topic('gesture org:mhug'))).toEqual([]);
      expect(await matchedIds(pool, topic('gesture org:nvidia'))).toEqual(['2501.00002']);
      pool.close();
    });

    it('GIVEN several topics in one call THEN each is answered under its own key', async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', { title: 'Agents', ...submittedAt(-2) }),
        hfItem('2501.00002', { title: 'Diffusion', ...submittedAt(-2) }),
      ]);
      const pool = await candidates.loadPool(window(-24));
      const result = await pool.matchTopics([topic('agents'), topic('diffusion'), topic('robots')]);
      expect(Object.fromEntries([...result].map(([key, matches]) => [key, [...matches.keys()]]))).toEqual({
        [topic('agents').key]: ['2501.00001'],
        [topic('diffusion').key]: ['2501.00002'],
        [topic('robots').key]: [],
      });
      pool.close();
    });

    it('GIVEN the same topic key twice, or in a later call THEN it is matched once and the same result is reused', async () => {
      const { candidates } = await setup(samplePapers().map((item) => redated(item, at(-5))));
      const pool = await candidates.loadPool(window(-24));
      const first = await pool.matchTopics([topic('self'), topic('self')]);
      const second = await pool.matchTopics([topic('self')]);
      expect(second.get(topic('self').key)).toBe(first.get(topic('self').key));
      expect(first.get(topic('self').key)?.has(sampleByTitle(samplePapers(), 'Self-Correct via Reinforcement').paper.id)).toBe(true);
      pool.close();
    });

    it('GIVEN a window start THEN only candidates submitted since then match, whichever window was asked first', async () => {
      const { candidates } = await setup([
        hfItem('2501.00001', { title: 'Agents old', ...submittedAt(-60) }),
        hfItem('2501.00002', { title: 'Agents mid', ...submittedAt(-30) }),
        hfItem('2501.00003', { title: 'Agents new', ...submittedAt(-2) }),
      ]);
      const pool = await candidates.loadPool(window(-72));
      const agents = topic('agents');
      expect(await matchedIds(pool, agents, { since: at(-24) })).toEqual(['2501.00003']);
      expect(await matchedIds(pool, agents, { since: at(-48) })).toEqual(['2501.00002', '2501.00003']);
      expect(await matchedIds(pool, agents)).toEqual(['2501.00001', '2501.00002', '2501.00003']);
      expect(await matchedIds(pool, agents, { since: at(-24) })).toEqual(['2501.00003']);
      expect(await matchedIds(pool, agents, { since: at(0) })).toEqual([]);
      pool.close();
    });

    it.each(['pool', 'corpus'] as const)('GIVEN the %s topic index THEN matching, exclusions and the window agree', async (topicIndex) => {
      const { candidates } = await setup([
        hfItem('2501.00001', { title: 'Agents old', ...submittedAt(-60) }),
        hfItem('2501.00002', { title: 'Agents survey', ...submittedAt(-30) }),
        hfItem('2501.00003', { title: 'Agents new', ...submittedAt(-2) }),
        hfItem('2501.00004', { title: 'Agents outside the pool', ...submittedAt(-100) }),
      ]);
      const pool = await candidates.loadPool({ ...window(-72), topicIndex });
      expect(await matchedIds(pool, topic('agents'))).toEqual(['2501.00001', '2501.00002', '2501.00003']);
      expect(await matchedIds(pool, topic('agents -survey'))).toEqual(['2501.00001', '2501.00003']);
      expect(await matchedIds(pool, topic('agents'), { since: at(-48) })).toEqual(['2501.00002', '2501.00003']);
      pool.close();
    });
  });
}
