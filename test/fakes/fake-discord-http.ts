/**
 * Discord's side of interactions over HTTP, for the fake Discord: an Ed25519 key pair standing for the application's
 * (Discord signs with the private half; the bot is configured with the public half as hex), request signing as
 * Discord does it (`X-Signature-Ed25519` over `X-Signature-Timestamp` + raw body) and a loopback POST that
 * records the answer.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';

/** An application key pair: `publicKey` is what the Developer Portal shows (64 hex characters). */
export interface ApplicationKeys {
  publicKey: string;
  privateKey: KeyObject;
}

/** A fresh Ed25519 key pair. */
export function applicationKeys(): ApplicationKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // An Ed25519 SPKI is a 12-byte DER header followed by the raw 32-byte key.
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  return { publicKey: raw.toString('hex'), privateKey };
}

/** The headers Discord sends with `body`, signed with `privateKey`. */
export function signatureHeaders(privateKey: KeyObject, body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
  const signature = sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex');
  return { 'X-Signature-Ed25519': signature, 'X-Signature-Timestamp': timestamp };
}

/** How the endpoint answered one request. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Milliseconds from sending to the complete answer. */
  ms: number;
}

/** Options of one raw request to the endpoint. */
export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** The body, sent with a Content-Length unless `chunked`. */
  body?: string | Buffer;
  /** Sent in chunked encoding, so the endpoint only learns the size while reading. */
  chunked?: boolean;
}

/** Sends one request to `url` and resolves with the answer (also when the server stops reading the body early). */
export function rawRequest(url: string, options: RawRequest = {}): Promise<HttpAnswer> {
  const started = performance.now();
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      // A fresh connection per request, as Discord's are from the endpoint's view (and a stopped endpoint refuses it).
      agent: false,
      method: options.method ?? 'POST',
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(body && !options.chunked ? { 'Content-Length': String(body.length) } : {}),
        ...options.headers,
      },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
    });
    // A server that answers before reading the whole body may close the socket under a write: the answer counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body && options.chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

/** POSTs an interaction payload as Discord does: JSON, signed with `privateKey`. */
export function postSigned(url: string, privateKey: KeyObject, payload: unknown): Promise<HttpAnswer> {
  const body = JSON.stringify(payload);
  return rawRequest(url, { body, headers: signatureHeaders(privateKey, body) });
}
