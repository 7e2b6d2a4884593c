import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../src/core/errors.ts';
import type { SourcedPaper } from '../../src/core/paper.ts';
import { ABSTRACT_MAX_CHARS } from '../../src/sources/hf-fields.ts';
import { parseHfItems } from '../../src/sources/hf-parse.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

const edgeItems: unknown = JSON.parse(readFileSync(new URL('../fixtures/hf-edge-items.json', import.meta.url), 'utf8'));
const sample: unknown = JSON.parse(readFileSync(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url), 'utf8'));

function byId(items: SourcedPaper[], id: string): SourcedPaper {
  const item = items.find((candidate) => candidate.paper.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
}

describe('parseHfItems', () => {
  it('GIVEN the 44-paper real sample THEN every paper parses and nothing is skipped', () => {
    const log = createRecordingLogger();
    const { entries } = log;
    const batch = parseHfItems(sample, log, 'sample');
    expect(batch.items).toHaveLength(44);
    expect(batch.skipped).toEqual([]);
    expect(entries.filter((e) => e.level === 'warn')).toEqual([]);
    expect(batch.items.every((item) => item.source === 'huggingface' && item.paper.title !== '')).toBe(true);
    const tencent = batch.items.find((item) => item.paper.organization === 'Tencent');
    expect(tencent).toBeDefined();
    expect(byId(batch.items, '2508.17452').paper.authors).toEqual([]);
  });

  it('GIVEN a complete item THEN every field and signal is mapped, with the UTC publishedAt of the paper', () => {
    const batch = parseHfItems(edgeItems, createRecordingLogger(), 'edge');
    expect(byId(batch.items, '2503.00001')).toEqual({
      source: 'huggingface',
      paper: {
        id: '2503.00001',
        title: 'A Complete Item',
        abstract: 'Everything is present.',
        authors: ['Ada Lovelace', 'Alan Turing'],
        publishedAt: '2025-03-03T00:00:00.000Z',
        hfSubmittedAt: '2025-03-04T00:00:00.000Z',
        aiSummary: 'Everything is present, summarised.',
        aiKeywords: ['complete', 'fields'],
        githubRepo: 'https://github.com/example/complete',
        projectPage: 'https://example.org/complete',
        thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2503.00001.png',
        organization: 'Example Lab',
        organizationHandle: 'example',
      },
      signals: { upvotes: 12, comments: 4, githubStars: 340 },
    });
  });

  it('GIVEN missing or odd optional fields THEN the paper is kept and only those fields are dropped', () => {
    const { items } = parseHfItems(edgeItems, createRecordingLogger(), 'edge');
    expect(byId(items, '2503.00002').paper.authors).toEqual([]);
    expect(byId(items, '2503.00003').signals).toBeUndefined(); // null upvotes, "7" comments, -5 stars
    expect(byId(items, '2503.00004').signals).toEqual({ comments: 2 }); // "42" upvotes ignored
    expect(byId(items, '2503.00005').paper.abstract).toBe('The outer summary. It wraps lines.');
    const noSummary = byId(items, '2503.00006').paper;
    expect(noSummary.abstract).toBe('');
    expect(noSummary).not.toHaveProperty('publishedAt');
    expect(noSummary).not.toHaveProperty('hfSubmittedAt');
    expect(byId(items, '2503.00009').paper.authors).toEqual(['Visible Person']);
    expect(byId(items, '2503.00012').paper).toMatchObject({ organization: 'acme', organizationHandle: 'acme' });
    expect(byId(items, '2503.00012').paper).not.toHaveProperty('githubRepo'); // javascript: URL
  });

  it('GIVEN an organization whose handle differs from its name THEN both are kept: the name shown, the handle for org:', () => {
    // A Daily Papers item as the live API sends it (docs/architecture.md §13), trimmed to one author.
    const item = {
      paper: {
        id: '2509.21043',
        authors: [{ _id: '68d4f1c2a9e3b7d015c2a1f0', name: 'Ada Lovelace', hidden: false }],
        mediaUrls: [],
        publishedAt: '2025-09-25T00:00:00.000Z',
        submittedOnDailyAt: '2025-09-26T00:00:00.000Z',
        title: 'Egocentric Gesture Recognition in the Wild',
        submittedOnDailyBy: {
          _id: '62f5c24eea5bd6b1abc8e151',
          avatarUrl: '/avatars/fdeb60ece6b631e1b5547bc3c5279db3.svg',
          isPro: false,
          fullname: 'Ada Lovelace',
          user: 'ada',
          type: 'user',
          name: 'ada',
        },
        summary: 'We recognise hand gestures in first-person video.',
        upvotes: 4,
        discussionId: '68d4f1c2a9e3b7d015c2a1f1',
        organization: {
          _id: '64a7b9e0f1c2d3e4f5a6b7c8',
          name: 'MHUGLab',
          fullname: 'Multimedia and Human Understanding Group',
          avatar: 'https://cdn-avatars.huggingface.co/v1/production/uploads/64a7b9e0f1c2d3e4f5a6b7c8/mhug.png',
        },
      },
      publishedAt: '2025-09-24T20:00:00.000Z',
      title: 'Egocentric Gesture Recognition in the Wild',
      summary: 'We recognise hand gestures in first-person video.',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2509.21043.png',
      numComments: 0,
      submittedBy: {
        _id: '62f5c24eea5bd6b1abc8e151',
        avatarUrl: '/avatars/fdeb60ece6b631e1b5547bc3c5279db3.svg',
        fullname: 'Ada Lovelace',
        name: 'ada',
        type: 'user',
        isPro: false,
      },
      organization: {
        _id: '64a7b9e0f1c2d3e4f5a6b7c8',
        name: 'MHUGLab',
        fullname: 'Multimedia and Human Understanding Group',
        avatar: 'https://cdn-avatars.huggingface.co/v1/production/uploads/64a7b9e0f1c2d3e4f5a6b7c8/mhug.png',
      },
      isAuthorParticipating: false,
    };
    const { items } = parseHfItems([item], createRecordingLogger(), 'live-shaped');
    expect(items[0]?.paper).toMatchObject({
      organization: 'Multimedia and Human Understanding Group',
      organizationHandle: 'MHUGLab',
    });
  });

  it('GIVEN the real sample THEN its organizations carry their handles', () => {
    const { items } = parseHfItems(sample, createRecordingLogger(), 'sample');
    expect(items.find((i) => i.paper.organization === 'Tencent')?.paper.organizationHandle).toBe('tencent');
  });

  it('GIVEN a huge abstract THEN it is capped', () => {
    const { items } = parseHfItems(edgeItems, createRecordingLogger(), 'edge');
    const abstract = byId(items, '2503.00007').paper.abstract ?? '';
    expect(abstract.length).toBeLessThanOrEqual(ABSTRACT_MAX_CHARS);
    expect(abstract.endsWith('…')).toBe(true);
  });

  it('GIVEN LaTeX and messy whitespace THEN LaTeX is kept verbatim and whitespace collapsed', () => {
    const paper = byId(parseHfItems(edgeItems, createRecordingLogger(), 'edge').items, '2503.00008').paper;
    expect(paper.title).toBe('Attention in $\\mathcal{O}(n \\log n)$: Sub-quadratic Transformers');
    expect(paper.abstract).toContain('$\\mathcal{O}(n \\log n)$ using \\textbf{sparse} kernels');
    expect(paper.abstract).toContain('\n\nA second paragraph.');
    expect(paper.authors).toEqual(['Claude Shannon']);
  });

  it('GIVEN a versioned id and an unversioned duplicate THEN one paper remains, with the higher version', () => {
    const { items } = parseHfItems(edgeItems, createRecordingLogger(), 'edge');
    const matches = items.filter((item) => item.paper.id === '2409.12917');
    expect(matches).toHaveLength(1);
    expect(matches[0]?.paper).toMatchObject({ version: 2, title: 'A Second Version' });
  });

  it('GIVEN a flat paper object (as /api/papers/{id} returns) THEN it parses, old-style id included', () => {
    const item = byId(parseHfItems(edgeItems, createRecordingLogger(), 'edge').items, 'hep-th/9901001');
    expect(item.paper).toMatchObject({ title: 'An Old-Style Id', authors: ['Old Style'] });
    expect(item.signals).toEqual({ upvotes: 0, comments: 1 });
  });

  it('GIVEN malformed and withdrawn items THEN they are skipped with named refs, and each malformed one is logged', () => {
    const log = createRecordingLogger();
    const { entries } = log;
    const batch = parseHfItems(edgeItems, log, 'edge fixture');
    expect(batch.items).toHaveLength(12);
    expect(batch.skipped.map((s) => s.ref).sort()).toEqual(['#10', '#11', '#15', '2503.00010', '2503.00011', 'not-an-arxiv-id'].sort());
    expect(batch.skipped.find((s) => s.ref === '2503.00010')?.reason).toBe('withdrawn on 2025-03-05');
    expect(batch.skipped.find((s) => s.ref === '#11')?.reason).toMatch(/not an object/);
    const warnings = entries.filter((e) => e.level === 'warn');
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toEqual({
      level: 'warn',
      message: 'skipped malformed item',
      context: { source: 'huggingface', ref: '#10', reason: 'no paper id', context: 'edge fixture' },
    });
  });

  it('GIVEN a body that is not an array THEN it fails as source_malformed, quoting an HF error message', () => {
    const call = () => parseHfItems({ error: 'Invalid date' }, createRecordingLogger(), 'daily papers');
    expect(call).toThrow(PaperboyError);
    expect(call).toThrow(/daily papers: expected a JSON array of papers, got an object \(error: Invalid date\)/);
    expect(() => parseHfItems(null, createRecordingLogger(), 'x')).toThrow(expect.objectContaining({ code: 'source_malformed' }));
  });

  it('GIVEN an empty array THEN an empty batch', () => {
    expect(parseHfItems([], createRecordingLogger(), 'x')).toEqual({ items: [], skipped: [] });
  });
});
