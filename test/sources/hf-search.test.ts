import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock, systemClock, type Clock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createHfSearchSource } from '../../src/sources/hf-search.ts';
import { createHttpClient } from '../../src/sources/http.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url), 'utf8')) as unknown[];

let hf: FakeHf;
let url: string;

beforeEach(async () => {
  hf = createFakeHf({ items: sample });
  ({ url } = await hf.start());
});
afterEach(() => hf.close());

function setup(options: { token?: string; clock?: Clock } = {}) {
  const clock = options.clock ?? createFixedClock(new Date('2025-12-01T12:00:00Z'));
  const http = createHttpClient({ clock, log: silentLogger, random: () => 0.5 });
  return createHfSearchSource({ http, baseUrl: `${url}/`, token: options.token, log: silentLogger });
}

describe('Hugging Face search source', () => {
  it('GIVEN a query THEN it calls /api/papers/search?q=&limit= and parses the matches', async () => {
    const batch = await setup().search('  Geometric   problem ', { limit: 5 });
    expect(batch.items.map((item) => item.paper.id)).toEqual(['2504.15780']);
    expect(batch.items[0]?.source).toBe('huggingface');
    expect(hf.requestsTo('search').map((r) => r.query)).toEqual([{ q: 'Geometric problem', limit: '5' }]);
  });

  it('GIVEN a very long query THEN only its first 200 characters are sent', async () => {
    await setup().search(`reward ${'x'.repeat(500)}`, { limit: 3 });
    expect(hf.requestsTo('search')[0]?.query.q).toHaveLength(200);
  });

  it('GIVEN more results than the limit THEN at most `limit` come back', async () => {
    hf.enqueue('search', { json: sample });
    const batch = await setup().search('reward', { limit: 3 });
    expect(batch.items).toHaveLength(3);
  });

  it('GIVEN a blank query THEN no request and no results', async () => {
    expect(await setup().search('   ', { limit: 3 })).toEqual({ items: [], skipped: [] });
    expect(hf.requests).toEqual([]);
  });

  it('honours retries: 0 (one attempt) and passes the token as a bearer', async () => {
    hf.enqueue('search', { status: 500 });
    await expect(setup({ token: 'hf_abc' }).search('reward', { limit: 3, retries: 0 })).rejects.toMatchObject({
      code: 'source_unavailable',
      status: 500,
    });
    expect(hf.requests).toHaveLength(1);
    expect(hf.requests[0]?.headers.authorization).toBe('Bearer hf_abc');
  });

  it('honours deadlineMs: a hanging search gives up in time', async () => {
    hf.always('search', { hang: true });
    const started = Date.now();
    await expect(setup({ clock: systemClock }).search('reward', { limit: 3, deadlineMs: 150 })).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('honours the signal: an aborted search stops', async () => {
    hf.always('search', { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(setup().search('reward', { limit: 3, signal: controller.signal })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('GIVEN a truncated answer THEN source_malformed', async () => {
    hf.enqueue('search', { body: '[{"paper":' });
    await expect(setup().search('reward', { limit: 3 })).rejects.toMatchObject({ code: 'source_malformed' });
  });
});
