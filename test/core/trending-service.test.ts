import { describe, expect, it } from 'vitest';
import { QuerySyntaxError } from '../../src/core/query/index.ts';
import { createTrendingService, trendingSince } from '../../src/core/trending-service.ts';
import { storeWorld } from './digest/delivery-fakes.ts';
import { redated, sampleByTitle, samplePapers } from './digest/digest-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2025-03-04T10:00:00.000Z');
const SAMPLE = samplePapers();

/** Sample papers: the first 10 from today's list, the next 10 from 5 days ago, the rest from 3 weeks ago. */
async function setup() {
  const world = storeWorld(NOW);
  const dayOf = (i: number) => (i < 10 ? 0 : i < 20 ? 5 : 21);
  const items = SAMPLE.map((item, i) =>
    redated(item, new Date(Date.parse('2025-03-04T00:00:00.000Z') - dayOf(i) * DAY), { upvotes: 10 + (i % 10) }),
  );
  await world.papers.upsertMany(items, new Date(NOW.getTime() - 30 * HOUR));
  return { ...world, service: createTrendingService(world) };
}

describe('trendingSince', () => {
  it('GIVEN a period THEN it reaches back that many days to the start of that UTC day', () => {
    expect(trendingSince('day', NOW).toISOString()).toBe('2025-03-03T00:00:00.000Z');
    expect(trendingSince('week', NOW).toISOString()).toBe('2025-02-25T00:00:00.000Z');
    expect(trendingSince('month', NOW).toISOString()).toBe('2025-02-02T00:00:00.000Z');
  });
});

describe('createTrendingService.trending', () => {
  it('GIVEN period day THEN only today’s papers, best first, with paging', async () => {
    const { service } = await setup();
    const first = await service.trending({ period: 'day', limit: 4, offset: 0 });
    const today = SAMPLE.slice(0, 10).map((item) => item.paper.id);
    expect(first.hits.map((h) => h.card.id)).toEqual([...today].reverse().slice(0, 4));
    expect(first.hasMore).toBe(true);
    expect(first.hits.every((h) => h.source === 'local' && h.snippet === '')).toBe(true);
    const last = await service.trending({ period: 'day', limit: 4, offset: 8 });
    expect(last.hits).toHaveLength(2);
    expect(last.hasMore).toBe(false);
  });

  it('GIVEN scores THEN the hits are ordered by them', async () => {
    const { service } = await setup();
    const { hits } = await service.trending({ period: 'month', limit: 10, offset: 0 });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('GIVEN period week THEN papers of the last 7 days, not older', async () => {
    const { service } = await setup();
    const { hits } = await service.trending({ period: 'week', limit: 50, offset: 0 });
    expect(hits).toHaveLength(20);
    expect((await service.trending({ period: 'month', limit: 50, offset: 0 })).hits).toHaveLength(44);
  });

  it('GIVEN upvotes gained in the last day THEN the card reason says so', async () => {
    const world = await setup();
    const rising = SAMPLE[0]?.paper.id ?? '';
    await world.papers.upsertMany(
      [{ source: 'huggingface', paper: { id: rising, title: SAMPLE[0]?.paper.title ?? '' }, signals: { upvotes: 52 } }],
      new Date(NOW.getTime() - HOUR),
    );
    const { hits } = await world.service.trending({ period: 'day', limit: 3, offset: 0 });
    expect(hits[0]?.card).toMatchObject({ id: rising, upvotes: 52, reason: '+42 upvotes today' });
    expect(hits[1]?.card.reason).toBeNull();
  });

  it('GIVEN a topic THEN only papers matching it', async () => {
    const { service } = await setup();
    const { hits } = await service.trending({ period: 'month', topic: 'backtracking', limit: 10, offset: 0 });
    const ids = hits.map((h) => h.card.id);
    expect(ids).toContain(sampleByTitle(SAMPLE, 'To Backtrack or Not to Backtrack').paper.id);
    expect(ids).not.toContain(sampleByTitle(SAMPLE, 'SSRL').paper.id);
    expect(hits.length).toBeLessThan(10);
  });

  it('GIVEN a topic that does not parse THEN a QuerySyntaxError, before any store work', async () => {
    const { service, loads } = await setup();
    await expect(service.trending({ period: 'day', topic: '-', limit: 5, offset: 0 })).rejects.toBeInstanceOf(QuerySyntaxError);
    expect(loads.count).toBe(0);
  });
});
