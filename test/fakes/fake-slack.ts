/**
 * A loopback fake of Slack (node:http on 127.0.0.1, port 0) for the real Bolt app and WebClient:
 * - the Web API at `<url>/api/<method>`: form or JSON bodies (form values holding JSON, like `blocks`, parsed),
 *   every call recorded with its Bearer token; answers come from a simulated workspace (fake-slack-state.ts);
 * - scripted one-shot failures per method (and channel): `{ error: 'not_in_channel' }`, `{ status: 429,
 *   retryAfter: 2 }`, any status;
 * - a response_url receiver at `<url>/response/<n>` (`responseUrl()` makes one; bodies recorded);
 * - Socket Mode at `<url>/socket` (fake-slack-socket.ts), the URL `apps.connections.open` returns.
 * Waiting is event-driven: `waitFor(check)` re-checks after every request, never by sleeping.
 *
 * @example
 *   const slack = createFakeSlack(); await slack.start();
 *   slack.workspace.setChannel({ id: 'C1', isArchived: true });
 *   slack.enqueue('chat.postMessage', { status: 429, retryAfter: 1 }, { channel: 'C2' });
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachFakeSocket, type FakeSlackSocket } from './fake-slack-socket.ts';
import { FakeWorkspace } from './fake-slack-state.ts';

export { FAKE_IDENTITY, type FakeChannel, type FakeMessage, type FakeUser } from './fake-slack-state.ts';

/** One Web API call as the fake saw it. */
export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  /** From `Authorization: Bearer …` (or a `token` form field). */
  token: string | null;
  contentType: string;
  at: number;
  /** What the fake answered: HTTP status and Slack's `error`, if any. */
  status: number;
  error: string | null;
}

/** A POST to a response_url. */
export interface SlackResponse {
  url: string;
  body: Record<string, unknown>;
  at: number;
}

/** A scripted answer replacing the normal one. */
export interface SlackBehaviour {
  /** Answer `200 {ok:false, error}`. */
  error?: string;
  /** HTTP status; 429 sends `Retry-After: retryAfter` (seconds, default 1). */
  status?: number;
  retryAfter?: number;
}

export interface FakeSlack {
  start(): Promise<{ url: string; apiUrl: string }>;
  close(): Promise<void>;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>/api/`, the SLACK_API_URL. */
  readonly apiUrl: string;
  readonly workspace: FakeWorkspace;
  readonly socket: FakeSlackSocket;
  readonly calls: SlackCall[];
  readonly responses: SlackResponse[];
  callsTo(method: string, channel?: string): SlackCall[];
  /** Queues one-shot behaviours for the next calls of `method` (optionally only those for `match.channel`). */
  enqueue(method: string, behaviour: SlackBehaviour, match?: { channel?: string }): void;
  /** A fresh response_url on this fake. */
  responseUrl(): string;
  responsesTo(url: string): SlackResponse[];
  /** Resolves with `check()`'s first truthy value, re-checked after every request; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | null | undefined | false, timeoutMs?: number): Promise<T>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Form values that hold JSON (blocks, metadata) are parsed, as Slack does. */
function parseParams(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

/** Creates the fake; `start()` listens. */
export function createFakeSlack(): FakeSlack {
  let base = '';
  const calls: SlackCall[] = [];
  const responses: SlackResponse[] = [];
  const queue: Array<{ method: string; behaviour: SlackBehaviour; channel?: string }> = [];
  const watchers = new Set<() => void>();
  let responseUrls = 0;
  const notify = () => {
    for (const watcher of [...watchers]) watcher();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const contentType = String(req.headers['content-type'] ?? '');
    const body = await readBody(req);
    if (path.startsWith('/response/')) {
      responses.push({ url: `${base}${path}`, body: JSON.parse(body) as Record<string, unknown>, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    if (!method) {
      res.writeHead(404).end();
      return;
    }
    const params = parseParams(body, contentType);
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
    const token = bearer ?? (typeof params.token === 'string' ? params.token : null);
    const index = queue.findIndex((q) => q.method === method && (q.channel === undefined || q.channel === params.channel));
    const scripted = index >= 0 ? queue.splice(index, 1)[0]?.behaviour : undefined;
    let status = 200;
    let answer: Record<string, unknown>;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (scripted?.status !== undefined) {
      status = scripted.status;
      answer = { ok: false, error: status === 429 ? 'ratelimited' : `http_${status}` };
      if (status === 429) headers['retry-after'] = String(scripted.retryAfter ?? 1);
    } else if (scripted?.error !== undefined) answer = { ok: false, error: scripted.error };
    else answer = workspace.answer(method, params, token);
    calls.push({
      method,
      params,
      token,
      contentType,
      at: Date.now(),
      status,
      error: typeof answer.error === 'string' ? answer.error : null,
    });
    res.writeHead(status, headers).end(JSON.stringify(answer));
  }

  const server = createServer((req, res) => {
    handle(req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      })
      .finally(notify);
  });
  const workspace = new FakeWorkspace(() => socket.url);
  const socket = attachFakeSocket(server, () => base);

  return {
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return { url: base, apiUrl: `${base}/api/` };
    },
    async close() {
      socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    get url() {
      return base;
    },
    get apiUrl() {
      return `${base}/api/`;
    },
    workspace,
    socket,
    calls,
    responses,
    callsTo: (method, channel) => calls.filter((c) => c.method === method && (channel === undefined || c.params.channel === channel)),
    enqueue(method, behaviour, match = {}) {
      queue.push({ method, behaviour, ...(match.channel === undefined ? {} : { channel: match.channel }) });
    },
    responseUrl: () => `${base}/response/${++responseUrls}`,
    responsesTo: (url) => responses.filter((r) => r.url === url),
    waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 8_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const watcher = () => {
          const value = check();
          if (!value) return;
          watchers.delete(watcher);
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(new Error(`fake Slack: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        watchers.add(watcher);
        watcher();
      });
    },
  };
}
