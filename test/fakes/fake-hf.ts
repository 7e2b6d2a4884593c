/**
 * A loopback fake of the Hugging Face Papers API (node:http on 127.0.0.1, port 0) for source,
 * federated-search and outage tests.
 *
 * Routes, served from a configurable list of Daily Papers items (`{ paper: {...}, numComments, … }`):
 * - `GET /api/daily_papers` — `date=YYYY-MM-DD` (UTC date of `paper.submittedOnDailyAt`; a later date
 *   than `today()` or an impossible one → 400, like HF), `week=YYYY-Www` (ISO week of that date; HF's
 *   real windows overlap a little), `month=YYYY-MM`, `sort=trending` (by upvotes, ignoring any date),
 *   none of them → every item, newest first. `limit` (default 50, capped at 100) and 0-based `p` page it.
 * - `GET /api/papers/search?q=…&limit=…` — items whose title + summary contain every word of `q`
 *   (case-insensitive); a blank `q` → 400.
 * - `GET /api/papers/{id}` — the flat paper object (`paper` fields + `numComments`), or 404.
 *
 * Every request is recorded (`requests`). Failures are scripted per route: `enqueue` queues one-shot
 * behaviours used by the next requests in order; `always` sets one used whenever the queue is empty.
 *
 * @example
 *   const hf = createFakeHf({ items: sample });
 *   const { url } = await hf.start();
 *   hf.enqueue('daily_papers', { status: 500 }, { status: 429, headers: { 'retry-after': '2' } });
 *   hf.always('search', { hang: true }); // an outage: search never answers
 *   await hf.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeHfRoute = 'daily_papers' | 'search' | 'paper';

/** One scripted answer. With none of `json`/`body`/`html` and a 2xx status, the normal answer is sent. */
export interface FakeHfBehaviour {
  /** HTTP status (default 200). A non-2xx status without a body gets `{"error": "…"}`. */
  status?: number;
  /** Extra response headers, e.g. `{ 'retry-after': '2' }` or `{ ratelimit: '"api";r=0;t=7' }`. */
  headers?: Record<string, string>;
  /** Send this value as the JSON body instead of the normal answer. */
  json?: unknown;
  /** Send this raw text as the body (e.g. truncated JSON `'[{"paper":'`). */
  body?: string;
  /** Send an HTML error page (as a proxy or CDN would). */
  html?: boolean;
  /** `true`: never answer (until `close`). `'mid-body'`: send headers and half the body, then stall. */
  hang?: true | 'mid-body';
  /** Destroy the connection without answering: a network error for the client. */
  drop?: boolean;
  /** Real milliseconds to wait before answering; prefer the injected clock in tests. */
  delayMs?: number;
}

/** A request as the fake saw it; header names are lower-case. */
export interface FakeHfRequest {
  route: FakeHfRoute | null;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

export interface FakeHfOptions {
  items?: unknown[];
  /** The fake's "current UTC date" for rejecting future list dates; default: the real one. */
  today?: () => string;
}

export interface FakeHf {
  /** Listens on 127.0.0.1, port 0; resolves with the base URL to use as `HF_API_URL`. */
  start(): Promise<{ url: string }>;
  /** Stops listening and cuts every open connection, hanging ones included. */
  close(): Promise<void>;
  /** The base URL (after `start`). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: FakeHfRequest[];
  /** The recorded requests of one route. */
  requestsTo(route: FakeHfRoute): FakeHfRequest[];
  /** Replaces the item list. */
  setItems(items: unknown[]): void;
  /** Queues one-shot behaviours for the next requests to `route`. */
  enqueue(route: FakeHfRoute, ...behaviours: FakeHfBehaviour[]): void;
  /** A behaviour for every request to `route` while its queue is empty; `null` restores normal answers. */
  always(route: FakeHfRoute, behaviour: FakeHfBehaviour | null): void;
}

type Answer = { status: number; body: string; html?: boolean };
type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const paperOf = (item: unknown): Json => (isJson(item) ? (isJson(item.paper) ? item.paper : item) : {});
const listDay = (item: unknown): string => String(paperOf(item).submittedOnDailyAt ?? '').slice(0, 10);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const bad = (error: string) => ({ status: 400, json: { error } });
const answer = (status: number, json: unknown): Answer => ({ status, body: JSON.stringify(json) });

/** Creates a fake Hugging Face server (not yet listening). */
export function createFakeHf(options: FakeHfOptions = {}): FakeHf {
  let items = options.items ?? [];
  let url = '';
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const requests: FakeHfRequest[] = [];
  const queues = new Map<FakeHfRoute, FakeHfBehaviour[]>();
  const sticky = new Map<FakeHfRoute, FakeHfBehaviour>();
  // A bug in the fake must fail the request under test, not crash the test process.
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const route = routeOf(parsed.pathname);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    requests.push({ route, method: req.method ?? 'GET', path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), headers });
    const behaviour = route ? (queues.get(route)?.shift() ?? sticky.get(route)) : undefined;
    if (behaviour?.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (behaviour?.drop) return void req.socket.destroy();
    if (behaviour?.hang === true) return;
    const { status, body, html } = scripted(behaviour) ?? normalAnswer(route, req.method ?? 'GET', parsed);
    res.writeHead(behaviour?.status ?? status, {
      'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      ...behaviour?.headers,
    });
    if (behaviour?.hang === 'mid-body') return void res.write(body.slice(0, Math.ceil(body.length / 2)));
    res.end(body);
  }

  function normalAnswer(route: FakeHfRoute | null, method: string, url: URL): Answer {
    if (method !== 'GET' || route === null) return answer(404, { error: 'Not Found' });
    const { status, json } = routeAnswer(route, url);
    return answer(status, json);
  }

  function routeAnswer(route: FakeHfRoute, url: URL): { status: number; json: unknown } {
    const q = url.searchParams;
    if (route === 'paper') {
      const id = decodeURIComponent(url.pathname.slice('/api/papers/'.length)).replace(/v\d+$/, '');
      const item = items.find((candidate) => paperOf(candidate).id === id);
      if (item === undefined) return { status: 404, json: { error: 'Paper not found' } };
      const extra =
        isJson(item) && isJson(item.paper)
          ? { numComments: item.numComments ?? 0, isAuthorParticipating: item.isAuthorParticipating ?? false }
          : {};
      return { status: 200, json: { ...paperOf(item), ...extra } };
    }
    const limit = Number(q.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1) return bad('Invalid limit');
    if (route === 'search') {
      const words = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return bad('Missing query');
      const hits = items.filter((item) => {
        const haystack = `${text(paperOf(item).title)} ${text(paperOf(item).summary)}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      });
      return { status: 200, json: hits.slice(0, Math.min(limit, 120)) };
    }
    const page = Number(q.get('p') ?? 0);
    if (!Number.isInteger(page) || page < 0) return bad('Invalid page');
    const selected = selectList(q);
    if (!Array.isArray(selected)) return selected;
    const size = Math.min(limit, 100);
    return { status: 200, json: selected.slice(page * size, (page + 1) * size) };
  }

  function selectList(q: URLSearchParams): unknown[] | { status: number; json: unknown } {
    const upvotes = (item: unknown) => (typeof paperOf(item).upvotes === 'number' ? (paperOf(item).upvotes as number) : 0);
    if (q.get('sort') === 'trending') return [...items].sort((a, b) => upvotes(b) - upvotes(a));
    const date = q.get('date');
    if (date !== null) {
      if (!isRealDate(date)) return bad('Invalid date');
      if (date > today()) return bad('Date cannot be in the future');
      return items.filter((item) => listDay(item) === date);
    }
    const week = q.get('week');
    if (week !== null) {
      if (!/^\d{4}-W\d{2}$/.test(week)) return bad('Invalid week');
      return items.filter((item) => listDay(item) !== '' && isoWeek(listDay(item)) === week);
    }
    const month = q.get('month');
    if (month !== null) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return bad('Invalid month');
      return items.filter((item) => listDay(item).startsWith(`${month}-`));
    }
    return [...items].sort((a, b) => listDay(b).localeCompare(listDay(a)));
  }

  return {
    get url() {
      return url;
    },
    requests,
    requestsTo: (route) => requests.filter((request) => request.route === route),
    setItems(next) {
      items = next;
    },
    enqueue(route, ...behaviours) {
      queues.set(route, [...(queues.get(route) ?? []), ...behaviours]);
    },
    always(route, behaviour) {
      if (behaviour) sticky.set(route, behaviour);
      else sticky.delete(route);
    },
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve({ url });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The scripted answer of a behaviour, or undefined when the normal answer should be sent. */
function scripted(behaviour: FakeHfBehaviour | undefined): Answer | undefined {
  if (!behaviour) return undefined;
  const status = behaviour.status ?? 200;
  if (behaviour.html) {
    const body = `<!DOCTYPE html><html><head><title>${status} Error</title></head><body><h1>${status}</h1><p>Something went wrong.</p></body></html>`;
    return { status, body, html: true };
  }
  if (behaviour.body !== undefined) return { status, body: behaviour.body };
  if (behaviour.json !== undefined) return answer(status, behaviour.json);
  if (status < 200 || status >= 300) return answer(status, { error: `fake HF: HTTP ${status}` });
  return undefined;
}

function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === date;
}

function routeOf(path: string): FakeHfRoute | null {
  if (path === '/api/daily_papers') return 'daily_papers';
  if (path === '/api/papers/search') return 'search';
  if (path.startsWith('/api/papers/') && path.length > '/api/papers/'.length) return 'paper';
  return null;
}

/** ISO-8601 week (`YYYY-Www`) of a `YYYY-MM-DD` date. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of that week decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
