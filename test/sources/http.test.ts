import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock, systemClock, type Clock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createHttpClient, HttpError, retryAfterMs, type HttpClientOptions } from '../../src/sources/http.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';

let hf: FakeHf;
let endpoint: string;

beforeEach(async () => {
  hf = createFakeHf({ items: [] });
  endpoint = `${(await hf.start()).url}/api/daily_papers?date=2025-03-04`;
});
afterEach(() => hf.close());

function client(options: Partial<HttpClientOptions> & { clock?: Clock } = {}) {
  const clock = createFixedClock(new Date('2025-03-04T12:00:00Z'));
  return { clock, http: createHttpClient({ clock, log: silentLogger, random: () => 0.5, ...options }) };
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('http client', () => {
  it('GIVEN a server that keeps failing with 5xx THEN it retries a bounded number of times with growing waits, then fails', async () => {
    hf.always('daily_papers', { status: 503 });
    const { http, clock } = client({ retries: 2 });
    const error = await failure(http.get(endpoint));
    expect(error).toMatchObject({ code: 'source_unavailable', status: 503 });
    expect(hf.requests).toHaveLength(3);
    expect(clock.slept).toHaveLength(2);
    expect(clock.slept[1]).toBeGreaterThan(clock.slept[0] ?? Infinity);
  });

  it('GIVEN a 4xx other than 429 THEN it fails at once; 404 is not_found', async () => {
    hf.enqueue('daily_papers', { status: 404 });
    const { http, clock } = client();
    expect(await failure(http.get(endpoint))).toMatchObject({ code: 'not_found', status: 404 });
    expect(hf.requests).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('GIVEN 429 with Hugging Face\'s RateLimit: "api";r=0;t=7 THEN it waits 7 s, then succeeds', async () => {
    hf.enqueue('daily_papers', {
      status: 429,
      headers: { ratelimit: '"api";r=0;t=7', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
    });
    const { http, clock } = client();
    const response = await http.get(endpoint);
    expect(response.status).toBe(200);
    expect(clock.slept).toEqual([7000]);
  });

  it('GIVEN 429 with Retry-After: 3600 THEN it gives up at once instead of waiting past the cap', async () => {
    hf.always('daily_papers', { status: 429, headers: { 'retry-after': '3600' } });
    const { http, clock } = client();
    const error = await failure(http.get(endpoint));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(error.message).toMatch(/gave up/);
    expect(clock.slept).toEqual([]);
    expect(hf.requests).toHaveLength(1);
  });

  it('GIVEN repeated 429s THEN the total wait stays under the cap', async () => {
    hf.always('daily_papers', { status: 429, headers: { 'retry-after': '40' } });
    const { http, clock } = client({ retries: 10, maxWaitMs: 100_000 });
    expect(await failure(http.get(endpoint))).toMatchObject({ code: 'rate_limited' });
    expect(clock.slept).toEqual([40_000, 40_000]);
  });

  it('GIVEN a deadline shorter than Retry-After THEN it gives up without waiting', async () => {
    hf.always('daily_papers', { status: 429, headers: { 'retry-after': '5' } });
    const { http, clock } = client();
    expect(await failure(http.get(endpoint, { deadlineMs: 3000 }))).toMatchObject({ code: 'rate_limited' });
    expect(clock.slept).toEqual([]);
  });

  it('GIVEN a server that never answers THEN deadlineMs bounds the call in real time', async () => {
    hf.always('daily_papers', { hang: true });
    const { http } = client({ clock: systemClock });
    const started = Date.now();
    expect(await failure(http.get(endpoint, { deadlineMs: 150 }))).toMatchObject({ code: 'timeout', status: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('GIVEN a body that stalls halfway THEN it is a timeout too', async () => {
    hf.enqueue('daily_papers', { hang: 'mid-body', json: [{ paper: { id: '2503.00001' } }] });
    const { http } = client({ timeoutMs: 100, retries: 0 });
    expect(await failure(http.get(endpoint))).toMatchObject({ code: 'timeout' });
  });

  it('GIVEN a closed port THEN the connection error is retried, then reported', async () => {
    const { http, clock } = client({ retries: 2 });
    const error = await failure(http.get(`http://127.0.0.1:${await closedPort()}/api/daily_papers`));
    expect(error).toMatchObject({ code: 'source_unavailable', status: 0 });
    expect(error.message).toContain('ECONNREFUSED');
    expect(clock.slept).toHaveLength(2);
  });

  it('GIVEN a dropped connection THEN the next attempt succeeds', async () => {
    hf.enqueue('daily_papers', { drop: true });
    const { http } = client();
    expect((await http.get(endpoint)).text).toBe('[]');
    expect(hf.requests).toHaveLength(2);
  });

  it('GIVEN the caller aborts THEN the call stops at once, even while waiting out a Retry-After', async () => {
    hf.always('daily_papers', { status: 429, headers: { 'retry-after': '10' } });
    const { http } = client({ clock: systemClock });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await failure(http.get(endpoint, { signal: controller.signal }))).toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('cancelled'),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never puts the query string (where tokens could hide) in errors', async () => {
    hf.enqueue('daily_papers', { status: 404 });
    const error = await failure(client().http.get(`${endpoint}&secret=xyz`));
    expect(error.message).not.toContain('xyz');
    expect(error.url).not.toContain('?');
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2025-03-04T12:00:00Z');
  it('reads Retry-After seconds, an HTTP date, or RateLimit t=', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 04 Mar 2025 12:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ ratelimit: '"api";r=0;t=55' }), now)).toBe(55_000);
    expect(retryAfterMs(new Headers({}), now)).toBeNull();
  });
});

describe('http client behind a gate', () => {
  it('GIVEN a call queued in the gate longer than its timeout THEN its timeout starts only when it runs', async () => {
    const slowGate = {
      async run<T>(attempt: () => Promise<T>): Promise<T> {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return attempt();
      },
    };
    const http = createHttpClient({ clock: systemClock, log: silentLogger, gate: slowGate, timeoutMs: 150, retries: 0 });
    const response = await http.get(endpoint);
    expect(response.status).toBe(200);
  });
});
