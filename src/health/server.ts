/**
 * The health and metrics server (docs/architecture.md §14) on PAPERBOY_HTTP_HOST:PAPERBOY_HTTP_PORT: `/healthz`
 * answers 200 when the database answers and the scheduler ticked recently, else 503 with the reason; `/metrics` is
 * Prometheus text.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

/** One health check: ok, or the reason it is not. */
export type HealthVerdict = { ok: true } | { ok: false; reason: string };

/** What the server reads. */
export interface HealthDeps {
  /** Throws (or rejects) when the database does not answer `SELECT 1`. */
  pingDatabase(): void | Promise<void>;
  /** The scheduler's verdict now (core `tickVerdict`). */
  scheduler(): HealthVerdict;
  metrics: { text(): Promise<string>; readonly contentType: string };
  log: Logger;
}

/** The listening server. */
export interface HealthServer {
  /** `http://host:port` as bound (port 0 → the real port). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function healthz(deps: HealthDeps): Promise<{ status: number; body: Record<string, unknown> }> {
  const reasons: string[] = [];
  try {
    await deps.pingDatabase();
  } catch (error) {
    reasons.push(`the database does not answer: ${describeError(error)}`);
  }
  const scheduler = deps.scheduler();
  if (!scheduler.ok) reasons.push(scheduler.reason);
  if (reasons.length === 0) return { status: 200, body: { status: 'ok', database: 'ok', scheduler: 'ok' } };
  return { status: 503, body: { status: 'unhealthy', reason: reasons.join('; '), reasons } };
}

async function answer(deps: HealthDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const send = (status: number, contentType: string, body: string) => {
    response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
  if (path === '/healthz') {
    const { status, body } = await healthz(deps);
    return send(status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
  }
  if (path === '/metrics') return send(200, deps.metrics.contentType, await deps.metrics.text());
  send(404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
}

/** Starts listening; logs one line with the bound address and port. */
export async function startHealthServer(deps: HealthDeps, address: { host: string; port: number }): Promise<HealthServer> {
  const server = createServer((request, response) => {
    answer(deps, request, response).catch((error: unknown) => {
      deps.log.error({ path: request.url, err: describeError(error) }, 'health request failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const url = `http://${host}:${bound.port}`;
  deps.log.info({ address: bound.address, port: bound.port, url }, 'health server listening');
  return {
    url,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (a scraper's) would hold close() open.
        server.closeAllConnections();
      }),
  };
}
