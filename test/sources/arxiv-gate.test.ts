import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { ARXIV_MIN_GAP_MS, createArxivHttp, createArxivSource } from '../../src/sources/arxiv.ts';
import { readArxivFixture } from '../fakes/fake-arxiv.ts';

interface Start {
  url: string;
  at: number;
  inFlight: number;
}

type Responder = (url: string, attempt: number) => Response;

const xml = (body: string) => new Response(body, { status: 200, headers: { 'content-type': 'application/xml' } });

const byPath: Responder = (url) =>
  xml(new URL(url).pathname.startsWith('/rss/') ? readArxivFixture('arxiv-rss-listing.xml') : readArxivFixture('arxiv-api-query.xml'));

/** A fetch that records the fixed clock's time and the number of requests in flight at each start. */
function recordingFetch(clock: { now(): Date }, respond: Responder = byPath) {
  const starts: Start[] = [];
  let inFlight = 0;
  const fetchFn: typeof fetch = async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    inFlight++;
    starts.push({ url, at: clock.now().getTime(), inFlight });
    try {
      // Yield to the event loop several times so concurrent callers get every chance to overlap.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      return respond(url, starts.length);
    } finally {
      inFlight--;
    }
  };
  return { starts, fetchFn };
}

function setup(respond?: Responder) {
  const clock = createFixedClock(new Date('2026-09-24T06:00:00Z'));
  const recorder = recordingFetch(clock, respond);
  const http = createArxivHttp({ clock, log: silentLogger, fetch: recorder.fetchFn });
  const source = createArxivSource({
    http,
    apiUrl: 'https://export.arxiv.test/api',
    rssUrl: 'https://rss.arxiv.test',
    log: silentLogger,
    clock,
  });
  return { clock, http, source, starts: recorder.starts };
}

function gaps(starts: Start[]): number[] {
  return starts.slice(1).map((start, i) => start.at - (starts[i]?.at ?? 0));
}

describe('createArxivHttp — one request per 3 s, one at a time, across every arXiv path', () => {
  it('GIVEN five concurrent listing, lookup and search calls THEN starts are ≥ 3 s apart and never overlap', async () => {
    const { source, starts } = setup();
    const results = await Promise.all([
      source.list({ kind: 'category', category: 'cs.LG' }),
      source.lookup(['2510.14968', '2409.12917']),
      source.search('diffusion models', { limit: 5 }),
      source.list({ kind: 'category', category: 'math.QA' }),
      source.search('"; DROP TABLE', { limit: 5 }),
    ]);
    expect(results.map((r) => r.items.length)).toEqual([8, 2, 3, 8, 3]);
    expect(starts).toHaveLength(5);
    expect(new Set(starts.map((s) => new URL(s.url).pathname))).toEqual(new Set(['/rss/cs.LG', '/api/query', '/rss/math.QA']));
    expect(Math.max(...starts.map((s) => s.inFlight))).toBe(1);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(ARXIV_MIN_GAP_MS);
  });

  it('GIVEN a 503 then a 200 THEN the retry also waits for the gate: ≥ 3 s after the first attempt', async () => {
    const { source, starts, clock } = setup((url, attempt) =>
      attempt === 1 ? new Response('busy', { status: 503 }) : byPath(url, attempt),
    );
    const batch = await source.list({ kind: 'category', category: 'cs.LG' });
    expect(batch.items).toHaveLength(8);
    expect(starts).toHaveLength(2);
    expect(gaps(starts)[0]).toBeGreaterThanOrEqual(ARXIV_MIN_GAP_MS);
    // The backoff (< 3 s) plus the gate's remaining wait make up exactly the gap: no real sleeping happened.
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBe(gaps(starts)[0]);
  });

  it('GIVEN a 429 with Retry-After: 10 THEN the retry starts no earlier than 10 s later', async () => {
    const { source, starts } = setup((url, attempt) =>
      attempt === 1 ? new Response('Rate exceeded.', { status: 429, headers: { 'retry-after': '10' } }) : byPath(url, attempt),
    );
    await source.search('graph neural networks', { limit: 3 });
    expect(gaps(starts)).toEqual([expect.any(Number)]);
    expect(gaps(starts)[0]).toBeGreaterThanOrEqual(10_000);
  });

  it('GIVEN concurrent callers where one is retried THEN all attempts, retries included, stay spaced and serial', async () => {
    let failedOnce = false;
    const { source, starts } = setup((url, attempt) => {
      if (!failedOnce && new URL(url).pathname === '/api/query') {
        failedOnce = true;
        return new Response('', { status: 502 });
      }
      return byPath(url, attempt);
    });
    await Promise.all([
      source.lookup(['2510.14968']),
      source.list({ kind: 'category', category: 'cs.LG' }),
      source.search('retrieval', { limit: 2 }),
    ]);
    expect(starts).toHaveLength(4);
    expect(Math.max(...starts.map((s) => s.inFlight))).toBe(1);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(ARXIV_MIN_GAP_MS);
  });

  it('GIVEN one client used directly by many callers THEN it still allows one request per 3 s', async () => {
    const { http, starts } = setup();
    await Promise.all(Array.from({ length: 4 }, (_, i) => http.get(`https://export.arxiv.test/api/query?id_list=2401.0000${i}`)));
    expect(gaps(starts)).toEqual([ARXIV_MIN_GAP_MS, ARXIV_MIN_GAP_MS, ARXIV_MIN_GAP_MS]);
  });
});
