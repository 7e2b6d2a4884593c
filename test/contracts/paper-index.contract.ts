/**
 * The PaperIndex contract: full-text search over stored papers with the typed query the core compiles, for every
 * store and search engine (SQLite with its search index on and off; PostgreSQL next). Relevance follows the field
 * weights (title > keywords > authors > abstract), filters and exclusions hold, the best `limit` come first with the
 * tier's best relevance, and nothing a user types breaks a query.
 */
import { describe, expect, it } from 'vitest';
import type { PaperIndex, PaperStore, TextSearchRequest } from '../../src/core/ports.ts';
import { compileQuery, parseQuery, type TextQuery } from '../../src/core/query/index.ts';
import { hfItem } from '../helpers/sourced-papers.ts';
import { HOSTILE_QUERIES } from './hostile-queries.ts';
import { T0 } from './store-set.ts';

/** A papers store and the index over it, on a fresh database. */
export type MakeIndex = () => { papers: PaperStore; index: PaperIndex } | Promise<{ papers: PaperStore; index: PaperIndex }>;

const day = (n: number) => new Date(T0.getTime() - n * 86_400_000).toISOString();

/** Seven papers: the same words in different fields, categories, organizations (names and handles) and dates. */
const PAPERS = [
  hfItem(
    '2501.00001',
    {
      title: 'Diffusion models for video',
      abstract: 'We generate video.',
      hfSubmittedAt: day(1),
      categories: ['cs.CV'],
      organization: 'NVIDIA',
      organizationHandle: 'nvidia',
    },
    { upvotes: 10 },
  ),
  hfItem(
    '2501.00002',
    { title: 'Video generation', abstract: 'Diffusion models are used here.', hfSubmittedAt: day(2), categories: ['cs.LG'] },
    { upvotes: 50 },
  ),
  hfItem('2501.00003', {
    title: 'A survey of diffusion models',
    abstract: 'A survey.',
    hfSubmittedAt: day(30),
    categories: ['cs.LG'],
    aiKeywords: ['survey'],
  }),
  hfItem('2501.00004', {
    title: 'Reinforcement learning for robots',
    abstract: 'Policies.',
    authors: ['Yann LeCun'],
    hfSubmittedAt: day(3),
    categories: ['cs.RO'],
  }),
  hfItem('2501.00005', {
    title: 'Planning agents',
    abstract: 'Agents that plan with models.',
    aiKeywords: ['diffusion'],
    hfSubmittedAt: day(4),
    organization: 'Google DeepMind',
  }),
  hfItem('2501.00006', { title: 'Quokkas', abstract: 'Nothing about the rest.', hfSubmittedAt: day(5) }),
  // A Hugging Face organization whose handle (in its URL) is not a word of its name.
  hfItem('2501.00007', {
    title: 'Egocentric gesture recognition',
    abstract: 'We recognise hand gestures in first-person video.',
    hfSubmittedAt: day(6),
    categories: ['cs.CV'],
    organization: 'Multimedia and Human Understanding Group',
    organizationHandle: 'MHUGLab',
  }),
];

/** The strict compiled query of `text`. */
const compiled = (text: string) => compileQuery(parseQuery(text, { allowSince: true }));

function request(text: string, extra: Partial<TextSearchRequest> = {}): TextSearchRequest {
  const parsed = parseQuery(text, { allowSince: true });
  const { text: query, exclude } = compileQuery(parsed);
  return { text: query, exclude, categories: parsed.categories, orgs: parsed.orgs, now: T0, limit: 10, ...extra };
}

/** Runs the PaperIndex contract against `make`. */
export function describePaperIndexContract(name: string, make: MakeIndex): void {
  let subject: { papers: PaperStore; index: PaperIndex };
  const setup = async () => {
    subject = await make();
    await subject.papers.upsertMany(PAPERS, T0);
    return subject.index;
  };
  const ids = async (index: PaperIndex, r: TextSearchRequest) => (await index.search(r)).hits.map((h) => h.paper.id);

  describe(`PaperIndex contract: ${name}`, () => {
    it('GIVEN words THEN only papers with every word match, a title match above an abstract one, best relevance reported', async () => {
      const index = await setup();
      const result = await index.search(request('diffusion models'));
      expect(result.hits.map((h) => h.paper.id).sort()).toEqual(['2501.00001', '2501.00002', '2501.00003', '2501.00005']);
      const relevance = new Map(result.hits.map((h) => [h.paper.id, h.relevance]));
      expect(relevance.get('2501.00001')).toBeGreaterThan(relevance.get('2501.00002') as number);
      expect(result.best).toBe(Math.max(...result.hits.map((h) => h.relevance)));
      for (const hit of result.hits) expect(hit.relevance).toBeGreaterThan(0);
    });

    it('GIVEN a keyword match and an abstract match of equal length THEN the keyword ranks higher', async () => {
      const index = await setup();
      const relevance = new Map((await index.search(request('diffusion'))).hits.map((h) => [h.paper.id, h.relevance]));
      expect(relevance.get('2501.00005')).toBeGreaterThan(relevance.get('2501.00002') as number);
    });

    it('GIVEN exclusions, categories, organizations, an author and since THEN each filter holds', async () => {
      const index = await setup();
      expect((await ids(index, request('diffusion -survey'))).sort()).toEqual(['2501.00001', '2501.00002', '2501.00005']);
      expect((await ids(index, request('diffusion cat:cs.lg'))).sort()).toEqual(['2501.00002', '2501.00003']);
      expect(await ids(index, request('diffusion org:nvidia'))).toEqual(['2501.00001']);
      expect(await ids(index, request('author:lecun'))).toEqual(['2501.00004']);
      expect((await ids(index, request('diffusion', { since: new Date(day(2)) }))).sort()).toEqual(['2501.00001', '2501.00002']);
    });

    it("GIVEN org: with an organization's handle or words of its name THEN either finds its papers; part of a handle does not", async () => {
      const index = await setup();
      expect(await ids(index, request('gestures org:MHUGLab'))).toEqual(['2501.00007']);
      expect(await ids(index, request('gestures org:mhuglab'))).toEqual(['2501.00007']);
      expect(await ids(index, request('gestures org:"human understanding"'))).toEqual(['2501.00007']);
      expect(await ids(index, request('org:MHUGLab'))).toEqual(['2501.00007']);
      expect(await ids(index, request('video org:nvidia'))).toEqual(['2501.00001']);
      expect(await ids(index, request('gestures org:mhug'))).toEqual([]);
      expect(await ids(index, request('gestures org:nvidia'))).toEqual([]);
    });

    it('GIVEN an org: search already made WHEN a paper later gains a handle THEN the next org: search finds it by the handle', async () => {
      const index = await setup();
      expect(await ids(index, request('planning org:google'))).toEqual(['2501.00005']);
      expect(await ids(index, request('planning org:google-deepmind'))).toEqual([]);
      const { papers } = subject;
      await papers.upsertMany([hfItem('2501.00005', { title: 'Planning agents', organizationHandle: 'google-deepmind' })], T0);
      expect(await ids(index, request('planning org:google-deepmind'))).toEqual(['2501.00005']);
      expect(await ids(index, request('planning org:"google deepmind"'))).toEqual(['2501.00005']);
    });

    it('GIVEN no text condition THEN filters alone select, with relevance 0', async () => {
      const index = await setup();
      const result = await index.search(request('cat:cs.LG'));
      expect(result.hits.map((h) => h.paper.id).sort()).toEqual(['2501.00002', '2501.00003']);
      expect(result.hits.every((h) => h.relevance === 0)).toBe(true);
      expect(result.best).toBe(0);
    });

    it('GIVEN a limit and skipped ids THEN the best `limit` of the rest, best of every match still reported', async () => {
      const index = await setup();
      const all = await index.search(request('diffusion'));
      const top = await index.search(request('diffusion', { limit: 2 }));
      expect(top.hits).toHaveLength(2);
      expect(top.best).toBe(all.best);
      const skipped = await index.search(request('diffusion', { skipIds: new Set(top.hits.map((h) => h.paper.id)) }));
      expect(skipped.hits.map((h) => h.paper.id)).not.toContain(top.hits[0]?.paper.id);
      expect(skipped.hits).toHaveLength(all.hits.length - 2);
    });

    it('GIVEN a hit THEN its excerpt marks the matched words; none for a paper the query does not match', async () => {
      const index = await setup();
      expect(await index.snippet('2501.00002', compiled('diffusion models').text as TextQuery)).toBe(
        '**Diffusion** **models** are used here.',
      );
      expect(await index.snippet('2501.00006', compiled('diffusion').text as TextQuery)).toBe('');
      expect(await index.snippet('9999.99999', compiled('diffusion').text as TextQuery)).toBe('');
    });

    it('GIVEN hostile text as phrases THEN every search answers without an error', async () => {
      const index = await setup();
      for (const text of HOSTILE_QUERIES) {
        const phrase: TextQuery = { kind: 'phrase', text, field: null };
        const both: TextQuery = { kind: 'and', children: [phrase, { kind: 'phrase', text, field: 'authors' }] };
        await expect(index.search({ text: both, exclude: phrase, now: T0, limit: 5 }), text).resolves.toBeDefined();
        await expect(index.snippet('2501.00001', phrase)).resolves.toEqual(expect.any(String));
      }
    });
  });
}
