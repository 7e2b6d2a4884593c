/**
 * Discord interactions over HTTP (docs/architecture.md §11): Discord POSTs every interaction, signed with Ed25519, to
 * the application's Interactions Endpoint URL. This listener answers PING with PONG itself, refuses anything not
 * signed by Discord with 401 before reading it, and hands every other interaction on; its answer then goes through
 * the callback endpoint (as over the gateway), so the inbound request gets `202` with no body.
 *
 * It is its own listener (DISCORD_HTTP_HOST:DISCORD_HTTP_PORT), public behind a TLS reverse proxy, never the
 * private health server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { discordPublicKey, isSignedByDiscord } from './signature.ts';

/** The one path served. */
export const INTERACTIONS_PATH = '/discord/interactions';
/** Interaction payloads are a few kB; anything over this is refused with 413 without being read. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A request (headers and body) must arrive within this, so slow senders cannot hold connections open. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Interaction type 1: Discord checking the endpoint, answered with callback type 1 (PONG). */
const PING = 1;

/** Where to listen and what to do with a verified interaction. */
export interface InteractionsListenerOptions {
  /** The application's public key, 64 hex characters. */
  publicKey: string;
  host: string;
  port: number;
  log: Logger;
  /** Takes one verified interaction payload (not a PING); throws when it cannot be read. */
  deliver(payload: Record<string, unknown>): void;
}

/** A listening endpoint. */
export interface InteractionsListener {
  /** The endpoint's address as bound, e.g. `http://0.0.0.0:3001/discord/interactions`. */
  readonly url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** The body, or null once it is longer than MAX_BODY_BYTES (the rest is then read and dropped). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      chunks.length = 0;
      resolve(null);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
};

/** Starts listening; resolves once bound. */
export function startInteractionsListener(options: InteractionsListenerOptions): Promise<InteractionsListener> {
  const key = discordPublicKey(options.publicKey);
  const { log } = options;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== INTERACTIONS_PATH) return text(res, 404, 'not found');
    if (req.method !== 'POST') return text(res, 405, 'method not allowed', { Allow: 'POST' });
    const body = await readBody(req);
    if (body === null) {
      // The rest of the body is drained and dropped; the connection closes after the answer.
      req.resume();
      return text(res, 413, 'request body too large', { Connection: 'close' });
    }
    if (!isSignedByDiscord(key, header(req, 'x-signature-ed25519'), header(req, 'x-signature-timestamp'), body)) {
      // Discord itself sends badly signed requests now and then to check that they are refused.
      log.debug({}, 'discord interaction refused: bad signature');
      return text(res, 401, 'invalid request signature');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return text(res, 400, 'body is not JSON');
    }
    if (typeof payload !== 'object' || payload === null || typeof (payload as { type?: unknown }).type !== 'number')
      return text(res, 400, 'not an interaction');
    const interaction = payload as Record<string, unknown>;
    if (interaction.type === PING) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ type: PING }));
    }
    try {
      options.deliver(interaction);
    } catch (error) {
      log.error(
        { interaction: interaction.id, type: interaction.type, err: describeError(error) },
        'discord interaction could not be read',
      );
      return text(res, 500, 'interaction could not be read');
    }
    // The handler answers through the callback endpoint; Discord then wants 202 and no body here.
    res.writeHead(202);
    res.end();
  }

  const server = createServer(
    (req, res) =>
      void serve(req, res).catch((error: unknown) => {
        log.error({ err: describeError(error) }, 'discord interactions request failed');
        if (!res.headersSent) text(res, 500, 'internal error');
        else res.destroy();
      }),
  );
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      server.on('error', (error) => log.error({ err: describeError(error) }, 'discord interactions listener error'));
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}${INTERACTIONS_PATH}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
