/**
 * The one HTTP layer every source uses: per-call deadlines, bounded retries with backoff and jitter
 * on 5xx and network errors, 429 waited out per `Retry-After` or Hugging Face's `RateLimit` header,
 * a cap on total waiting, and a User-Agent naming the project.
 */
import { PaperboyError, type ErrorCode } from '../core/errors.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';

/** Defaults, each with the reason for its value. */
export const HTTP_DEFAULTS = {
  /** One slow response must not hold a refresh for long; HF and arXiv answer in well under 10 s. */
  timeoutMs: 15_000,
  /** Three retries ride out a restarting server without hammering a sick one. */
  retries: 3,
  /** First backoff step; doubles per attempt (0.5 s, 1 s, 2 s …). */
  baseDelayMs: 500,
  /** No single backoff step longer than this. */
  maxDelayMs: 30_000,
  /** Total time one call may spend waiting (backoff + rate limits) before it gives up. */
  maxWaitMs: 120_000,
} as const;

export const USER_AGENT = 'paperboy/0.1 (self-hosted research-papers bot; +https://github.com/paperboy-bot/paperboy)';

/** An HTTP failure: the status (0 for network errors and timeouts) and the URL without its query. */
export class HttpError extends PaperboyError {
  readonly status: number;
  readonly url: string;

  constructor(code: ErrorCode, message: string, status: number, url: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'HttpError';
    this.status = status;
    this.url = url;
  }
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Overrides the client's retry count (0 = a single attempt). */
  retries?: number;
  /** Overall budget for the call, retries and waits included. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

/** Serialises attempts (e.g. arXiv's one request per 3 s over one connection). */
export interface RequestGate {
  run<T>(attempt: () => Promise<T>): Promise<T>;
}

export interface HttpClient {
  /** GET `url`; resolves with a 2xx response, rejects with an `HttpError` otherwise. */
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  clock: Clock;
  log: Logger;
  userAgent?: string;
  timeoutMs?: number;
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxWaitMs?: number;
  gate?: RequestGate;
  random?: () => number;
  fetch?: typeof fetch;
}

/** Seconds to wait from `Retry-After` (seconds or HTTP date) or `RateLimit: "api";r=0;t=55`. */
export function retryAfterMs(headers: Headers, now: Date): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
  }
  const rateLimit = headers.get('ratelimit');
  const reset = rateLimit ? /(?:^|;)\s*t=(\d+)/.exec(rateLimit) : null;
  if (reset?.[1]) return Number(reset[1]) * 1000;
  return null;
}

function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408;
}

/** Creates the HTTP client. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = { ...HTTP_DEFAULTS, ...stripUndefined(options) };
  const doFetch = options.fetch ?? globalThis.fetch;
  const random = options.random ?? Math.random;
  const userAgent = options.userAgent ?? USER_AGENT;
  const { clock, log } = options;

  /** One attempt; `timeoutMs` is asked for when the attempt really starts, after any wait in the gate. */
  async function attempt(url: string, timeoutMs: () => number, request: RequestOptions): Promise<HttpResponse> {
    const run = async () => {
      // The timer starts here, not before the gate: time queued behind other arXiv calls is not this call's fault.
      const ms = timeoutMs();
      const signals = [AbortSignal.timeout(Math.max(1, ms))];
      if (request.signal) signals.push(request.signal);
      const response = await doFetch(url, {
        headers: { 'user-agent': userAgent, accept: 'application/json, application/xml;q=0.9, */*;q=0.8', ...request.headers },
        signal: AbortSignal.any(signals),
      });
      // Read the body under the same timeout, so a stalled body is a timeout too.
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, url };
    };
    return options.gate ? options.gate.run(run) : run();
  }

  return {
    async get(url, request = {}) {
      const shown = redactUrl(url);
      const retries = request.retries ?? settings.retries;
      const started = clock.now().getTime();
      const deadline = request.deadlineMs === undefined ? Infinity : started + request.deadlineMs;
      let waited = 0;
      for (let attemptNo = 0; ; attemptNo++) {
        const remaining = deadline - clock.now().getTime();
        if (remaining <= 0) throw new HttpError('timeout', `${shown}: no answer within the deadline`, 0, shown);
        const timeoutMs = Math.min(request.timeoutMs ?? settings.timeoutMs, remaining);
        let failure: HttpError;
        let waitMs: number | null = null;
        try {
          const response = await attempt(url, () => Math.min(timeoutMs, deadline - clock.now().getTime()), request);
          if (response.status >= 200 && response.status < 300) return response;
          failure = httpFailure(response, shown);
          if (response.status === 429) {
            waitMs = retryAfterMs(response.headers, clock.now()) ?? backoff(attemptNo);
          } else if (!isRetryableStatus(response.status)) {
            throw failure;
          }
        } catch (error) {
          if (error instanceof HttpError) throw error;
          if (request.signal?.aborted) throw new HttpError('timeout', `${shown}: cancelled`, 0, shown, { cause: error });
          const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
          failure = timedOut
            ? new HttpError('timeout', `${shown}: no answer within ${timeoutMs} ms`, 0, shown, { cause: error })
            : new HttpError('source_unavailable', `${shown}: ${networkReason(error)}`, 0, shown, { cause: error });
        }
        if (attemptNo >= retries) throw failure;
        const delay = waitMs ?? backoff(attemptNo);
        if (waited + delay > settings.maxWaitMs || clock.now().getTime() + delay > deadline) {
          throw new HttpError(
            failure.code,
            `${failure.message} (gave up: waiting ${Math.round(delay / 1000)} s more would pass the limit)`,
            failure.status,
            shown,
            { cause: failure },
          );
        }
        log.warn({ url: shown, status: failure.status, attempt: attemptNo + 1, waitMs: delay }, 'http request failed; retrying');
        waited += delay;
        try {
          await clock.sleep(delay, request.signal);
        } catch (error) {
          // A cancel during the wait must surface like a cancel during a request: as an HttpError.
          throw new HttpError('timeout', `${shown}: cancelled`, 0, shown, { cause: error });
        }
      }
    },
  };

  function backoff(attemptNo: number): number {
    const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attemptNo);
    // Full jitter in the upper half: spreads retries from many clients without ever retrying at once.
    return Math.round(step / 2 + (random() * step) / 2);
  }
}

function httpFailure(response: HttpResponse, shown: string): HttpError {
  const code: ErrorCode = response.status === 404 ? 'not_found' : response.status === 429 ? 'rate_limited' : 'source_unavailable';
  return new HttpError(code, `${shown}: HTTP ${response.status}`, response.status, shown);
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A gate allowing one attempt at a time, each starting at least `minGapMs` after the previous one started. */
export function createSpacingGate(minGapMs: number, clock: Clock): RequestGate {
  let tail: Promise<unknown> = Promise.resolve();
  let lastStart = -Infinity;
  return {
    run<T>(attemptFn: () => Promise<T>): Promise<T> {
      const result = tail.then(async () => {
        const wait = lastStart + minGapMs - clock.now().getTime();
        if (wait > 0) await clock.sleep(wait);
        lastStart = clock.now().getTime();
        return attemptFn();
      });
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
