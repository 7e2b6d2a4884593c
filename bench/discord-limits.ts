/**
 * Discord's rate limits in front of the loopback fake: a proxy on 127.0.0.1 that forwards REST calls to the fake
 * and enforces 50 requests a second globally (interaction callbacks and webhooks are exempt, as on Discord) and
 * 5 messages per 5 seconds per channel, answering 429s and sending the bucket headers discord.js reads.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Discord's global limit for a bot, requests per second. */
export const GLOBAL_PER_SECOND = 50;
/** Messages a bot may post per channel per window, and the window. */
export const CHANNEL_MESSAGES = 5;
export const CHANNEL_WINDOW_MS = 5_000;

/** What the proxy saw. */
export interface LimitStats {
  requests: number;
  limited: number;
}

/** A fixed-window counter: Discord resets a bucket at the end of its window. */
class Bucket {
  private start = 0;
  private used = 0;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes one request now; returns 0, or the milliseconds until the bucket resets when it is exhausted. */
  take(now: number): number {
    if (now - this.start >= this.windowMs) {
      this.start = now;
      this.used = 0;
    }
    if (this.used >= this.limit) return this.start + this.windowMs - now;
    this.used += 1;
    return 0;
  }

  headers(now: number, bucket: string): Record<string, string> {
    const resetAfter = Math.max(0, this.start + this.windowMs - now) / 1000;
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - this.used)),
      'x-ratelimit-reset': String((this.start + this.windowMs) / 1000),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': bucket,
    };
  }
}

function tooMany(res: ServerResponse, waitMs: number, global: boolean, extra: Record<string, string>): void {
  const retryAfter = Math.max(waitMs, 1) / 1000;
  res.writeHead(429, {
    'content-type': 'application/json',
    'retry-after': String(Math.ceil(retryAfter)),
    'x-ratelimit-scope': global ? 'global' : 'user',
    ...(global ? { 'x-ratelimit-global': 'true' } : extra),
  });
  res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global }));
}

/** Starts the proxy in front of `target` (the fake's base URL); returns its `/api` URL, stats and close. */
export async function startDiscordLimits(target: string): Promise<{ apiUrl: string; stats: LimitStats; close(): Promise<void> }> {
  const upstream = new URL(target);
  const global = new Bucket(GLOBAL_PER_SECOND, 1_000);
  const channels = new Map<string, Bucket>();
  const stats: LimitStats = { requests: 0, limited: 0 };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.requests += 1;
    const now = Date.now();
    const path = req.url ?? '/';
    const exempt = /\/(interactions|webhooks)\//.test(path);
    const waitGlobal = exempt ? 0 : global.take(now);
    if (waitGlobal > 0) {
      stats.limited += 1;
      tooMany(res, waitGlobal, true, {});
      return;
    }
    const channel = req.method === 'POST' ? /\/channels\/(\d+)\/messages$/.exec(path)?.[1] : undefined;
    let headers: Record<string, string> = {};
    if (channel) {
      let bucket = channels.get(channel);
      if (!bucket) channels.set(channel, (bucket = new Bucket(CHANNEL_MESSAGES, CHANNEL_WINDOW_MS)));
      const wait = bucket.take(now);
      headers = bucket.headers(now, 'bench-channel-messages');
      if (wait > 0) {
        stats.limited += 1;
        tooMany(res, wait, false, headers);
        return;
      }
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...headers });
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The fastest the limits allow `requests` requests spread over channels, none more than `perChannel`: global
 * windows of 50 (the first starts at once) or per-channel windows of 5 per 5 s, whichever is slower.
 */
export function idealSeconds(requests: number, perChannel: number): number {
  const globalWindows = Math.ceil(requests / GLOBAL_PER_SECOND) - 1;
  const channelWindows = (Math.ceil(perChannel / CHANNEL_MESSAGES) - 1) * (CHANNEL_WINDOW_MS / 1000);
  return Math.max(globalWindows, channelWindows, 0);
}
