/**
 * Configuration: the only reader of process.env. Parsed once with zod into a frozen Config; every
 * problem is listed at once with how to fix it, and secret values are never echoed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { PaperboyError } from './core/errors.ts';
import { isValidTimezone } from './core/schedule/values.ts';
import { isPostgresUrl } from './store/index.ts';

export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl: string;
  guildId: string | null;
  /** DISCORD_PUBLIC_KEY set: interactions over HTTP on DISCORD_HTTP_HOST:DISCORD_HTTP_PORT instead of the gateway. */
  httpInteractions: { publicKey: string; host: string; port: number } | null;
  /** DISCORD_SHARD_COUNT and DISCORD_SHARDS (gateway only); null: discord.js's default, one shard in this process. */
  shards: { count: number; ids: number[] | null } | null;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string;
  host: string;
  port: number;
  adminUsers: string[];
  openAdmin: boolean;
}

/** The store the bot and every CLI command open (docs/architecture.md §16): the SQLite file, or PostgreSQL. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  /** PAPERBOY_DB: the SQLite file. The store when DATABASE_URL is unset; `paperboy db copy` reads it either way. */
  db: string;
  /** DATABASE_URL (postgres:// or postgresql://) selects PostgreSQL; unset, the SQLite file at PAPERBOY_DB. */
  database: DatabaseConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  timezone: string;
  catchupHours: number;
  offline: boolean;
  /** PAPERBOY_SEARCH_INDEX: keep the search index beside FTS5 (default), or rank with plain FTS5 and keep none. */
  searchIndex: boolean;
  http: { host: string; port: number };
  /** PAPERBOY_INSTANCE_ID: names this process in logs and /metrics (default: host name and pid). */
  instanceId: string;
  /** Test only (PAPERBOY_CLOCK_START): the bot's clock starts at this instant and runs at normal speed; null = real time. */
  clockStart: Date | null;
  hf: { apiUrl: string; token: string | null };
  arxiv: { apiUrl: string; rssUrl: string; categories: string[] };
  discord: DiscordConfig | null;
  slack: SlackConfig | null;
  /** Every secret value, so the logger can scrub them wherever they appear. */
  secrets: string[];
}

/** A configuration that cannot start the bot; `problems` are one line each. */
export class ConfigError extends PaperboyError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('config', formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function formatProblems(problems: string[]): string {
  const heading =
    problems.length === 1
      ? 'paperboy cannot start: 1 configuration problem'
      : `paperboy cannot start: ${problems.length} configuration problems`;
  return [`${heading} (set these in the environment or in .env; see .env.example):`, ...problems.map((p) => `  - ${p}`)].join('\n');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be 0–65535')
  .max(65535, 'must be 0–65535');
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'], { error: 'must be on or off' })
  .transform((v) => v === 'on' || v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO instant such as 2025-03-04T09:05:00Z' })
  .transform((v) => new Date(v));
const timezone = z.string().refine(isValidTimezone, 'is not an IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)');

type Env = Record<string, string | undefined>;

/** Reads `.env` (if present) under the real environment: a variable already set wins. */
export function readEnv(env: Env = process.env, envFile = '.env'): Env {
  if (!existsSync(envFile)) return env;
  const fromFile = parseEnv(readFileSync(envFile, 'utf8'));
  const merged: Env = { ...fromFile };
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[key] = value;
  return merged;
}

/** Parses the environment into a Config, or throws a ConfigError listing every problem. */
export function loadConfig(env: Env = readEnv()): Readonly<Config> {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  function field<T>(name: string, schema: z.ZodType<T>, fallback: T, options: { secret?: boolean } = {}): T {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const reason = parsed.error.issues[0]?.message ?? 'is invalid';
    problems.push(options.secret ? `${name} ${reason}` : `${name}=${JSON.stringify(raw)} ${reason}`);
    return fallback;
  }

  const categories = field('ARXIV_CATEGORIES', list, []);
  for (const category of categories) {
    if (!CATEGORY.test(category))
      problems.push(`ARXIV_CATEGORIES has ${JSON.stringify(category)}, which is not an arXiv category (e.g. cs.LG,cs.CL)`);
  }

  const db = get('PAPERBOY_DB') ?? './data/paperboy.db';
  const database = databaseConfig(get, db, problems);
  const config: Config = {
    db,
    database,
    logLevel: field('PAPERBOY_LOG_LEVEL', z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info'),
    timezone: field('PAPERBOY_TIMEZONE', timezone, 'UTC'),
    catchupHours: field(
      'PAPERBOY_CATCHUP_HOURS',
      z.coerce.number({ error: 'must be a number of hours' }).min(0, 'must be 0–168 hours').max(168, 'must be 0–168 hours'),
      12,
    ),
    offline: field('PAPERBOY_OFFLINE', bool, false),
    searchIndex: field('PAPERBOY_SEARCH_INDEX', onOff, true),
    http: { host: get('PAPERBOY_HTTP_HOST') ?? '127.0.0.1', port: field('PAPERBOY_HTTP_PORT', port, 8080) },
    instanceId: field(
      'PAPERBOY_INSTANCE_ID',
      z.string().regex(/^[\w.:@-]{1,100}$/, 'must be 1–100 letters, digits or . _ : @ -'),
      `${hostname()}-${process.pid}`,
    ),
    clockStart: field('PAPERBOY_CLOCK_START', instant, null),
    hf: { apiUrl: field('HF_API_URL', httpUrl, 'https://huggingface.co'), token: get('HF_TOKEN') ?? null },
    arxiv: {
      apiUrl: field('ARXIV_API_URL', httpUrl, 'https://export.arxiv.org/api'),
      rssUrl: field('ARXIV_RSS_URL', httpUrl, 'https://rss.arxiv.org'),
      categories,
    },
    discord: discordConfig(get, field, problems),
    slack: slackConfig(get, field, problems),
    secrets: [
      ...['HF_TOKEN', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'].map(get),
      ...databaseSecrets(database),
    ].filter((v): v is string => v !== undefined && v !== ''),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

type Get = (name: string) => string | undefined;
type Field = <T>(name: string, schema: z.ZodType<T>, fallback: T, options?: { secret?: boolean }) => T;

/** DATABASE_URL selects PostgreSQL; its value is never echoed, since it holds a password. */
function databaseConfig(get: Get, file: string, problems: string[]): DatabaseConfig {
  const url = get('DATABASE_URL');
  if (url === undefined) return { kind: 'sqlite', file };
  if (isPostgresUrl(url) && URL.canParse(url)) return { kind: 'postgres', url };
  problems.push(
    'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://user:password@host:5432/paperboy (leave it unset to use the SQLite file at PAPERBOY_DB)',
  );
  return { kind: 'sqlite', file };
}

/** The URL and its password (as written and decoded, in the userinfo or a `password` parameter), for log scrubbing. */
function databaseSecrets(database: DatabaseConfig): string[] {
  if (database.kind !== 'postgres') return [];
  const url = new URL(database.url);
  const passwords = [url.password, url.searchParams.get('password') ?? ''].filter((p) => p !== '');
  const decoded = passwords.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return [database.url, ...new Set([...passwords, ...decoded])];
}

function discordConfig(get: Get, field: Field, problems: string[]): DiscordConfig | null {
  const token = get('DISCORD_TOKEN');
  const applicationId = field(
    'DISCORD_APPLICATION_ID',
    z.string().regex(/^\d{15,21}$/, 'must be the numeric application id (Developer Portal → General Information)'),
    undefined as string | undefined,
  );
  const guildId = field(
    'DISCORD_GUILD_ID',
    z.string().regex(/^\d{15,21}$/, 'must be a numeric server id (enable Developer Mode, right-click the server → Copy Server ID)'),
    null as string | null,
  );
  const apiUrl = field('DISCORD_API_URL', httpUrl, 'https://discord.com/api');
  const httpInteractions = discordHttpConfig(get, field);
  // The gateway and HTTP are Discord's two exclusive ways to deliver interactions; shards belong to the gateway.
  const overHttp = get('DISCORD_PUBLIC_KEY') !== undefined;
  const shards = overHttp ? null : discordShards(get, field, problems);
  if (overHttp && (get('DISCORD_SHARDS') !== undefined || get('DISCORD_SHARD_COUNT') !== undefined))
    problems.push(
      'DISCORD_SHARDS and DISCORD_SHARD_COUNT split the gateway, but DISCORD_PUBLIC_KEY switches Discord to interactions over HTTP, which uses no gateway: unset the shard variables or DISCORD_PUBLIC_KEY',
    );
  if (token && !get('DISCORD_APPLICATION_ID'))
    problems.push(
      'DISCORD_APPLICATION_ID is missing: DISCORD_TOKEN is set, so Discord also needs the application id (Developer Portal → General Information → Application ID)',
    );
  if (!token && get('DISCORD_APPLICATION_ID'))
    problems.push(
      'DISCORD_TOKEN is missing: DISCORD_APPLICATION_ID is set, so Discord also needs the bot token (Developer Portal → Bot → Reset Token)',
    );
  if (!token || !applicationId) return null;
  return { token, applicationId, apiUrl, guildId, httpInteractions, shards };
}

/** DISCORD_PUBLIC_KEY (the application's Ed25519 public key, not a secret) switches interactions to HTTP. */
function discordHttpConfig(get: Get, field: Field): DiscordConfig['httpInteractions'] {
  const publicKey = field(
    'DISCORD_PUBLIC_KEY',
    z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        "must be the application's public key, 64 hex characters (Developer Portal → General Information → Public Key)",
      ),
    null as string | null,
  );
  const host = get('DISCORD_HTTP_HOST') ?? '0.0.0.0';
  const httpPort = field('DISCORD_HTTP_PORT', port, 3001);
  return publicKey === null ? null : { publicKey, host, port: httpPort };
}

/** DISCORD_SHARD_COUNT (the total over all processes) and DISCORD_SHARDS (this process's ids, each below the count). */
function discordShards(get: Get, field: Field, problems: string[]): DiscordConfig['shards'] {
  const positive = 'must be a positive whole number (the total number of shards over all processes)';
  const count = field('DISCORD_SHARD_COUNT', z.coerce.number({ error: positive }).int(positive).min(1, positive), null as number | null);
  const raw = get('DISCORD_SHARDS');
  if (raw === undefined) return count === null ? null : { count, ids: null };
  const words = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (words.length === 0 || words.some((w) => !/^\d+$/.test(w))) {
    problems.push(`DISCORD_SHARDS=${JSON.stringify(raw)} must be comma-separated shard ids, e.g. 0,1`);
    return null;
  }
  const ids = words.map(Number);
  if (new Set(ids).size !== ids.length) problems.push(`DISCORD_SHARDS=${JSON.stringify(raw)} lists a shard id twice`);
  if (count === null) {
    if (get('DISCORD_SHARD_COUNT') === undefined)
      problems.push(
        'DISCORD_SHARD_COUNT is missing: DISCORD_SHARDS is set, so Discord also needs the total number of shards over all processes',
      );
    return null;
  }
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0)
    problems.push(`DISCORD_SHARDS has ${outside.join(', ')}, not below DISCORD_SHARD_COUNT=${count}: shard ids run from 0 to ${count - 1}`);
  return { count, ids };
}

function slackConfig(get: Get, field: Field, problems: string[]): SlackConfig | null {
  const botToken = get('SLACK_BOT_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET') ?? null;
  const appToken = get('SLACK_APP_TOKEN') ?? null;
  const apiUrl = field('SLACK_API_URL', httpUrl, 'https://slack.com/api/');
  const host = get('SLACK_HOST') ?? '0.0.0.0';
  const slackPort = field('SLACK_PORT', port, 3000);
  const adminUsers = field('SLACK_ADMIN_USERS', list, []);
  const openAdmin = field('SLACK_OPEN_ADMIN', bool, false);
  if (botToken && !botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN does not look like a bot token (it starts with xoxb-; OAuth & Permissions → Bot User OAuth Token)');
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push(
      'SLACK_APP_TOKEN does not look like an app-level token (it starts with xapp-; Basic Information → App-Level Tokens, scope connections:write)',
    );
  if (botToken && !signingSecret && !appToken)
    problems.push(
      'SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is missing: SLACK_BOT_TOKEN is set, so Slack needs the signing secret (HTTP mode) or an app-level token (Socket Mode)',
    );
  if (!botToken && (signingSecret || appToken))
    problems.push(
      'SLACK_BOT_TOKEN is missing: a Slack signing secret or app token is set, so Slack also needs the bot token (OAuth & Permissions → Bot User OAuth Token)',
    );
  if (!botToken || (!signingSecret && !appToken)) return null;
  return { botToken, signingSecret, appToken, apiUrl, host, port: slackPort, adminUsers, openAdmin };
}
