import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseArxivAtom } from '../../src/sources/arxiv-atom.ts';
import { readArxivFixture } from '../fakes/fake-arxiv.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

function thrown(xml: string): PaperboyError {
  try {
    parseArxivAtom(xml, silentLogger);
  } catch (error) {
    if (error instanceof PaperboyError) return error;
    throw error;
  }
  throw new Error('expected parseArxivAtom to throw');
}

const feed = (entries: string, total = '1') =>
  `<feed xmlns="http://www.w3.org/2005/Atom"><opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>${entries}</feed>`;

describe('parseArxivAtom — export API page', () => {
  const batch = parseArxivAtom(readArxivFixture('arxiv-api-query.xml'), silentLogger);

  it('GIVEN three entries THEN returns three papers and totalResults', () => {
    expect(batch.items.map((item) => [item.paper.id, item.paper.version])).toEqual([
      ['2510.14968', 1],
      ['2409.12917', 2],
      ['hep-th/9711200', 3],
    ]);
    expect(batch.skipped).toEqual([]);
    expect(batch.totalResults).toBe(3);
  });

  it('GIVEN a recorded entry THEN collapses title and summary, lists authors and keeps the primary category first', () => {
    expect(batch.items[0]).toEqual({
      source: 'arxiv',
      paper: {
        id: '2510.14968',
        version: 1,
        title: 'RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks',
        abstract: expect.stringMatching(
          /^To tackle long-horizon tasks, recent hierarchical vision-language-action \(VLAs\) frameworks .* rdd-neurips\.github\.io\.$/,
        ),
        authors: ['Mingxuan Yan', 'Yuping Wang', 'Zechun Liu', 'Jiachen Li'],
        categories: ['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY'],
        publishedAt: '2025-10-16T17:59:37.000Z',
      },
    });
  });

  it('GIVEN a primary category listed after others THEN moves it first without duplicating it', () => {
    expect(batch.items[1]?.paper.categories).toEqual(['cs.CL', 'cs.LG', 'cs.AI']);
  });

  it('GIVEN -04:00 and -05:00 timestamps THEN normalises them to ISO UTC', () => {
    expect(batch.items[1]?.paper.publishedAt).toBe('2024-09-19T21:16:21.000Z');
    expect(batch.items[2]?.paper.publishedAt).toBe('1997-11-28T04:49:13.000Z');
  });

  it('GIVEN entities, LaTeX, a comment and an affiliation THEN decodes the text and ignores the extras', () => {
    expect(batch.items[1]?.paper.title).toBe(
      'Training Language Models to Self-Correct via Reinforcement Learning & $\\ell_2$-Regularised Rewards',
    );
    expect(batch.items[1]?.paper.abstract).toMatch(/15\.6% <i\.e\.> on MATH\.$/);
    expect(batch.items[2]?.paper.authors).toEqual(['Juan M. Maldacena']);
    expect(JSON.stringify(batch)).not.toMatch(/NeurIPS|Harvard|harvmac|Adv\.Theor/);
  });
});

describe('parseArxivAtom — MSC and ACM classes', () => {
  // A logic paper as the export API lists it: its MSC and ACM classes come as <category> terms too.
  const entry = `<feed xmlns="http://www.w3.org/2005/Atom">
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2501.04233v2</id>
    <updated>2025-01-10T09:12:44Z</updated>
    <published>2025-01-08T02:31:05Z</published>
    <title>Decidability of Fragments of
  First-Order Modal Logic</title>
    <summary>  We study fragments of first-order modal logic and show which are decidable.
</summary>
    <author>
      <name>Ada Lovelace</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">24 pages</arxiv:comment>
    <link href="http://arxiv.org/abs/2501.04233v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2501.04233v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LO" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LO" scheme="http://arxiv.org/schemas/atom"/>
    <category term="math.LO" scheme="http://arxiv.org/schemas/atom"/>
    <category term="03B70, 68Q99" scheme="http://arxiv.org/schemas/atom"/>
    <category term="F.4.1; F.4.m; K.2" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>`;

  it('GIVEN an entry listing MSC and ACM classes as categories THEN only the arXiv categories are kept, primary first', () => {
    const batch = parseArxivAtom(entry, silentLogger);
    expect(batch.items[0]?.paper).toMatchObject({ id: '2501.04233', version: 2, categories: ['cs.LO', 'math.LO'] });
  });
});

describe('parseArxivAtom — errors, empty pages and odd entries', () => {
  it("GIVEN an /api/errors entry THEN throws bad_input with arXiv's text", () => {
    const error = thrown(readArxivFixture('arxiv-api-error.xml'));
    expect(error.code).toBe('bad_input');
    expect(error.message).toBe('incorrect id format for 1234.12345');
  });

  it('GIVEN an error entry without a summary THEN the message is the error id fragment', () => {
    const error = thrown(feed('<entry><id>http://arxiv.org/api/errors#max_results_must_be_an_integer</id><title>Error</title></entry>'));
    expect(error).toMatchObject({ code: 'bad_input', message: 'max_results_must_be_an_integer' });
  });

  it('GIVEN the known empty page THEN returns no items and the claimed totalResults', () => {
    expect(parseArxivAtom(readArxivFixture('arxiv-api-empty-page.xml'), silentLogger)).toEqual({
      items: [],
      skipped: [],
      totalResults: 48213,
    });
  });

  it('GIVEN no totalResults THEN totalResults is null', () => {
    expect(parseArxivAtom('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', silentLogger).totalResults).toBeNull();
  });

  it('GIVEN an entry with an odd id, one without a title THEN uses the alternate link and skips the untitled one', () => {
    const log = createRecordingLogger();
    const batch = parseArxivAtom(
      feed(
        `<entry><id>urn:x</id><title>Linked</title><link rel="alternate" href="https://arxiv.org/abs/2401.00001v2"/></entry>
         <entry><id>http://arxiv.org/abs/2401.00002v1</id><title> </title></entry>`,
        '2',
      ),
      log,
    );
    expect(batch.items).toEqual([{ source: 'arxiv', paper: { id: '2401.00001', version: 2, title: 'Linked' } }]);
    expect(batch.skipped).toEqual([{ ref: 'entry 2 (2401.00002)', reason: 'no title' }]);
    expect(log.entries.filter((r) => r.level === 'warn')).toHaveLength(1);
  });

  it.each([
    ['an RSS listing', readArxivFixture('arxiv-rss-listing.xml')],
    ['an HTML page', '<html><head><title>503</title></head><body>busy</body></html>'],
    ['plain text', 'Rate exceeded.'],
  ])('GIVEN %s THEN throws source_malformed', (_name, xml) => {
    expect(thrown(xml).code).toBe('source_malformed');
  });
});
