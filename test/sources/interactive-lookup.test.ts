/**
 * `/papers paper <id>` with Hugging Face down: the lookup someone is waiting for gives each source one short try
 * (docs/architecture.md §13), so the answer comes from arXiv within about two seconds, measured on the real clock.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { createPaperLookup, INTERACTIVE_FETCH } from '../../src/core/paper-service.ts';
import { createArxivHttp, createArxivSource } from '../../src/sources/arxiv.ts';
import { createHfDailyPapersSource } from '../../src/sources/hf-daily-papers.ts';
import { createHttpClient } from '../../src/sources/http.ts';
import { openDatabase } from '../../src/store/index.ts';
import { readArxivFixture, startFakeArxiv, type FakeArxiv } from '../fakes/fake-arxiv.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';
import { sqliteStore } from '../helpers/sqlite-store.ts';

/** Generous for a shared machine, yet well under the ~3 s that retries with backoff against HF used to cost. */
const ANSWER_WITHIN_MS = 2_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A URL on 127.0.0.1 where nothing listens: connections are refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return `http://127.0.0.1:${port}`;
}

async function lookupWith(hfUrl: string) {
  const log = createRecordingLogger();
  const arxiv: FakeArxiv = await startFakeArxiv();
  cleanups.push(() => arxiv.close());
  const db = openDatabase(':memory:', { log, clock: systemClock });
  cleanups.push(() => db.close());
  const store = sqliteStore(db);
  // The clients as the app builds them: the HTTP layer's default retries and timeouts.
  const hf = createHfDailyPapersSource({ http: createHttpClient({ clock: systemClock, log }), baseUrl: hfUrl, log });
  const arxivSource = createArxivSource({
    http: createArxivHttp({ clock: systemClock, log }),
    apiUrl: arxiv.apiUrl,
    rssUrl: arxiv.rssUrl,
    log,
  });
  const lookup = createPaperLookup({ store: store.papers, sources: [hf, arxivSource], clock: systemClock, log });
  return { lookup, arxiv, log };
}

describe('createPaperLookup with Hugging Face down', () => {
  it('GIVEN Hugging Face refuses connections THEN the paper comes from arXiv in under two seconds', async () => {
    const { lookup, arxiv, log } = await lookupWith(await closedPortUrl());
    const started = performance.now();
    const detail = await lookup('2510.14968');
    const elapsed = performance.now() - started;
    expect(detail?.card.title).toBe('RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks');
    expect(detail?.sourceNote).toBe('Not in the local store yet; fetched from arXiv just now.');
    expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
    expect(arxiv.requests).toEqual(['/api/query?id_list=2510.14968&max_results=1']);
    expect(log.entries.filter((e) => e.message === 'http request failed; retrying')).toEqual([]);
    expect(log.entries.some((e) => e.message === 'paper lookup failed')).toBe(true);
  });

  it('GIVEN Hugging Face accepts the connection and never answers THEN one 1.5 s try, then the paper from arXiv', async () => {
    const hf: FakeHf = createFakeHf();
    const { url } = await hf.start();
    cleanups.push(() => hf.close());
    hf.always('paper', { hang: true });
    const { lookup, arxiv } = await lookupWith(url);
    const started = performance.now();
    const detail = await lookup('2510.14968');
    const elapsed = performance.now() - started;
    expect(detail?.card.title).toBe('RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks');
    expect(elapsed).toBeGreaterThanOrEqual(INTERACTIVE_FETCH.timeoutMs - 50);
    expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
    expect(hf.requestsTo('paper').map((r) => r.path)).toEqual(['/api/papers/2510.14968']);
    expect(arxiv.requests).toHaveLength(1);
  });
});

describe('the sources under the interactive policy', () => {
  it('GIVEN Hugging Face answering 503 THEN an interactive lookup tries once, a default one retries', async () => {
    const hf: FakeHf = createFakeHf();
    const { url } = await hf.start();
    cleanups.push(() => hf.close());
    hf.always('paper', { status: 503 });
    const log = createRecordingLogger();
    const source = createHfDailyPapersSource({ http: createHttpClient({ clock: systemClock, log, baseDelayMs: 1 }), baseUrl: url, log });
    await expect(source.lookup(['2510.14968'], INTERACTIVE_FETCH)).rejects.toMatchObject({ status: 503 });
    expect(hf.requestsTo('paper')).toHaveLength(1);
    await expect(source.lookup(['2510.14968'])).rejects.toMatchObject({ status: 503 });
    expect(hf.requestsTo('paper')).toHaveLength(1 + 4);
  });

  it("GIVEN arXiv's known empty page THEN an interactive lookup does not wait out the gate to ask again", async () => {
    const log = createRecordingLogger();
    const arxiv = await startFakeArxiv();
    cleanups.push(() => arxiv.close());
    arxiv.queueQuery({ body: readArxivFixture('arxiv-api-empty-page.xml') });
    const source = createArxivSource({
      http: createArxivHttp({ clock: systemClock, log }),
      apiUrl: arxiv.apiUrl,
      rssUrl: arxiv.rssUrl,
      log,
    });
    const started = performance.now();
    const batch = await source.lookup(['2510.14968'], INTERACTIVE_FETCH);
    expect(performance.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(batch.items).toEqual([]);
    expect(arxiv.requests).toHaveLength(1);
  });
});
