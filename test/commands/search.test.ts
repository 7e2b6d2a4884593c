import { describe, expect, it } from 'vitest';
import { setup } from './harness.ts';

describe('/papers search', () => {
  it('GIVEN the documented example as text THEN a private page of 5 hits with paging and share, and since passed on', async () => {
    const { fake, text } = setup();
    const reply = await text('/papers search "diffusion transformers" -survey since:30d');
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', shareable: true });
    expect(reply.hits).toHaveLength(5);
    expect(reply.paging).toEqual({
      subcommand: 'search',
      options: { query: '"diffusion transformers" -survey', since: '30d' },
      offset: 0,
      limit: 5,
      hasMore: true,
    });
    expect(reply.origin).toEqual({ subcommand: 'search', options: { query: '"diffusion transformers" -survey', since: '30d' }, offset: 0 });
    expect(fake.calls.search).toEqual([{ text: '"diffusion transformers" -survey', since: '30d', limit: 5, offset: 0 }]);
  });

  it('GIVEN Discord-typed limit 10 and offset 10 THEN the last page, without more', async () => {
    const { fake, run } = setup();
    const reply = await run('search', { query: 'diffusion', limit: 10 }, { offset: 10 });
    expect(reply.hits).toHaveLength(2);
    expect(reply.paging).toMatchObject({ offset: 10, limit: 10, hasMore: false });
    expect(fake.calls.search[0]).toEqual({ text: 'diffusion', limit: 10, offset: 10 });
  });

  it('GIVEN the search service adds notes THEN the reply shows them', async () => {
    const { fake, run } = setup();
    fake.canned.notes = ['Hugging Face unreachable; showing local results'];
    expect((await run('search', { query: 'x' })).notes).toEqual(['Hugging Face unreachable; showing local results']);
  });

  it('GIVEN nothing matches THEN a friendly private hint and no Share', async () => {
    const { fake, run } = setup();
    fake.canned.total = 0;
    const reply = await run('search', { query: 'zebra' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', shareable: false });
    expect(reply.text).toContain('No papers matched `zebra`');
  });

  it('GIVEN FTS5 operator garbage that the query language can read THEN it is searched, not refused', async () => {
    const { fake, run } = setup();
    const reply = await run('search', { query: 'NEAR(a b) AND * ^ "x" OR' });
    expect(reply.outcome).toBe('ok');
    expect(fake.calls.search[0]?.text).toBe('NEAR(a b) AND * ^ "x" OR');
  });

  it.each([
    ['limit:abc', { query: 'x', limit: 'abc' }, 'whole number'],
    ['limit:2.5', { query: 'x', limit: 2.5 }, 'whole number'],
    ['limit:0', { query: 'x', limit: 0 }, 'from 1 to 10'],
    ['limit:11', { query: 'x', limit: '11' }, 'from 1 to 10'],
    ['limit: (empty)', { query: 'x', limit: '' }, 'has no value'],
    ['a 301-character query', { query: 'a'.repeat(301) }, 'the limit is 300'],
    ['a 5,000-character query', { query: 'word '.repeat(1000) }, 'the limit is 300'],
    ['since:yesterday', { query: 'x', since: 'yesterday' }, 'since:'],
    ['a missing query', {}, 'needs query'],
    ['an unknown option', { query: 'x', sort: 'new' }, 'no option sort:'],
    ['an unparseable query', { query: 'OR' }, 'nothing to search for'],
    ['a bad category', { query: 'cat:zz.QQ' }, 'not an arXiv category'],
  ])('GIVEN %s THEN a private usage reply and no search', async (_label, options, words) => {
    const { fake, run } = setup();
    const reply = await run('search', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
    expect(reply.text).toContain('/papers search <query>');
    expect(fake.calls.search).toHaveLength(0);
  });

  it('GIVEN an unparseable query THEN the grammar is shown once, as a block', async () => {
    const { run } = setup();
    const text = (await run('search', { query: '""' })).text ?? '';
    expect(text.match(/How to write a query/g)).toHaveLength(1);
    expect(text).toContain('```');
  });

  it('GIVEN a non-manager THEN search still works', async () => {
    const { run } = setup();
    expect((await run('search', { query: 'x' }, { manager: false })).outcome).toBe('ok');
  });
});
