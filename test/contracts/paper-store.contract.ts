/** The PaperStore contract: merge-upserts on the canonical id with a signal time series, for every store. */
import { describe, expect, it } from 'vitest';
import type { SourcedPaper } from '../../src/core/paper.ts';
import { arxivItem, hfItem } from '../helpers/sourced-papers.ts';
import { T0, type MakeStores } from './store-set.ts';

const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

/** Runs the PaperStore contract against `makeStores`. */
export function describePaperStoreContract(name: string, makeStores: MakeStores): void {
  const setup = async () => (await makeStores()).papers;

  describe(`PaperStore contract: ${name}`, () => {
    it('GIVEN an unknown id THEN get returns null and count is 0', async () => {
      const store = await setup();
      expect(await store.get('2409.12917')).toBeNull();
      expect(await store.count()).toBe(0);
    });

    it('GIVEN a new paper THEN stores every field, stamps firstSeenAt and updatedAt, and reports it inserted', async () => {
      const store = await setup();
      const item: SourcedPaper = {
        source: 'huggingface',
        paper: {
          id: '2409.12917',
          version: 2,
          title: 'Training language models to self-correct',
          abstract: 'We propose SCoRe.',
          authors: ['Aviral Kumar', 'Vincent Zhuang'],
          categories: ['cs.LG'],
          publishedAt: '2024-09-19T00:00:00.000Z',
          hfSubmittedAt: '2024-09-20T01:02:03.000Z',
          aiSummary: 'Self-correction via RL.',
          aiKeywords: ['self-correction', 'reinforcement learning'],
          githubRepo: 'https://github.com/x/score',
          projectPage: 'https://x.github.io/score',
          thumbnail: 'https://cdn/x.png',
          organization: 'Google DeepMind',
          organizationHandle: 'google',
        },
        signals: { upvotes: 42, comments: 3, githubStars: 7 },
      };
      expect(await store.upsertMany([item], T0)).toEqual({ inserted: 1, updated: 0, unchanged: 0, signals: 1 });
      expect(await store.get('2409.12917')).toEqual({
        ...item.paper,
        firstSeenAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        signals: { upvotes: 42, comments: 3, githubStars: 7, observedAt: T0.toISOString() },
      });
      expect(await store.count()).toBe(1);
    });

    it('GIVEN an arXiv-only paper WHEN Hugging Face reports it THEN fields merge and nothing the HF item leaves out is lost', async () => {
      const store = await setup();
      await store.upsertMany(
        [
          arxivItem('2409.12917', {
            version: 1,
            abstract: 'From arXiv.',
            categories: ['cs.LG', 'cs.CL'],
            publishedAt: '2024-09-19T00:00:00.000Z',
          }),
        ],
        T0,
      );
      const hf: SourcedPaper = {
        source: 'huggingface',
        paper: { id: '2409.12917', title: 'Paper 2409.12917', aiSummary: 'Short.', aiKeywords: ['rl'], categories: [], abstract: '' },
        signals: { upvotes: 5 },
      };
      expect(await store.upsertMany([hf], at(1))).toEqual({ inserted: 0, updated: 1, unchanged: 0, signals: 1 });
      expect(await store.get('2409.12917')).toMatchObject({
        version: 1,
        abstract: 'From arXiv.',
        categories: ['cs.LG', 'cs.CL'],
        publishedAt: '2024-09-19T00:00:00.000Z',
        aiSummary: 'Short.',
        aiKeywords: ['rl'],
        firstSeenAt: T0.toISOString(),
        updatedAt: at(1).toISOString(),
        signals: { upvotes: 5, comments: 0, githubStars: 0 },
      });
    });

    it("GIVEN an organization's name and handle THEN both are kept, and a later item without an organization erases neither", async () => {
      const store = await setup();
      await store.upsertMany(
        [hfItem('2509.01234', { organization: 'Multimedia and Human Understanding Group', organizationHandle: 'MHUGLab' })],
        T0,
      );
      await store.upsertMany([arxivItem('2509.01234', { categories: ['cs.CV'] }), hfItem('2509.01234')], at(1));
      expect(await store.get('2509.01234')).toMatchObject({
        organization: 'Multimedia and Human Understanding Group',
        organizationHandle: 'MHUGLab',
        categories: ['cs.CV'],
      });
      await store.upsertMany([hfItem('2509.00002', { organization: 'NVIDIA' })], T0);
      expect(await store.get('2509.00002')).toMatchObject({ organization: 'NVIDIA', organizationHandle: null });
    });

    it('GIVEN v1 then v2 of a paper THEN one paper holds version 2, and a later v1 does not lower it', async () => {
      const store = await setup();
      await store.upsertMany([arxivItem('2409.12917', { version: 1 })], T0);
      await store.upsertMany([arxivItem('2409.12917', { version: 2, title: 'Revised title' })], at(1));
      const stale = await store.upsertMany([arxivItem('2409.12917', { version: 1, title: 'Revised title' })], at(2));
      expect(stale).toEqual({ inserted: 0, updated: 0, unchanged: 1, signals: 0 });
      expect(await store.count()).toBe(1);
      expect(await store.get('2409.12917')).toMatchObject({ version: 2, title: 'Revised title', updatedAt: at(1).toISOString() });
    });

    it('GIVEN the same batch twice THEN the second inserts and updates nothing and only records new observations', async () => {
      const store = await setup();
      const batch = [hfItem('2409.00001'), hfItem('2409.00002'), arxivItem('2409.00003')];
      expect(await store.upsertMany(batch, T0)).toEqual({ inserted: 3, updated: 0, unchanged: 0, signals: 2 });
      expect(await store.upsertMany(batch, at(1))).toEqual({ inserted: 0, updated: 0, unchanged: 3, signals: 2 });
      expect(await store.count()).toBe(3);
      expect(await store.get('2409.00001')).toMatchObject({ updatedAt: T0.toISOString(), signals: { observedAt: at(1).toISOString() } });
    });

    it('GIVEN a counter a source did not report THEN carries that source’s last value forward, else 0', async () => {
      const store = await setup();
      await store.upsertMany([hfItem('2409.00001', {}, { upvotes: 10, comments: 2, githubStars: 30 })], T0);
      expect(await store.upsertMany([hfItem('2409.00001', {}, { upvotes: 15 })], at(1))).toMatchObject({ signals: 1 });
      await store.upsertMany([hfItem('2409.00002', {}, { comments: 1 })], at(1));
      expect((await store.get('2409.00001'))?.signals).toEqual({
        upvotes: 15,
        comments: 2,
        githubStars: 30,
        observedAt: at(1).toISOString(),
      });
      expect((await store.get('2409.00002'))?.signals).toEqual({
        upvotes: 0,
        comments: 1,
        githubStars: 0,
        observedAt: at(1).toISOString(),
      });
    });

    it('GIVEN an item with empty signals THEN records no observation and get reports zeros with none observed', async () => {
      const store = await setup();
      expect((await store.upsertMany([hfItem('2409.00001', {}, {})], T0)).signals).toBe(0);
      expect((await store.get('2409.00001'))?.signals).toEqual({ upvotes: 0, comments: 0, githubStars: 0, observedAt: null });
    });

    it('GIVEN several ids THEN getMany returns the stored ones in the order asked, each as get reports it', async () => {
      const store = await setup();
      await store.upsertMany(
        [hfItem('2409.00001', {}, { upvotes: 3 }), hfItem('2409.00002', {}, {}), hfItem('2409.00003', {}, { upvotes: 7 })],
        T0,
      );
      await store.upsertMany([hfItem('2409.00001', {}, { upvotes: 9 })], at(2));
      const many = await store.getMany(['2409.00003', '2409.99999', '2409.00001', '2409.00002']);
      expect(many.map((p) => p.id)).toEqual(['2409.00003', '2409.00001', '2409.00002']);
      expect(many).toEqual(await Promise.all(['2409.00003', '2409.00001', '2409.00002'].map((id) => store.get(id))));
      expect(many[1]?.signals).toMatchObject({ upvotes: 9, observedAt: at(2).toISOString() });
      expect(many[2]?.signals).toEqual({ upvotes: 0, comments: 0, githubStars: 0, observedAt: null });
      expect(await store.getMany([])).toEqual([]);
    });

    it('GIVEN the same paper twice in one batch THEN it is inserted once and then merged', async () => {
      const store = await setup();
      const summary = await store.upsertMany(
        [arxivItem('2409.00001', { abstract: 'A.' }), hfItem('2409.00001', { abstract: '', aiSummary: 'S.' }, { upvotes: 1 })],
        T0,
      );
      expect(summary).toEqual({ inserted: 1, updated: 1, unchanged: 0, signals: 1 });
      expect(await store.get('2409.00001')).toMatchObject({ abstract: 'A.', aiSummary: 'S.' });
    });

    it('GIVEN an item without an id THEN rejects the whole batch and stores nothing', async () => {
      const store = await setup();
      await expect(store.upsertMany([hfItem('2409.00001'), hfItem('')], T0)).rejects.toMatchObject({ code: 'bad_input' });
      expect(await store.count()).toBe(0);
    });

    it('GIVEN 10,000 papers in one call THEN every one is stored with its signals', async () => {
      const store = await setup();
      const items = Array.from({ length: 10_000 }, (_, i) =>
        hfItem(`2409.${String(i).padStart(5, '0')}`, { abstract: 'We propose a method for scaling. '.repeat(30) }, { upvotes: i }),
      );
      expect(await store.upsertMany(items, T0)).toEqual({ inserted: 10_000, updated: 0, unchanged: 0, signals: 10_000 });
      expect(await store.count()).toBe(10_000);
      expect((await store.get('2409.09999'))?.signals.upvotes).toBe(9999);
    });
  });
}
