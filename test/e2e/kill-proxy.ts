/**
 * A loopback HTTP proxy between the bot and a fake platform's Web API, for the crash tests:
 * - `onAccepted` runs after the platform accepted a post and BEFORE the bot sees the answer: returning true
 *   withholds the answer (the test SIGKILLs the bot there — "posted, not recorded"). What counts as an accepted
 *   post is the `isPost` predicate: a Discord channel post by default (`discordChannelPost`), or an `ok` Slack
 *   `chat.postMessage` (`slackChatPost`);
 * - it drops Discord's `nonce`/`enforce_nonce` from channel posts, as if every restart came after Discord's
 *   few-minute nonce window, so only paperboy's own reconciliation can prevent a duplicate;
 * - it counts the accepted posts it carried (`accepted`): a proxy per bot process tells which process posted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);
const CHANNEL_POST = /\/channels\/\d+\/messages$/;

/** One call the platform answered, as the proxy saw it (the path without the `/api` prefix or query). */
export interface ProxiedCall {
  method: string;
  path: string;
  body: Buffer;
  status: number;
  answer: Buffer;
}

/** A Discord channel message the platform accepted (any 2xx). */
export const discordChannelPost = (call: ProxiedCall): boolean =>
  call.method === 'POST' && CHANNEL_POST.test(call.path) && call.status >= 200 && call.status < 300;

/** A Slack `chat.postMessage` the platform accepted (HTTP 200 with `ok: true`; Slack's errors are 200s too). */
export const slackChatPost = (call: ProxiedCall): boolean => {
  if (call.method !== 'POST' || !call.path.endsWith('/chat.postMessage') || call.status !== 200) return false;
  try {
    return (JSON.parse(call.answer.toString('utf8')) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
};

/** The proxy. */
export interface KillProxy {
  /** The base to give the bot (DISCORD_API_URL; for Slack add a trailing slash: SLACK_API_URL). */
  readonly apiUrl: string;
  /** Called for each accepted post; true = withhold the answer. Replace per run. */
  onAccepted: (call: ProxiedCall) => boolean;
  /** Accepted posts carried so far, withheld ones included. */
  readonly accepted: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy to `targetApiUrl` (the fake's `http://127.0.0.1:<port>/api`, no trailing slash). */
export async function startKillProxy(targetApiUrl: string, options: { isPost?: (call: ProxiedCall) => boolean } = {}): Promise<KillProxy> {
  const isPost = options.isPost ?? discordChannelPost;
  const proxy: { onAccepted: (call: ProxiedCall) => boolean; accepted: number } = { onAccepted: () => false, accepted: 0 };

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').replace(/^\/api/, '');
    const method = req.method ?? 'GET';
    const pathname = path.split('?')[0] ?? '';
    let body: Buffer = await readBody(req);
    if (method === 'POST' && CHANNEL_POST.test(pathname) && body.length > 0) {
      const { nonce: _nonce, enforce_nonce: _enforce, ...rest } = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      body = Buffer.from(JSON.stringify(rest));
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (!HOP_HEADERS.has(key) && typeof value === 'string') headers[key] = value;
    const upstream = await fetch(`${targetApiUrl}${path}`, { method, headers, ...(body.length > 0 ? { body } : {}) });
    const answer = Buffer.from(await upstream.arrayBuffer());
    const call: ProxiedCall = { method, path: pathname, body, status: upstream.status, answer };
    if (isPost(call)) {
      proxy.accepted += 1;
      if (proxy.onAccepted(call)) {
        res.destroy();
        return;
      }
    }
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (!HOP_HEADERS.has(key) && key !== 'content-encoding') out[key] = value;
    });
    res.writeHead(upstream.status, out);
    res.end(answer);
  }

  const server = createServer((req, res) => void forward(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    apiUrl: `http://127.0.0.1:${port}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
