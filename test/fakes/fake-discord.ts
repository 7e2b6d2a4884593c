/**
 * A loopback fake of Discord for the real discord.js client: REST under `/api/v10` and the gateway WebSocket on
 * one port of 127.0.0.1 (port 0). Point the bot at it with `DISCORD_API_URL=<apiUrl>` (discord.js appends `/v10`
 * and finds the gateway through `GET /gateway/bot`).
 *
 * Tests push interactions (`command`, `autocomplete`, `click`) and gateway events (`dispatch`, `deleteChannel`,
 * `leaveGuild`), then wait for what the bot did (`answer`, `followUp`, `choices`, `waitFor`). Interactions go over
 * the gateway, or, after `deliverOverHttp(url)`, as signed POSTs to the bot's interactions endpoint (the bot is
 * configured with `publicKey`; the fake signs with the private half, as Discord does). Everything is
 * recorded: requests, interaction callbacks, webhook edits and follow-ups, channel messages, registered
 * commands, IDENTIFY/RESUME payloads, and every body that broke a Discord limit (`violations`).
 *
 * @example
 *   const discord = createFakeDiscord();
 *   const { apiUrl } = await discord.start();
 *   const search = discord.command('search', { query: 'backtracking' });
 *   const { visibility, message } = await search.answer();
 *   discord.failNext('channel-messages', { status: 429, retryAfter: 0.3 });
 *   discord.setChannelFailure(discord.channelId, { status: 404, code: 10003, message: 'Unknown Channel' });
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeGateway } from './fake-discord-gateway.ts';
import { applicationKeys, postSigned, type HttpAnswer } from './fake-discord-http.ts';
import {
  buttonPayload,
  commandPayload,
  type InteractionContext,
  type InteractionRecord,
  type OptionInput,
} from './fake-discord-interactions.ts';
import { fakeUser, snowflake, type FakeMessage, type FakeUser } from './fake-discord-payloads.ts';
import {
  handleRest,
  routeOf,
  type FakeFailure,
  type FakeRequest,
  type FakeRoute,
  type RestState,
  type StoredCommand,
} from './fake-discord-rest.ts';

export type { FakeFailure, FakeRoute } from './fake-discord-rest.ts';
export type { FakeMessage } from './fake-discord-payloads.ts';

/** Who sends an interaction, and with which permissions (bigint bit sets, see PERMISSIONS). */
export interface Actor {
  user?: FakeUser;
  permissions?: bigint;
  appPermissions?: bigint;
  channelId?: string;
}

/** How the bot answered an interaction: the message the user sees and whether only they see it. */
export interface Answer {
  visibility: 'private' | 'public';
  message: FakeMessage;
}

/** One interaction in flight. */
export interface InteractionHandle {
  readonly record: InteractionRecord;
  /** The first visible answer: a reply, an update, or the deferred response once edited (or its replacement). */
  answer(): Promise<Answer>;
  /** The `index`-th follow-up message. */
  followUp(index?: number): Promise<Answer>;
  /** Autocomplete choices. */
  choices(): Promise<Array<{ name: string; value: string }>>;
  /** Over HTTP: how the bot's endpoint answered the POST (null over the gateway). */
  readonly delivery: Promise<HttpAnswer> | null;
}

const EPHEMERAL = 1 << 6;
const visibilityOf = (flags: number): Answer['visibility'] => ((flags & EPHEMERAL) !== 0 ? 'private' : 'public');

/** Creates the fake (not yet listening). */
export function createFakeDiscord(options: { token?: string } = {}) {
  const changes = new EventEmitter();
  changes.setMaxListeners(100);
  const changed = () => changes.emit('change');
  const bot = fakeUser('paperboy', true);
  const applicationId = snowflake();
  const guildId = snowflake();
  const channelId = snowflake();
  let port = 0;
  const requests: FakeRequest[] = [];
  const identifies: Array<Record<string, unknown>> = [];
  const resumes: Array<Record<string, unknown>> = [];
  const closes: number[] = [];
  const keys = applicationKeys();
  let httpEndpoint: string | null = null;
  const state: RestState = {
    token: options.token ?? 'fake.bot.token',
    applicationId,
    guildId,
    bot,
    gatewayUrl: () => `ws://127.0.0.1:${port}/gateway`,
    interactions: new Map(),
    channels: new Map([[channelId, { id: channelId, name: 'papers', messages: [] }]]),
    commands: new Map<string, StoredCommand[]>(),
    failures: new Map(),
    channelFailures: new Map(),
    violations: [],
  };
  const gateway = createFakeGateway({
    applicationId,
    guildId,
    bot,
    token: state.token,
    url: state.gatewayUrl,
    channels: () => [...state.channels.values()].map((c) => ({ id: c.id, name: c.name })),
    events: {
      onIdentify: (d) => void (identifies.push(d), changed()),
      onResume: (d) => void (resumes.push(d), changed()),
      onClose: (code) => void (closes.push(code), changed()),
    },
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    // discord.js URL-encodes `@original` as %40original (docs/architecture.md §11).
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const request: FakeRequest = {
      method,
      route: routeOf(method, path),
      path,
      query: Object.fromEntries(url.searchParams),
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      authorized: req.headers.authorization === `Bot ${state.token}`,
    };
    requests.push(request);
    const answer = handleRest(state, request);
    // An empty answer (204) must not claim JSON: discord.js would try to parse it.
    res.writeHead(answer.status, { ...(answer.json === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers });
    res.end(answer.json === undefined ? undefined : JSON.stringify(answer.json));
    changed();
  }

  // A bug in the fake must fail the request under test, not crash the test process.
  const server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));
  server.on('upgrade', (req, socket, head) => gateway.upgrade(req, socket, head));

  function waitFor<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === null || value === undefined || value === false) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Discord: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        changes.off('change', check);
      };
      changes.on('change', check);
      check();
    });
  }

  function context(actor: Actor): InteractionContext {
    return {
      applicationId,
      guildId,
      channelId: actor.channelId ?? channelId,
      user: actor.user ?? alice,
      permissions: actor.permissions,
      appPermissions: actor.appPermissions,
    };
  }

  function send(payload: Record<string, unknown>, actor: Actor, componentMessage: FakeMessage | null = null): InteractionHandle {
    const record: InteractionRecord = {
      id: String(payload.id),
      token: String(payload.token),
      type: Number(payload.type),
      userId: (actor.user ?? alice).id,
      channelId: String(payload.channel_id),
      callbacks: [],
      original: null,
      edits: [],
      followUps: [],
      deletedOriginal: false,
      componentMessage,
    };
    state.interactions.set(record.token, record);
    let delivery: Promise<HttpAnswer> | null = null;
    if (httpEndpoint) {
      delivery = postSigned(httpEndpoint, keys.privateKey, payload);
      // A test that never looks at the POST's answer must not fail on an unhandled rejection; one that awaits it does.
      delivery.catch(() => {});
    } else gateway.dispatch('INTERACTION_CREATE', payload);
    const deferredFlags = () => record.callbacks.find((c) => c.type === 5)?.data?.flags ?? 0;
    return {
      record,
      delivery,
      answer: () =>
        waitFor(() => {
          const first = record.callbacks[0];
          if (!first) return null;
          if (record.deletedOriginal && record.followUps[0])
            return { visibility: visibilityOf(record.followUps[0].flags), message: record.followUps[0] };
          if (first.type === 4 && record.original) return { visibility: visibilityOf(record.original.flags), message: record.original };
          if (first.type === 7 && record.original) return { visibility: visibilityOf(record.original.flags), message: record.original };
          if ((first.type === 5 || first.type === 6) && record.edits.length > 0 && record.original && !record.deletedOriginal) {
            return { visibility: visibilityOf(first.type === 5 ? deferredFlags() : record.original.flags), message: record.original };
          }
          return null;
        }, `an answer to interaction ${record.id}`),
      followUp: (index = 0) =>
        waitFor(() => {
          const message = record.followUps[index];
          return message ? { visibility: visibilityOf(message.flags), message } : null;
        }, `follow-up ${index} of interaction ${record.id}`),
      choices: () => waitFor(() => record.callbacks.find((c) => c.type === 8)?.data?.choices, `autocomplete choices of ${record.id}`),
    };
  }

  const alice = fakeUser('alice');

  return {
    applicationId,
    guildId,
    channelId,
    bot,
    token: state.token,
    /** The application's public key (hex), for DISCORD_PUBLIC_KEY; the fake signs HTTP interactions with its private half. */
    publicKey: keys.publicKey,
    /** The private half: tests sign (or mis-sign) their own requests with it. */
    privateKey: keys.privateKey,
    /** From now on, interactions are signed POSTs to `url` (the bot's endpoint) instead of gateway dispatches; null: gateway. */
    deliverOverHttp(url: string | null): void {
      httpEndpoint = url;
    },
    /** The default user of interactions. */
    alice,
    requests,
    identifies,
    resumes,
    /** Close codes of gateway connections, in order (1000 = a clean `client.destroy()`). */
    closes,
    /** Bodies the bot sent that Discord would have rejected (400), one line each. */
    violations: state.violations,
    interactions: state.interactions,
    get apiUrl() {
      return `http://127.0.0.1:${port}/api`;
    },
    get gatewaySessions() {
      return gateway.sessions;
    },
    /** Messages posted to a channel (or thread), oldest first. */
    messages: (id: string = channelId): FakeMessage[] => state.channels.get(id)?.messages ?? [],
    /** Thread channels created from messages. */
    channelIds: () => [...state.channels.keys()],
    /** Registered commands: `global` or a guild id. */
    commands: (scope = 'global'): StoredCommand[] => state.commands.get(scope) ?? [],
    /** Adds a text channel to the guild (announced to connected clients). */
    addChannel(name: string): string {
      const id = snowflake();
      state.channels.set(id, { id, name, messages: [] });
      gateway.dispatch('CHANNEL_CREATE', { id, type: 0, name, guild_id: guildId, position: 0, permission_overwrites: [] });
      return id;
    },
    /** A message by someone else in a channel's history (what `findByMarker` must skip). */
    postAs(user: FakeUser, id: string, embeds: FakeMessage['embeds'] = []): FakeMessage {
      const message: FakeMessage = {
        id: snowflake(),
        channel_id: id,
        content: '',
        embeds,
        components: [],
        flags: 0,
        author: user,
        timestamp: new Date().toISOString(),
      };
      state.channels.get(id)?.messages.push(message);
      return message;
    },
    /** The next requests to `route` fail with these, in order. */
    failNext(route: FakeRoute, ...failures: FakeFailure[]): void {
      state.failures.set(route, [...(state.failures.get(route) ?? []), ...failures]);
    },
    /** Every request under `/channels/<id>` fails like this (null: normal again). */
    setChannelFailure(id: string, failure: FakeFailure | null): void {
      if (failure) state.channelFailures.set(id, failure);
      else state.channelFailures.delete(id);
    },
    /** The channel is deleted: CHANNEL_DELETE, and its REST routes answer 404 Unknown Channel from now on. */
    deleteChannel(id: string): void {
      state.channelFailures.set(id, { status: 404, code: 10003, message: 'Unknown Channel' });
      gateway.dispatch('CHANNEL_DELETE', {
        id,
        type: 0,
        name: state.channels.get(id)?.name ?? 'gone',
        guild_id: guildId,
        position: 0,
        permission_overwrites: [],
      });
    },
    /** The bot is removed from the guild: GUILD_DELETE without `unavailable`. */
    leaveGuild(): void {
      gateway.dispatch('GUILD_DELETE', { id: guildId });
    },
    dispatch: (event: string, data: unknown) => gateway.dispatch(event, data),
    requestReconnect: () => gateway.requestReconnect(),
    /** `/papers <subcommand>` with options. */
    command: (subcommand: string, options: Record<string, OptionInput> = {}, actor: Actor = {}) =>
      send(commandPayload(context(actor), subcommand, options), actor),
    /** Autocomplete of `focused` while typing `/papers <subcommand>`. */
    autocomplete: (subcommand: string, focused: string, options: Record<string, OptionInput>, actor: Actor = {}) =>
      send(commandPayload(context(actor), subcommand, options, focused), actor),
    /** Payloads only, neither sent nor recorded: for requests a test crafts itself. */
    payloads: {
      command: (subcommand: string, options: Record<string, OptionInput> = {}, actor: Actor = {}) =>
        commandPayload(context(actor), subcommand, options),
    },
    /** Sends an interaction payload the test built (e.g. from `payloads`, with fields changed), recorded like the others. */
    interact: (payload: Record<string, unknown>, actor: Actor = {}) => send(payload, actor),
    /** A click on a button of a message the bot sent. */
    click: (message: FakeMessage, customId: string, actor: Actor = {}) =>
      send(buttonPayload(context(actor), message, customId), actor, message),
    waitFor,
    /** Resolves once a client has identified and received READY. */
    waitForIdentify: (count = 1) => waitFor(() => identifies.length >= count && identifies[count - 1], 'IDENTIFY', 20_000),
    start: () =>
      new Promise<{ apiUrl: string }>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          port = (server.address() as AddressInfo).port;
          resolve({ apiUrl: `http://127.0.0.1:${port}/api` });
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        gateway.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The fake Discord's type. */
export type FakeDiscord = ReturnType<typeof createFakeDiscord>;
