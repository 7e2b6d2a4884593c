/**
 * The REST half of the fake Discord (under `/api/v10`, where discord.js sends them): gateway discovery, interaction
 * callbacks, webhook edits and follow-ups, channel messages (with nonce dedupe), threads and application
 * commands. Every message body is checked against Discord's limits; scripted failures answer 429 with real
 * rate-limit headers or 4xx with Discord error codes.
 */
import type { InteractionRecord } from './fake-discord-interactions.ts';
import { channelObject, messageProblems, snowflake, type FakeMessage, type FakeUser } from './fake-discord-payloads.ts';

/** A scripted failure: a 429 (`retryAfter` seconds) or an error status with a Discord error code. */
export interface FakeFailure {
  status: number;
  code?: number;
  message?: string;
  /** 429 only: seconds until the bucket resets (`Retry-After`, `retry_after`). */
  retryAfter?: number;
  /** 429 only: a global rate limit. */
  global?: boolean;
}

/** Routes tests can script failures for. */
export type FakeRoute = 'gateway' | 'callback' | 'webhook' | 'channel-messages' | 'channel-history' | 'thread' | 'commands';

/** A request as the fake saw it. */
export interface FakeRequest {
  method: string;
  route: FakeRoute | null;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The `Authorization` header was `Bot <token>`. */
  authorized: boolean;
}

/** A registered application command as the fake stores it. */
export type StoredCommand = Record<string, unknown> & { id: string; name: string };

/** The fake's state the REST handlers read and change. */
export interface RestState {
  token: string;
  applicationId: string;
  guildId: string;
  bot: FakeUser;
  gatewayUrl(): string;
  interactions: Map<string, InteractionRecord>;
  channels: Map<string, { id: string; name: string; messages: FakeMessage[] }>;
  commands: Map<string, StoredCommand[]>;
  failures: Map<FakeRoute, FakeFailure[]>;
  channelFailures: Map<string, FakeFailure>;
  violations: string[];
}

/** A response for the HTTP layer: status, JSON body (undefined → empty) and extra headers. */
export interface RestAnswer {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

const ok = (json: unknown): RestAnswer => ({ status: 200, json });
const notFound = (code = 0, message = '404: Not Found'): RestAnswer => ({ status: 404, json: { code, message } });

/** Which scriptable route a path is. */
export function routeOf(method: string, path: string): FakeRoute | null {
  if (path === '/gateway/bot') return 'gateway';
  if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return 'callback';
  if (path.startsWith('/webhooks/')) return 'webhook';
  if (/^\/channels\/\d+\/messages\/\d+\/threads$/.test(path)) return 'thread';
  if (/^\/channels\/\d+\/messages$/.test(path)) return method === 'GET' ? 'channel-history' : 'channel-messages';
  if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) return 'commands';
  return null;
}

/** The answer to a scripted failure, with the headers Discord sends (`Retry-After`, `X-RateLimit-*`). */
export function failureAnswer(failure: FakeFailure): RestAnswer {
  if (failure.status !== 429) {
    return { status: failure.status, json: { code: failure.code ?? 0, message: failure.message ?? `${failure.status}` } };
  }
  const retryAfter = failure.retryAfter ?? 0.2;
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
    'x-ratelimit-reset-after': String(retryAfter),
    'x-ratelimit-bucket': 'fake-bucket-channel-messages',
    'x-ratelimit-scope': failure.global ? 'global' : 'user',
    ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
  };
  return {
    status: 429,
    headers,
    json: { message: 'You are being rate limited.', retry_after: retryAfter, global: failure.global ?? false },
  };
}

function newMessage(state: RestState, channelId: string, body: Record<string, unknown>, extra: Partial<FakeMessage> = {}): FakeMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? (body.embeds as FakeMessage['embeds']) : [],
    components: Array.isArray(body.components) ? body.components : [],
    flags: typeof body.flags === 'number' ? body.flags : 0,
    author: state.bot,
    timestamp: new Date().toISOString(),
    ...(body.allowed_mentions === undefined ? {} : { allowed_mentions: body.allowed_mentions }),
    ...extra,
  };
}

/** Applies an edit body to a message (only the fields present change). */
function edit(message: FakeMessage, body: Record<string, unknown>): void {
  if (typeof body.content === 'string') message.content = body.content;
  if (Array.isArray(body.embeds)) message.embeds = body.embeds as FakeMessage['embeds'];
  if (Array.isArray(body.components)) message.components = body.components;
  if (body.allowed_mentions !== undefined) message.allowed_mentions = body.allowed_mentions;
}

/** 400 Invalid Form Body when the body breaks a limit; the problem is also recorded for tests. */
function invalid(state: RestState, where: string, body: Record<string, unknown>): RestAnswer | null {
  const problems = messageProblems(body);
  if (problems.length === 0) return null;
  state.violations.push(...problems.map((p) => `${where}: ${p}`));
  return { status: 400, json: { code: 50035, message: 'Invalid Form Body', errors: { problems } } };
}

function interactionCallback(state: RestState, id: string, body: Record<string, unknown>): RestAnswer {
  const record = [...state.interactions.values()].find((r) => r.id === id);
  if (!record) return notFound(10062, 'Unknown interaction');
  const data = (body.data ?? {}) as Record<string, unknown>;
  const problem = invalid(state, `callback ${body.type}`, data);
  if (problem) return problem;
  record.callbacks.push({ type: Number(body.type), data });
  if (body.type === 4 || body.type === 5) record.original = newMessage(state, record.channelId, data, { webhook_id: state.applicationId });
  if (body.type === 6 || body.type === 7) record.original = record.componentMessage;
  if (body.type === 7 && record.original) edit(record.original, data);
  return { status: 204 };
}

function webhook(state: RestState, method: string, token: string, rest: string, body: Record<string, unknown>): RestAnswer {
  const record = state.interactions.get(token);
  if (!record) return notFound(10015, 'Unknown Webhook');
  if (rest === '' && method === 'POST') {
    const problem = invalid(state, 'follow-up', body);
    if (problem) return problem;
    const message = newMessage(state, record.channelId, body, { webhook_id: state.applicationId });
    record.followUps.push(message);
    return ok(message);
  }
  const target = rest === '/messages/@original' ? record.original : (record.followUps.find((m) => `/messages/${m.id}` === rest) ?? null);
  if (!target) return notFound(10008, 'Unknown Message');
  if (method === 'GET') return ok(target);
  if (method === 'DELETE') {
    if (target === record.original) record.deletedOriginal = true;
    return { status: 204 };
  }
  const problem = invalid(state, 'edit', body);
  if (problem) return problem;
  edit(target, body);
  if (target === record.original) record.edits.push(body);
  return ok(target);
}

function channelRoute(
  state: RestState,
  method: string,
  channelId: string,
  rest: string,
  body: Record<string, unknown>,
  query: Record<string, string>,
): RestAnswer {
  const channel = state.channels.get(channelId);
  if (!channel) return notFound(10003, 'Unknown Channel');
  if (rest === '' && method === 'GET') return ok(channelObject(channel.id, state.guildId, channel.name));
  if (rest === '/messages' && method === 'GET') {
    const limit = Math.min(100, Number(query.limit ?? 50));
    return ok([...channel.messages].reverse().slice(0, limit));
  }
  if (rest === '/messages' && method === 'POST') {
    const problem = invalid(state, `channel ${channelId}`, body);
    if (problem) return problem;
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    // enforce_nonce: the same nonce within a few minutes returns the earlier message instead of a new one.
    const earlier = body.enforce_nonce === true && nonce ? channel.messages.find((m) => m.nonce === nonce) : undefined;
    if (earlier) return ok(earlier);
    const message = newMessage(state, channelId, body, nonce ? { nonce } : {});
    channel.messages.push(message);
    return ok(message);
  }
  const thread = /^\/messages\/(\d+)\/threads$/.exec(rest);
  if (thread && method === 'POST') {
    const id = snowflake();
    state.channels.set(id, { id, name: String(body.name ?? 'thread'), messages: [] });
    return {
      status: 201,
      json: { ...channelObject(id, state.guildId, String(body.name ?? 'thread'), 11), parent_id: channelId, owner_id: state.bot.id },
    };
  }
  return notFound();
}

function commands(state: RestState, method: string, scope: string, body: unknown): RestAnswer {
  if (method === 'GET') return ok(state.commands.get(scope) ?? []);
  if (method !== 'PUT' || !Array.isArray(body)) return { status: 405, json: { code: 0, message: '405: Method Not Allowed' } };
  const previous = state.commands.get(scope) ?? [];
  const stored = (body as Array<Record<string, unknown>>).map((command) => ({
    ...command,
    id: previous.find((p) => p.name === command.name)?.id ?? snowflake(),
    name: String(command.name),
    application_id: state.applicationId,
    version: snowflake(),
    ...(scope === 'global' ? {} : { guild_id: scope }),
  }));
  state.commands.set(scope, stored);
  return ok(stored);
}

/** Routes one REST request (path below `/api/v10`, `@original` already decoded). */
export function handleRest(state: RestState, request: FakeRequest): RestAnswer {
  const { method, path, route, query } = request;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const scripted = route ? state.failures.get(route)?.shift() : undefined;
  if (scripted) return failureAnswer(scripted);
  const channelMatch = /^\/channels\/(\d+)(.*)$/.exec(path);
  const channelFailure = channelMatch?.[1] ? state.channelFailures.get(channelMatch[1]) : undefined;
  if (channelFailure) return failureAnswer(channelFailure);
  const bot = route !== 'callback' && route !== 'webhook';
  if (bot && !request.authorized) return { status: 401, json: { code: 0, message: '401: Unauthorized' } };

  if (route === 'gateway') {
    return ok({
      url: state.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    });
  }
  if (path === '/users/@me' && method === 'GET') return ok(state.bot);
  const callback = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path);
  if (callback?.[1] && method === 'POST') return interactionCallback(state, callback[1], body);
  const hook = /^\/webhooks\/\d+\/([^/]+)(.*)$/.exec(path);
  if (hook?.[1] !== undefined) return webhook(state, method, hook[1], hook[2] ?? '', body);
  if (channelMatch?.[1]) return channelRoute(state, method, channelMatch[1], channelMatch[2] ?? '', body, query);
  const cmd = /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/.exec(path);
  if (cmd) return commands(state, method, cmd[1] ?? 'global', request.body);
  return notFound();
}
