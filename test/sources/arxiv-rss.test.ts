import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { SourcedPaper } from '../../src/core/paper.ts';
import { parseArxivListing, splitAuthors } from '../../src/sources/arxiv-rss.ts';
import { readArxivFixture } from '../fakes/fake-arxiv.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

const ANNOUNCED = '2026-09-24T04:00:00.000Z';

function byId(items: SourcedPaper[], id: string): SourcedPaper {
  const found = items.find((item) => item.paper.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function malformed(xml: string): unknown {
  try {
    parseArxivListing(xml, silentLogger);
  } catch (error) {
    return error;
  }
  return null;
}

describe('parseArxivListing — RSS 2.0 feed (rss.arxiv.org/rss/cs.LG)', () => {
  const log = createRecordingLogger();
  const batch = parseArxivListing(readArxivFixture('arxiv-rss-listing.xml'), log);

  it('GIVEN ten items THEN keeps eight, skips two, and reads the channel pubDate as announcedAt', () => {
    expect(batch.items).toHaveLength(8);
    expect(batch.skipped).toHaveLength(2);
    expect(batch.announcedAt).toBe(ANNOUNCED);
    expect(batch.items.every((item) => item.source === 'arxiv')).toBe(true);
  });

  it('GIVEN a new item THEN reads id, version, title, multi-line abstract, author, category and pubDate', () => {
    expect(byId(batch.items, '2609.26811')).toEqual({
      source: 'arxiv',
      paper: {
        id: '2609.26811',
        version: 1,
        title: 'The Drift Contract: Spectral Updates for Depth-Robust Local Learning',
        abstract: expect.stringMatching(
          /^Local learning trains each layer .* no global backward pass, which saves memory .* activation memory\.$/,
        ),
        authors: ['Fabien Polly'],
        categories: ['cs.LG'],
        publishedAt: ANNOUNCED,
      },
    });
  });

  it('GIVEN LaTeX and XML/numeric entities THEN decodes entities once, keeps LaTeX, collapses the wrapped title', () => {
    const paper = byId(batch.items, '2609.26902').paper;
    expect(paper.title).toBe('Sharp Bounds for $\\ell_1$-Regularised Transformers & the $O(\\sqrt{n})$ Barrier');
    expect(paper.abstract).toContain('$k < n$ heads');
    expect(paper.abstract).toContain('the "folklore" rate by a Poincaré inequality on the simplex — and');
    expect(paper.abstract).toContain('when $d > k$.');
    expect(paper.abstract).not.toMatch(/\n|Announce Type|^Abstract:/);
    expect(paper.categories).toEqual(['cs.LG', 'math.ST', 'stat.ML']);
  });

  it('GIVEN dc:creator lists THEN splits on commas and "and" without breaking names or groups', () => {
    expect(byId(batch.items, '2609.26902').paper.authors).toEqual(['Anand Kumar', 'Sandra Anderson', 'Jean-François Caron']);
    expect(byId(batch.items, '2609.25117').paper.authors).toEqual(['Mei Tanaka', 'Oluwaseun Adeyemi']);
    expect(byId(batch.items, '2403.01234').paper.authors).toEqual(['Wei Zhang', 'Priya Raman (Google DeepMind, London)', 'Tomáš Novak']);
    expect(byId(batch.items, '2609.26950').paper.authors).toEqual(['Martin L. King Jr.', 'Sofia Rossi']);
  });

  it('GIVEN cross-lists THEN they are normal items; only a first (v1) announcement carries publishedAt', () => {
    const late = byId(batch.items, '2205.06398');
    expect(late.replacement).toBeUndefined();
    expect(late.paper).toMatchObject({ version: 2, categories: ['stat.ME', 'stat.AP', 'stat.ML'] });
    expect(late.paper.publishedAt).toBeUndefined();
    expect(byId(batch.items, '2609.25117')).toMatchObject({ paper: { version: 1, publishedAt: ANNOUNCED } });
    expect(byId(batch.items, '2609.25117').replacement).toBeUndefined();
  });

  it('GIVEN replace and replace-cross THEN marks them replacement with the new version and no publishedAt', () => {
    for (const [id, version] of [
      ['2403.01234', 3],
      ['2203.01250', 3],
      ['cs/0112017', 2],
    ] as const) {
      const item = byId(batch.items, id);
      expect(item.replacement).toBe(true);
      expect(item.paper.version).toBe(version);
      expect(item.paper.publishedAt).toBeUndefined();
    }
  });

  it('GIVEN an old-style id THEN keeps the archive/number form', () => {
    expect(byId(batch.items, 'cs/0112017').paper).toMatchObject({
      title: expect.stringMatching(/^Learning to Classify Text/),
      categories: ['cs.LG', 'cs.IR'],
    });
  });

  it('GIVEN an item without a description THEN takes id and version from the guid and leaves the abstract out', () => {
    const paper = byId(batch.items, '2609.26950').paper;
    expect(paper).toMatchObject({ version: 1, title: 'Tabular Foundation Models Need Better Benchmarks', publishedAt: ANNOUNCED });
    expect(paper).not.toHaveProperty('abstract');
  });

  it('GIVEN items with no id or a blank title THEN skips them by name and warns', () => {
    expect(batch.skipped).toEqual([
      { ref: 'item 9 (https://arxiv.org/list/cs.LG/new)', reason: 'no arXiv id in description, guid or link' },
      { ref: 'item 10 (2609.26999)', reason: 'no title' },
    ]);
    const warnings = log.entries.filter((r) => r.level === 'warn');
    expect(warnings.map((w) => (w.context as { ref: string }).ref)).toEqual(batch.skipped.map((s) => s.ref));
  });
});

describe('parseArxivListing — empty and odd feeds', () => {
  it('GIVEN the weekend feed (a channel without items) THEN returns an empty batch, not an error', () => {
    const batch = parseArxivListing(readArxivFixture('arxiv-rss-weekend.xml'), silentLogger);
    expect(batch).toEqual({ items: [], skipped: [], announcedAt: '2026-09-26T04:00:00.000Z' });
  });

  it('GIVEN an item whose description lacks the header THEN uses guid/link and the whole text as abstract', () => {
    const xml = `<rss version="2.0"><channel><item><title>T</title><link>https://arxiv.org/abs/2609.00001</link>
      <description>Just an abstract.</description><arxiv:announce_type xmlns:arxiv="x">new</arxiv:announce_type></item></channel></rss>`;
    expect(parseArxivListing(xml, silentLogger).items).toEqual([
      { source: 'arxiv', paper: { id: '2609.00001', version: null, title: 'T', abstract: 'Just an abstract.' } },
    ]);
  });

  it('GIVEN no announce_type element THEN takes the type from the description', () => {
    const xml = `<rss version="2.0"><channel><item><title>T</title>
      <description>arXiv:2609.00002v4 Announce Type: replace-cross
Abstract: Text.</description></item></channel></rss>`;
    expect(parseArxivListing(xml, silentLogger).items[0]).toMatchObject({
      replacement: true,
      paper: { id: '2609.00002', version: 4, abstract: 'Text.' },
    });
  });

  it.each([
    ['an HTML error page', '<!DOCTYPE html><html><body><p>Service Unavailable<br></body></html>'],
    ['well-formed XML that is not a feed', '<html><body>maintenance</body></html>'],
    ['JSON', '{"error":"rate limited"}'],
    ['an empty body', ''],
    ['a truncated feed', '<rss version="2.0"><channel><item><title>x</title>'],
    ['an RSS document without a channel', '<rss version="2.0"></rss>'],
  ])('GIVEN %s THEN throws source_malformed', (_name, xml) => {
    const error = malformed(xml);
    expect(error).toBeInstanceOf(PaperboyError);
    expect((error as PaperboyError).code).toBe('source_malformed');
  });
});

describe('parseArxivListing — Atom variant (rss.arxiv.org/atom/math.QA)', () => {
  const batch = parseArxivListing(readArxivFixture('arxiv-atom-listing.xml'), silentLogger);

  it('GIVEN five entries THEN keeps four and skips the one without an id', () => {
    expect(batch.items.map((item) => [item.paper.id, item.paper.version, item.replacement ?? false])).toEqual([
      ['2402.14001', 1, false],
      ['2402.13555', 1, false],
      ['2203.01250', 3, true],
      ['q-alg/9709040', 2, true],
    ]);
    expect(batch.skipped).toEqual([
      { ref: 'entry 5 (https://arxiv.org/list/math.QA/new)', reason: 'no arXiv id in description, guid or link' },
    ]);
  });

  it('GIVEN an entry THEN reads summary, category terms, dc:creator and a -05:00 published date', () => {
    expect(batch.items[0]?.paper).toEqual({
      id: '2402.14001',
      version: 1,
      title: 'Quantum groups at roots of unity and modular tensor categories',
      abstract:
        'We construct non-semisimple modular categories from the small quantum group $u_q(\\mathfrak{sl}_2)$ at an even root of unity and compute their Verlinde formulae.',
      authors: ['Ana Lopez', 'Benedikt Müller', 'Chen Li'],
      categories: ['math.QA', 'math.RT'],
      publishedAt: '2024-02-23T05:00:00.000Z',
    });
    expect(batch.announcedAt).toBe('2024-02-23T05:00:00.000Z');
  });
});

describe('splitAuthors', () => {
  it.each([
    ['A. One', ['A. One']],
    ['A. One and B. Two', ['A. One', 'B. Two']],
    ['A. One, B. Two, and C. Three', ['A. One', 'B. Two', 'C. Three']],
    ['Alexandra Sandberg, Andy Anderson', ['Alexandra Sandberg', 'Andy Anderson']],
    ['X (MIT and Harvard), Y', ['X (MIT and Harvard)', 'Y']],
    ['  ,  ', []],
  ])('GIVEN %j THEN %j', (input, expected) => {
    expect(splitAuthors(input)).toEqual(expected);
  });
});
