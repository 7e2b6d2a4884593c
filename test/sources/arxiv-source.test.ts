import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { PaperboyError } from '../../src/core/errors.ts';
import { ARXIV_MIN_GAP_MS, createArxivHttp, createArxivSource } from '../../src/sources/arxiv.ts';
import { readArxivFixture, startFakeArxiv, type FakeArxiv } from '../fakes/fake-arxiv.ts';
import { createRecordingLogger, type RecordingLogger } from '../helpers/recording-logger.ts';

let fake: FakeArxiv;
let clock: ReturnType<typeof createFixedClock>;
let log: RecordingLogger;

function source() {
  const http = createArxivHttp({ clock, log });
  return createArxivSource({ http, apiUrl: fake.apiUrl, rssUrl: `${fake.rssUrl}/`, log, clock });
}

async function rejection(promise: Promise<unknown>): Promise<PaperboyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PaperboyError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const params = (request: string | undefined) => new URL(request ?? '', 'http://x').searchParams;

beforeEach(async () => {
  clock = createFixedClock(new Date('2026-09-24T06:00:00Z'));
  log = createRecordingLogger();
  fake = await startFakeArxiv();
});

afterEach(async () => {
  await fake.close();
});

describe('createArxivSource — category listings against a loopback arXiv', () => {
  it('GIVEN cs.LG THEN GETs /rss/cs.LG and returns the parsed listing', async () => {
    const progress: number[] = [];
    const batch = await source().list({ kind: 'category', category: 'cs.LG' }, { onProgress: (n) => progress.push(n) });
    expect(fake.requests).toEqual(['/rss/cs.LG']);
    expect(batch.items).toHaveLength(8);
    expect(batch.skipped).toHaveLength(2);
    expect(batch.items.filter((item) => item.replacement).map((item) => item.paper.id)).toEqual(['2403.01234', '2203.01250', 'cs/0112017']);
    expect(progress).toEqual([8]);
  });

  it('GIVEN the weekend feed THEN resolves with an empty batch', async () => {
    const batch = await source().list({ kind: 'category', category: 'cs.AI' });
    expect(batch.items).toEqual([]);
    expect(batch.skipped).toEqual([]);
  });

  it.each(['cs.LG+cs.AI', '../../etc/passwd', 'cs LG', '', 'cs.LG?x=1'])(
    'GIVEN the category %j THEN bad_input and no request',
    async (category) => {
      const error = await rejection(source().list({ kind: 'category', category }));
      expect(error.code).toBe('bad_input');
      expect(fake.requests).toEqual([]);
    },
  );

  it('GIVEN an HTML page with status 200 THEN source_malformed', async () => {
    await fake.close();
    fake = await startFakeArxiv({ listings: { 'rss/cs.LG': '<!DOCTYPE html><html><body>Down for maintenance<br></body></html>' } });
    expect((await rejection(source().list({ kind: 'category', category: 'cs.LG' }))).code).toBe('source_malformed');
  });
});

describe('createArxivSource — lookup', () => {
  it('GIVEN ids, URLs, versions, duplicates and junk THEN asks once for the canonical ids and skips the junk', async () => {
    const batch = await source().lookup([
      '2510.14968v1',
      'https://arxiv.org/abs/2409.12917',
      'hep-th/9711200v3',
      '2510.14968',
      'not-an-id',
      '2399.99999',
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toBe('/api/query?id_list=2510.14968%2C2409.12917%2Chep-th%2F9711200&max_results=3');
    expect(batch.items.map((item) => item.paper.id)).toEqual(['2510.14968', '2409.12917', 'hep-th/9711200']);
    expect(batch.skipped).toEqual([
      { ref: 'not-an-id', reason: 'not an arXiv id' },
      { ref: '2399.99999', reason: 'not an arXiv id' },
    ]);
  });

  it('GIVEN 150 ids THEN sends chunks of 100 and 50, spaced by the gate, and keeps only asked-for papers', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `2401.${String(i + 1).padStart(5, '0')}`);
    const started = clock.now().getTime();
    const batch = await source().lookup(ids);
    expect(fake.requests.map((r) => params(r).get('id_list')?.split(',').length)).toEqual([100, 50]);
    expect(fake.requests.map((r) => params(r).get('max_results'))).toEqual(['100', '50']);
    expect(params(fake.requests[1]).get('id_list')?.split(',')[0]).toBe('2401.00101');
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(ARXIV_MIN_GAP_MS);
    // The fake answers with its fixture papers, none of which was asked for.
    expect(batch.items).toEqual([]);
  });

  it('GIVEN arXiv answers a chunk with an error entry THEN skips that chunk with the reason instead of failing', async () => {
    fake.queueQuery({ body: readArxivFixture('arxiv-api-error.xml') });
    const batch = await source().lookup(['2401.12345']);
    expect(batch.items).toEqual([]);
    expect(batch.skipped).toEqual([{ ref: '2401.12345', reason: 'arXiv rejected the lookup: incorrect id format for 1234.12345' }]);
  });
});

describe('createArxivSource — search', () => {
  const cases: Array<[string, string]> = [
    ['"; DROP TABLE', 'all:"DROP" AND all:"TABLE"'],
    ['ti:foo AND (bar)', 'all:"ti" AND all:"foo" AND all:"bar"'],
    ['NEAR(', 'all:"NEAR"'],
    ['Schrödinger 深度学习', 'all:"Schrödinger" AND all:"深度学习"'],
  ];

  it.each(cases)('GIVEN %j THEN the request carries only quoted, ANDed all: terms, properly encoded', async (input, expected) => {
    await source().search(input, { limit: 10 });
    expect(fake.requests).toHaveLength(1);
    const raw = fake.requests[0] ?? '';
    expect(raw.startsWith('/api/query?search_query=')).toBe(true);
    // Nothing but unreserved characters, percent escapes and the parameter separators reach the wire.
    expect(raw.slice('/api/query?'.length)).toMatch(/^[A-Za-z0-9%+._~=&-]+$/);
    expect(params(raw).get('search_query')).toBe(expected);
    expect(Object.fromEntries(params(raw))).toEqual({
      search_query: expected,
      start: '0',
      max_results: '10',
      sortBy: 'relevance',
      sortOrder: 'descending',
    });
  });

  it('GIVEN the injection attempt THEN the raw query string is exactly the expected encoding', async () => {
    await source().search('"; DROP TABLE', { limit: 3 });
    expect(fake.requests).toEqual([
      '/api/query?search_query=all%3A%22DROP%22+AND+all%3A%22TABLE%22&start=0&max_results=3&sortBy=relevance&sortOrder=descending',
    ]);
    await source().search('Schrödinger', { limit: 3 });
    expect(fake.requests[1]).toContain('search_query=all%3A%22Schr%C3%B6dinger%22&');
  });

  it('GIVEN a query with nothing searchable THEN returns an empty batch without a request', async () => {
    expect(await source().search('((( :: )))', { limit: 5 })).toEqual({ items: [], skipped: [] });
    expect(fake.requests).toEqual([]);
  });

  it('GIVEN a limit outside 1–50 THEN clamps max_results', async () => {
    await source().search('a', { limit: 500 });
    await source().search('b', { limit: 0 });
    expect(fake.requests.map((r) => params(r).get('max_results'))).toEqual(['50', '1']);
  });

  it('GIVEN the known empty page (0 entries, totalResults > 0) THEN retries once, through the gate', async () => {
    fake.queueQuery({ body: readArxivFixture('arxiv-api-empty-page.xml') });
    const started = clock.now().getTime();
    const batch = await source().search('diffusion', { limit: 10 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]).toBe(fake.requests[0]);
    expect(batch.items).toHaveLength(3);
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(ARXIV_MIN_GAP_MS);
    expect(log.entries.some((r) => r.level === 'warn' && r.message.includes('empty page'))).toBe(true);
  });

  it('GIVEN two empty pages in a row THEN gives up after one retry with an empty batch', async () => {
    const empty = { body: readArxivFixture('arxiv-api-empty-page.xml') };
    fake.queueQuery(empty, empty, empty);
    const batch = await source().search('diffusion', { limit: 10 });
    expect(fake.requests).toHaveLength(2);
    expect(batch.items).toEqual([]);
  });

  it('GIVEN an empty page after the deadline has passed THEN does not retry', async () => {
    await fake.close();
    fake = await startFakeArxiv({
      query: () => {
        clock.advance(5_000);
        return { body: readArxivFixture('arxiv-api-empty-page.xml') };
      },
    });
    const batch = await source().search('diffusion', { limit: 10, deadlineMs: 4_000 });
    expect(fake.requests).toHaveLength(1);
    expect(batch.items).toEqual([]);
  });

  it('GIVEN an error entry for a search THEN rejects with bad_input', async () => {
    fake.queueQuery({ body: readArxivFixture('arxiv-api-error.xml') });
    expect((await rejection(source().search('x', { limit: 1 }))).code).toBe('bad_input');
  });

  it('GIVEN a 503 then the page THEN the shared http layer retries and the search succeeds', async () => {
    fake.queueQuery({ status: 503, body: 'Service Unavailable' });
    const batch = await source().search('robots', { limit: 2 });
    expect(fake.requests).toHaveLength(2);
    expect(batch.items).toHaveLength(3);
  });
});
