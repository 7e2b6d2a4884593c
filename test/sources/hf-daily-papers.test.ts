import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { createHfDailyPapersSource } from '../../src/sources/hf-daily-papers.ts';
import { createHttpClient, HttpError, type HttpClientOptions } from '../../src/sources/http.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

const readJson = (path: string): unknown[] => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown[];
const sample = readJson('../../fixtures/hf-daily-papers.sample.json');
const edgeItems = readJson('../fixtures/hf-edge-items.json');

function syntheticDay(count: number, day: string): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    paper: {
      id: `2503.${10000 + i}`,
      title: `Paper ${i}`,
      summary: 'An abstract.',
      authors: [],
      upvotes: i,
      publishedAt: `${day}T00:00:00.000Z`,
      submittedOnDailyAt: `${day}T00:00:00.000Z`,
    },
    numComments: 0,
  }));
}

let hf: FakeHf;
let url: string;

beforeEach(async () => {
  hf = createFakeHf({ items: sample, today: () => '2025-12-01' });
  ({ url } = await hf.start());
});
afterEach(() => hf.close());

function setup(options: { token?: string; http?: Partial<HttpClientOptions> } = {}) {
  const clock = createFixedClock(new Date('2025-12-01T12:00:00Z'));
  const log = createRecordingLogger();
  const { entries } = log;
  const http = createHttpClient({ clock, log, random: () => 0.5, ...options.http });
  const source = createHfDailyPapersSource({ http, baseUrl: url, token: options.token, log });
  return { source, clock, entries };
}

describe('Hugging Face Daily Papers source', () => {
  it('GIVEN 250 papers on one day THEN it reads pages p=0,1,2 of 100 and reports progress after each', async () => {
    hf.setItems(syntheticDay(250, '2025-03-04'));
    const { source } = setup();
    const progress: number[] = [];
    const batch = await source.list({ kind: 'day', date: '2025-03-04' }, { onProgress: (n) => progress.push(n) });
    expect(batch.items).toHaveLength(250);
    expect(new Set(batch.items.map((item) => item.paper.id)).size).toBe(250);
    expect(hf.requestsTo('daily_papers').map((r) => r.query)).toEqual(
      ['0', '1', '2'].map((p) => ({ date: '2025-03-04', limit: '100', p })),
    );
    expect(progress).toEqual([100, 200, 250]);
  });

  it('GIVEN a day with exactly 100 papers THEN it asks for one more page and stops at the empty one', async () => {
    hf.setItems(syntheticDay(100, '2025-03-04'));
    const batch = await setup().source.list({ kind: 'day', date: '2025-03-04' });
    expect(batch.items).toHaveLength(100);
    expect(hf.requestsTo('daily_papers')).toHaveLength(2);
  });

  it('GIVEN an empty day THEN an empty batch from one request', async () => {
    const batch = await setup().source.list({ kind: 'day', date: '2025-03-08' });
    expect(batch).toEqual({ items: [], skipped: [] });
    expect(hf.requestsTo('daily_papers')).toHaveLength(1);
  });

  it('GIVEN a 500 then a good answer THEN it retries once and succeeds', async () => {
    hf.enqueue('daily_papers', { status: 500 });
    const { source, clock } = setup();
    const batch = await source.list({ kind: 'day', date: '2025-10-01' });
    expect(batch.items.map((item) => item.paper.id)).toEqual(['2510.00568']);
    expect(hf.requestsTo('daily_papers')).toHaveLength(2);
    expect(clock.slept).toHaveLength(1);
  });

  it('GIVEN a 429 with Retry-After: 2 THEN it waits 2 s on its clock and tries again', async () => {
    hf.enqueue('daily_papers', { status: 429, headers: { 'retry-after': '2' } });
    const { source, clock } = setup();
    const batch = await source.list({ kind: 'day', date: '2025-10-01' });
    expect(batch.items).toHaveLength(1);
    expect(clock.slept).toEqual([2000]);
  });

  it('GIVEN a server that never answers THEN the call fails fast with a timeout', async () => {
    hf.always('daily_papers', { hang: true });
    const { source } = setup({ http: { timeoutMs: 100, retries: 0 } });
    const started = Date.now();
    const error: unknown = await source.list({ kind: 'day', date: '2025-10-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'timeout', status: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('GIVEN truncated JSON THEN the run fails as source_malformed, saying so', async () => {
    hf.enqueue('daily_papers', { body: '[{"paper":' });
    const error = await setup()
      .source.list({ kind: 'day', date: '2025-10-01' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'source_malformed',
      message: expect.stringMatching(/for 2025-10-01 page 0: response is not valid JSON/),
    });
  });

  it('GIVEN an HTML error page THEN the run fails as source_unavailable (502) or source_malformed (200)', async () => {
    hf.always('daily_papers', { status: 502, html: true });
    const { source } = setup();
    await expect(source.list({ kind: 'day', date: '2025-10-01' })).rejects.toMatchObject({ code: 'source_unavailable', status: 502 });
    expect(hf.requestsTo('daily_papers')).toHaveLength(4); // the first try and three retries
    hf.always('daily_papers', { status: 200, html: true });
    await expect(source.list({ kind: 'day', date: '2025-10-01' })).rejects.toMatchObject({
      code: 'source_malformed',
      message: expect.stringContaining('HTML page instead of JSON'),
    });
  });

  it('GIVEN items with missing or odd fields THEN good ones are kept, bad ones skipped by name and logged', async () => {
    hf.enqueue('daily_papers', { json: edgeItems });
    const { source, entries } = setup();
    const batch = await source.list({ kind: 'day', date: '2025-03-04' });
    expect(batch.items).toHaveLength(12);
    expect(batch.skipped.map((s) => s.ref)).toEqual(
      expect.arrayContaining(['#10', '#11', '#15', '2503.00010', '2503.00011', 'not-an-arxiv-id']),
    );
    expect(entries.filter((e) => e.message === 'skipped malformed item')).toHaveLength(5);
  });

  it('GIVEN the 44-paper sample as the trending list THEN all parse, from one ?sort=trending&limit=100 request', async () => {
    const batch = await setup().source.list({ kind: 'trending' });
    expect(batch.items).toHaveLength(44);
    expect(batch.skipped).toEqual([]);
    expect(hf.requestsTo('daily_papers').map((r) => r.query)).toEqual([{ sort: 'trending', limit: '100' }]);
  });

  it('GIVEN a week or a month THEN it asks for ?week= / ?month= pages', async () => {
    const { source } = setup();
    const week = await source.list({ kind: 'week', week: '2025-W40' });
    expect(week.items.map((item) => item.paper.id).sort()).toEqual(['2510.00568', '2510.05169']);
    const month = await source.list({ kind: 'month', month: '2025-10' });
    expect(month.items).toHaveLength(5);
    expect(hf.requestsTo('daily_papers').map((r) => r.query)).toEqual([
      { week: '2025-W40', limit: '100', p: '0' },
      { month: '2025-10', limit: '100', p: '0' },
    ]);
  });

  it('GIVEN a future date THEN HF answers 400 and the source says that list is not available', async () => {
    const error = await setup()
      .source.list({ kind: 'day', date: '2026-01-01' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_input', message: expect.stringContaining('list for 2026-01-01 is not available') });
  });

  it('GIVEN malformed dates, weeks or months THEN bad_input before any request', async () => {
    const { source } = setup();
    for (const request of [
      { kind: 'day', date: '2025-02-30' },
      { kind: 'day', date: '04/03/2025' },
      { kind: 'week', week: '2025-W53' },
      { kind: 'week', week: '2025-9' },
      { kind: 'month', month: '2025-13' },
    ] as const) {
      await expect(source.list(request)).rejects.toMatchObject({ code: 'bad_input' });
    }
    await expect(source.list({ kind: 'week', week: '2026-W53' })).resolves.toEqual({ items: [], skipped: [] });
    expect(hf.requests).toHaveLength(1);
  });

  it('supports day, week, month and trending but not arXiv categories', () => {
    const { source } = setup();
    expect(source.name).toBe('huggingface');
    expect(source.supports({ kind: 'trending' })).toBe(true);
    expect(source.supports({ kind: 'category', category: 'cs.LG' })).toBe(false);
  });

  it('GIVEN a token THEN it is sent as a bearer, with a paperboy User-Agent, and never logged', async () => {
    hf.enqueue('daily_papers', { status: 503 });
    const { source, entries } = setup({ token: 'hf_secret123' });
    await source.list({ kind: 'day', date: '2025-10-01' });
    for (const request of hf.requests) {
      expect(request.headers.authorization).toBe('Bearer hf_secret123');
      expect(request.headers['user-agent']).toContain('paperboy');
    }
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain('hf_secret123');
  });

  it('GIVEN no token THEN no authorization header is sent', async () => {
    await setup().source.list({ kind: 'trending' });
    expect(hf.requests[0]?.headers).not.toHaveProperty('authorization');
    expect(hf.requests[0]?.headers['user-agent']).toContain('paperboy');
  });

  it('lookup: one /api/papers/{id} request per id; unknown ids (404) are left out', async () => {
    const { source } = setup();
    const batch = await source.lookup(['2409.12917', '1234.56789', '2510.00568v2', 'nonsense']);
    expect(batch.items.map((item) => item.paper.id)).toEqual(['2409.12917', '2510.00568']);
    expect(batch.skipped).toEqual([{ ref: 'nonsense', reason: 'not an arXiv id' }]);
    expect(hf.requestsTo('paper').map((r) => r.path)).toEqual([
      '/api/papers/2409.12917',
      '/api/papers/1234.56789',
      '/api/papers/2510.00568',
    ]);
  });

  it('lookup: other failures are not hidden', async () => {
    hf.always('paper', { status: 500 });
    const { source } = setup({ http: { retries: 1 } });
    await expect(source.lookup(['2409.12917'])).rejects.toMatchObject({ code: 'source_unavailable', status: 500 });
  });
});
