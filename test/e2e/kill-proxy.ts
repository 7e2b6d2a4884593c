/**
 * A loopback HTTP proxy between the bot (DISCORD_API_URL) and the fake Discord's REST API, for the crash tests:
 * - it drops `nonce`/`enforce_nonce` from posts, as if every restart came after Discord's few-minute nonce
 *   window, so only paperboy's own reconciliation can prevent a duplicate;
 * - `onAccepted` runs after the platform accepted a channel post and BEFORE the bot sees the answer: returning
 *   true withholds the answer (the test SIGKILLs the bot there — "posted, not recorded").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);
const CHANNEL_POST = /\/channels\/\d+\/messages$/;

/** The proxy. */
export interface KillProxy {
  /** The base to give the bot as DISCORD_API_URL. */
  readonly apiUrl: string;
  /** Called for each accepted channel post; true = withhold the answer. Replace per run. */
  onAccepted: () => boolean;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy to `targetApiUrl` (the fake's `http://127.0.0.1:<port>/api`). */
export async function startKillProxy(targetApiUrl: string): Promise<KillProxy> {
  const proxy: { onAccepted: () => boolean } = { onAccepted: () => false };

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').replace(/^\/api/, '');
    let body: Buffer | undefined = await readBody(req);
    const post = req.method === 'POST' && CHANNEL_POST.test(path.split('?')[0] ?? '');
    if (post && body.length > 0) {
      const { nonce: _nonce, enforce_nonce: _enforce, ...rest } = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      body = Buffer.from(JSON.stringify(rest));
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (!HOP_HEADERS.has(key) && typeof value === 'string') headers[key] = value;
    const upstream = await fetch(`${targetApiUrl}${path}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body } : {}) });
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (post && upstream.ok && proxy.onAccepted()) {
      res.destroy();
      return;
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
