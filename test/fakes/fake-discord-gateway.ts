/**
 * The gateway half of the fake Discord: a `ws` server sharing the REST server's port that speaks exactly the
 * handshake discord.js needs (docs/architecture.md §11): HELLO → IDENTIFY → READY (+ GUILD_CREATE) , heartbeat ACKs,
 * RESUME → RESUMED, and dispatches (`op 0` with a sequence number) pushed by tests.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildObject, snowflake, type FakeUser } from './fake-discord-payloads.ts';

/** What the gateway tells the test about (all optional). */
export interface GatewayEvents {
  onIdentify(payload: Record<string, unknown>): void;
  onResume(payload: Record<string, unknown>): void;
  onClose(code: number): void;
}

/** Who the gateway says the bot is, and where it lives. */
export interface GatewayOptions {
  applicationId: string;
  guildId: string;
  channels: () => Array<{ id: string; name: string }>;
  bot: FakeUser;
  token: string;
  url: () => string;
  events: GatewayEvents;
}

interface Session {
  socket: WebSocket;
  seq: number;
}

/** The fake gateway: attach `upgrade` to the HTTP server, then `dispatch` events to every live session. */
export interface FakeGateway {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  dispatch(event: string, data: unknown): void;
  /** Asks every session to reconnect (op 7), as Discord does before a restart; the client resumes. */
  requestReconnect(): void;
  readonly sessions: number;
  close(): void;
}

/** Interval the client is told to heartbeat at; long, so short tests never depend on heartbeats. */
const HEARTBEAT_INTERVAL_MS = 41_250;

/** Creates the fake gateway. */
export function createFakeGateway(options: GatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const sessionId = `session-${snowflake()}`;

  const send = (session: Session, payload: Record<string, unknown>) => session.socket.send(JSON.stringify(payload));
  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    // `op: 0` and `s` are mandatory: @discordjs/ws switches on op (docs/architecture.md §11).
    send(session, { op: 0, t, s: session.seq, d });
  };

  /** READY for the shard the client identified as (discord.js's default is `[0, 1]`). */
  function ready(session: Session, shard: unknown): void {
    dispatchTo(session, 'READY', {
      v: 10,
      user: options.bot,
      guilds: [{ id: options.guildId, unavailable: true }],
      session_id: sessionId,
      resume_gateway_url: options.url(),
      application: { id: options.applicationId, flags: 0 },
      shard: Array.isArray(shard) ? shard : [0, 1],
    });
    dispatchTo(session, 'GUILD_CREATE', guildObject(options.guildId, options.channels(), options.bot.id));
  }

  function onMessage(session: Session, raw: string): void {
    const payload = JSON.parse(raw) as { op: number; d: Record<string, unknown> };
    switch (payload.op) {
      case 1:
        send(session, { op: 11 });
        return;
      case 2:
        options.events.onIdentify(payload.d);
        // 4004 Authentication failed is unrecoverable in discord.js: the login fails instead of retrying.
        if (payload.d.token !== options.token) return void session.socket.close(4004, 'Authentication failed');
        ready(session, payload.d.shard);
        return;
      case 6:
        options.events.onResume(payload.d);
        dispatchTo(session, 'RESUMED', {});
        return;
      default:
        return;
    }
  }

  wss.on('connection', (socket: WebSocket) => {
    const session: Session = { socket, seq: 0 };
    sessions.add(session);
    socket.on('message', (data) => onMessage(session, data.toString()));
    socket.on('close', (code) => {
      sessions.delete(session);
      options.events.onClose(code);
    });
    send(session, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } });
  });

  return {
    upgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
    dispatch(event, data) {
      for (const session of sessions) dispatchTo(session, event, data);
    },
    requestReconnect() {
      for (const session of sessions) send(session, { op: 7, d: null });
    },
    get sessions() {
      return sessions.size;
    },
    close() {
      for (const session of sessions) session.socket.terminate();
      wss.close();
    },
  };
}
