/**
 * The Socket Mode side of the fake Slack: a WebSocket endpoint (the URL `apps.connections.open` hands out) that
 * greets with `hello`, sends envelopes (`slash_commands`, `interactive`, `events_api`) with an `envelope_id`,
 * and records each ack with how long it took.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { FAKE_IDENTITY } from './fake-slack-state.ts';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** An ack the client sent back: `{ envelope_id, payload }`, and the time from envelope to ack. */
export interface SocketAck {
  envelopeId: string;
  payload: unknown;
  latencyMs: number;
}

export interface FakeSlackSocket {
  /** `ws://127.0.0.1:<port>/socket`. */
  readonly url: string;
  readonly acks: SocketAck[];
  /** `hello`s sent so far (one per connection). */
  readonly connections: number;
  /** Resolves once a client is connected and greeted. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends one envelope to the connected client; resolves with its ack (rejects when none comes in time). */
  send(type: EnvelopeType, payload: object, timeoutMs?: number): Promise<SocketAck>;
  close(): void;
}

/** Attaches the Socket Mode endpoint to the fake's HTTP server at `/socket`. */
export function attachFakeSocket(server: Server, baseUrl: () => string): FakeSlackSocket {
  const wss = new WebSocketServer({ server, path: '/socket' });
  const acks: SocketAck[] = [];
  const pending = new Map<string, { sentAt: number; resolve: (ack: SocketAck) => void }>();
  let client: WebSocket | null = null;
  let greeted = 0;
  const waiters: Array<() => void> = [];

  wss.on('connection', (ws) => {
    client = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (typeof message.envelope_id !== 'string') return;
      const waiting = pending.get(message.envelope_id);
      const ack = {
        envelopeId: message.envelope_id,
        payload: message.payload ?? null,
        latencyMs: waiting ? Date.now() - waiting.sentAt : -1,
      };
      acks.push(ack);
      pending.delete(message.envelope_id);
      waiting?.resolve(ack);
    });
    ws.on('close', () => {
      if (client === ws) client = null;
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
        connection_info: { app_id: FAKE_IDENTITY.appId },
      }),
    );
    greeted += 1;
    for (const wake of waiters.splice(0)) wake();
  });

  return {
    get url() {
      return `${baseUrl().replace(/^http/, 'ws')}/socket`;
    },
    acks,
    get connections() {
      return greeted;
    },
    waitForConnection(timeoutMs = 10_000) {
      if (client) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no Socket Mode client connected')), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    send(type, payload, timeoutMs = 5_000) {
      const ws = client;
      if (!ws) return Promise.reject(new Error('no Socket Mode client connected'));
      const envelopeId = randomUUID();
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`envelope ${envelopeId} (${type}) was not acked in ${timeoutMs} ms`)), timeoutMs);
        pending.set(envelopeId, {
          sentAt: Date.now(),
          resolve: (ack) => {
            clearTimeout(timer);
            resolve(ack);
          },
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: 0,
            retry_reason: '',
          }),
        );
      });
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
