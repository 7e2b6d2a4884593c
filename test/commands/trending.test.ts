import { describe, expect, it } from 'vitest';
import { setup } from './harness.ts';

describe('/papers trending', () => {
  it('GIVEN no options THEN today, 5 per page, private, shareable, with paging', async () => {
    const { fake, text } = setup();
    const reply = await text('trending');
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', shareable: true, title: 'Trending today' });
    expect(reply.hits).toHaveLength(5);
    expect(reply.paging).toMatchObject({ subcommand: 'trending', offset: 0, limit: 5, hasMore: true });
    expect(fake.calls.trending).toEqual([{ period: 'day', limit: 5, offset: 0 }]);
  });

  it('GIVEN a period and a topic as text THEN both reach the service and the title', async () => {
    const { fake, text } = setup();
    const reply = await text('trending WEEK topic:"video generation"');
    expect(fake.calls.trending).toEqual([{ period: 'week', topic: 'video generation', limit: 5, offset: 0 }]);
    expect(reply.title).toMatch(/^Trending this week · /);
  });

  it('GIVEN nothing trends THEN a friendly line and no Share', async () => {
    const { fake, run } = setup();
    fake.canned.total = 0;
    const reply = await run('trending', { period: 'month' });
    expect(reply).toMatchObject({ outcome: 'ok', shareable: false });
    expect(reply.text).toContain('Nothing is trending this month');
  });

  it.each([
    ['an unknown period', { period: 'year' }, 'one of day, week, month'],
    ['a wrong type', { period: 7 }, 'one of day, week, month'],
    ['a 5,000-character topic', { topic: 'x'.repeat(5000) }, 'the limit is 200'],
    ['since: inside the topic', { topic: 'diffusion since:7d' }, 'only works in searches'],
    ['an empty topic value', { topic: ' ' }, 'has no value'],
  ])('GIVEN %s THEN a private usage reply', async (_label, options, words) => {
    const { fake, run } = setup();
    const reply = await run('trending', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
    expect(fake.calls.trending).toHaveLength(0);
  });
});
