import { describe, expect, it } from 'vitest';
import { makeCard } from '../fakes/fake-services.ts';
import { setup } from './harness.ts';

describe('/papers paper', () => {
  it.each(['https://arxiv.org/abs/2409.12917v2', '2409.12917', 'arXiv:2409.12917', '<https://huggingface.co/papers/2409.12917|hf>'])(
    'GIVEN %j THEN the paper is looked up by canonical id and shown privately, shareable',
    async (id) => {
      const { fake, text } = setup();
      fake.papers.set('2409.12917', {
        card: makeCard('2409.12917'),
        abstract: 'We study $O(n^2)$ things. More.',
        publishedAt: '2024-09-19T00:00:00Z',
        categories: ['cs.LG'],
        sourceNote: 'fetched from arXiv just now',
      });
      const reply = await text(`paper ${id}`);
      expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', shareable: true, notes: ['fetched from arXiv just now'] });
      expect(reply.cards?.[0]?.id).toBe('2409.12917');
      expect(reply.text).toContain('We study O(n^2) things.');
      expect(reply.text).toContain('Published 2024-09-19 · cs.LG');
    },
  );

  it('GIVEN an id nobody knows THEN a friendly private "not found"', async () => {
    const { run } = setup();
    const reply = await run('paper', { id: '2409.99999' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'declined' });
    expect(reply.text).toContain("I couldn't find `2409.99999`");
  });

  it.each([
    ['not an id', { id: 'diffusion models' }, "isn't an arXiv id or paper link"],
    ['a foreign URL', { id: 'https://example.com/abs/2409.12917' }, 'https://arxiv.org/abs/2409.12917'],
    ['a missing id', {}, 'needs id'],
    ['a 5,000-character id', { id: 'x'.repeat(5000) }, "isn't an arXiv id"],
  ])('GIVEN %s THEN a private usage reply with examples', async (_label, options, words) => {
    const { run } = setup();
    const reply = await run('paper', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
  });
});
