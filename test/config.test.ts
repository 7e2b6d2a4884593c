import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnv } from '../src/config.ts';
import { tempDir } from './helpers/temp-dir.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('GIVEN an empty environment THEN every documented default applies and no platform is enabled', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      db: './data/paperboy.db',
      database: { kind: 'sqlite', file: './data/paperboy.db' },
      logLevel: 'info',
      timezone: 'UTC',
      catchupHours: 12,
      offline: false,
      http: { host: '127.0.0.1', port: 8080 },
      hf: { apiUrl: 'https://huggingface.co', token: null },
      arxiv: { apiUrl: 'https://export.arxiv.org/api', rssUrl: 'https://rss.arxiv.org', categories: [] },
      discord: null,
      slack: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('GIVEN PAPERBOY_INSTANCE_ID THEN it names the process; unset, the host name and pid; a label-breaking value is refused', () => {
    expect(loadConfig({ PAPERBOY_INSTANCE_ID: 'eu-1.bot@host:3' }).instanceId).toBe('eu-1.bot@host:3');
    expect(loadConfig({}).instanceId).toMatch(new RegExp(`^.+-${process.pid}$`));
    expect(problemsOf({ PAPERBOY_INSTANCE_ID: 'a"} 1\nfake_metric 2' })).toEqual([
      expect.stringMatching(/^PAPERBOY_INSTANCE_ID=.* must be 1–100 letters, digits or \. _ : @ -$/),
    ]);
  });

  it('GIVEN empty strings THEN they count as unset', () => {
    expect(loadConfig({ PAPERBOY_DB: '', PAPERBOY_TIMEZONE: ' ', DISCORD_TOKEN: '' }).db).toBe('./data/paperboy.db');
  });

  it('GIVEN every variable THEN each is parsed', () => {
    const config = loadConfig({
      PAPERBOY_DB: ':memory:',
      PAPERBOY_LOG_LEVEL: 'debug',
      PAPERBOY_TIMEZONE: 'Asia/Kolkata',
      PAPERBOY_CATCHUP_HOURS: '6',
      PAPERBOY_OFFLINE: 'true',
      PAPERBOY_HTTP_HOST: '0.0.0.0',
      PAPERBOY_HTTP_PORT: '0',
      HF_API_URL: 'http://127.0.0.1:9/',
      HF_TOKEN: 'hf_secret',
      ARXIV_API_URL: 'http://127.0.0.1:9/api',
      ARXIV_RSS_URL: 'http://127.0.0.1:9',
      ARXIV_CATEGORIES: 'cs.LG, cs.CL,,hep-th',
      DISCORD_TOKEN: 'discord-secret',
      DISCORD_APPLICATION_ID: '1300000000000000001',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_GUILD_ID: '1300000000000000002',
      DISCORD_SHARD_COUNT: '4',
      DISCORD_SHARDS: '1, 3',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      SLACK_HOST: '127.0.0.1',
      SLACK_PORT: '3001',
      SLACK_ADMIN_USERS: 'U1,U2',
      SLACK_OPEN_ADMIN: 'false',
    });
    expect(config.timezone).toBe('Asia/Kolkata');
    expect(config.arxiv.categories).toEqual(['cs.LG', 'cs.CL', 'hep-th']);
    expect(config.discord).toEqual({
      token: 'discord-secret',
      applicationId: '1300000000000000001',
      apiUrl: 'http://127.0.0.1:9/api',
      guildId: '1300000000000000002',
      httpInteractions: null,
      shards: { count: 4, ids: [1, 3] },
    });
    expect(config.slack).toMatchObject({
      botToken: 'xoxb-1',
      signingSecret: 'signing',
      appToken: 'xapp-1',
      port: 3001,
      adminUsers: ['U1', 'U2'],
      openAdmin: false,
    });
    expect(config.secrets).toEqual(expect.arrayContaining(['hf_secret', 'discord-secret', 'xoxb-1', 'signing', 'xapp-1']));
  });

  it('GIVEN several invalid values THEN one error lists every problem with how to fix it', () => {
    const problems = problemsOf({
      PAPERBOY_TIMEZONE: 'Mars/Olympus',
      PAPERBOY_HTTP_PORT: '99999',
      PAPERBOY_LOG_LEVEL: 'loud',
      PAPERBOY_OFFLINE: 'maybe',
      HF_API_URL: 'ftp://x',
      ARXIV_CATEGORIES: 'cs.LG,not a category',
      PAPERBOY_CATCHUP_HOURS: 'soon',
    });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/PAPERBOY_TIMEZONE="Mars\/Olympus" is not an IANA time zone/);
    expect(problems.join('\n')).toMatch(/PAPERBOY_HTTP_PORT="99999" must be 0–65535/);
  });

  it('GIVEN a Discord token without the application id THEN it says what is missing and never echoes the token', () => {
    const problems = problemsOf({ DISCORD_TOKEN: 'super-secret-token-value' });
    expect(problems).toEqual([expect.stringMatching(/^DISCORD_APPLICATION_ID is missing/)]);
    expect(problems.join('\n')).not.toContain('super-secret-token-value');
  });

  it('GIVEN DISCORD_PUBLIC_KEY THEN interactions come over HTTP on DISCORD_HTTP_HOST:DISCORD_HTTP_PORT (default 0.0.0.0:3001)', () => {
    const discord = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1300000000000000001' };
    const key = 'ab'.repeat(16) + 'CD'.repeat(16);
    expect(loadConfig(discord).discord).toMatchObject({ httpInteractions: null, shards: null });
    expect(loadConfig({ ...discord, DISCORD_PUBLIC_KEY: key }).discord?.httpInteractions).toEqual({
      publicKey: key,
      host: '0.0.0.0',
      port: 3001,
    });
    const placed = loadConfig({ ...discord, DISCORD_PUBLIC_KEY: key, DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_HTTP_PORT: '0' });
    expect(placed.discord?.httpInteractions).toMatchObject({ host: '127.0.0.1', port: 0 });
    // The public key is public: not among the secrets the logger scrubs.
    expect(placed.secrets).not.toContain(key);
  });

  it('GIVEN a malformed DISCORD_PUBLIC_KEY or DISCORD_HTTP_PORT THEN each is a problem that says what is expected', () => {
    const problems = problemsOf({ DISCORD_PUBLIC_KEY: 'abc', DISCORD_HTTP_PORT: '70000' });
    expect(problems).toEqual([
      expect.stringMatching(/^DISCORD_PUBLIC_KEY="abc" must be the application's public key, 64 hex characters \(Developer Portal/),
      expect.stringMatching(/^DISCORD_HTTP_PORT="70000" must be 0–65535/),
    ]);
  });

  it('GIVEN DISCORD_SHARD_COUNT alone THEN this process runs every shard of that count', () => {
    const config = loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1300000000000000001', DISCORD_SHARD_COUNT: '2' });
    expect(config.discord?.shards).toEqual({ count: 2, ids: null });
  });

  it.each([
    [{ DISCORD_SHARD_COUNT: 'two' }, /^DISCORD_SHARD_COUNT="two" must be a positive whole number/],
    [{ DISCORD_SHARD_COUNT: '0' }, /^DISCORD_SHARD_COUNT="0" must be a positive whole number/],
    [{ DISCORD_SHARD_COUNT: '1.5' }, /^DISCORD_SHARD_COUNT="1.5" must be a positive whole number/],
    [{ DISCORD_SHARD_COUNT: '2', DISCORD_SHARDS: 'a,b' }, /^DISCORD_SHARDS="a,b" must be comma-separated shard ids, e.g. 0,1$/],
    [{ DISCORD_SHARD_COUNT: '2', DISCORD_SHARDS: '-1' }, /^DISCORD_SHARDS="-1" must be comma-separated shard ids/],
    [
      { DISCORD_SHARD_COUNT: '2', DISCORD_SHARDS: '0,2' },
      /^DISCORD_SHARDS has 2, not below DISCORD_SHARD_COUNT=2: shard ids run from 0 to 1$/,
    ],
    [{ DISCORD_SHARD_COUNT: '3', DISCORD_SHARDS: '1,1' }, /^DISCORD_SHARDS="1,1" lists a shard id twice$/],
    [{ DISCORD_SHARDS: '0,1' }, /^DISCORD_SHARD_COUNT is missing: DISCORD_SHARDS is set/],
    [
      { DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_SHARDS: '0' },
      /^DISCORD_SHARDS and DISCORD_SHARD_COUNT split the gateway, but DISCORD_PUBLIC_KEY switches Discord to interactions over HTTP/,
    ],
    [
      { DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_SHARD_COUNT: '2', DISCORD_SHARDS: '5' },
      /^DISCORD_SHARDS and DISCORD_SHARD_COUNT split/,
    ],
  ])('GIVEN invalid shard settings %j THEN exactly one problem that says what is wrong', (env, message) => {
    expect(problemsOf({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1300000000000000001', ...env })).toEqual([
      expect.stringMatching(message),
    ]);
  });

  it('GIVEN a Slack bot token with neither a signing secret nor an app token THEN it is a problem', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-secret' })).toEqual([
      expect.stringMatching(/SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is missing/),
    ]);
  });

  it('GIVEN a malformed secret THEN the problem names the variable, not the value', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'not-a-bot-token-secret', SLACK_SIGNING_SECRET: 's' });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN does not look like a bot token/);
    expect(problems.join('\n')).not.toContain('not-a-bot-token-secret');
  });

  it('GIVEN DATABASE_URL THEN a postgres:// or postgresql:// URL selects PostgreSQL, and the URL and its password are secrets', () => {
    expect(loadConfig({ PAPERBOY_DB: 'p.db', DATABASE_URL: ' ' }).database).toEqual({ kind: 'sqlite', file: 'p.db' });
    for (const scheme of ['postgres', 'postgresql']) {
      const url = `${scheme}://paperboy:s3cr%40t-pass@db.internal:5432/paperboy`;
      const config = loadConfig({ PAPERBOY_DB: 'p.db', DATABASE_URL: url });
      expect(config.database).toEqual({ kind: 'postgres', url });
      // PAPERBOY_DB stays: `paperboy db copy` reads it.
      expect(config.db).toBe('p.db');
      expect(config.secrets).toEqual(expect.arrayContaining([url, 's3cr%40t-pass', 's3cr@t-pass']));
    }
  });

  it('GIVEN a DATABASE_URL that is not PostgreSQL THEN the problem names the variable and both schemes, never the value', () => {
    for (const url of ['mysql://paperboy:hunter2secret@db/paperboy', 'postgres://paperboy:hunter2secret@db:port/x', 'hunter2secret']) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/)]);
      expect(problems.join('\n')).not.toContain('hunter2secret');
    }
  });

  it('GIVEN the zones Node 20 leaves out of supportedValuesOf THEN they are accepted', () => {
    for (const zone of ['UTC', 'Asia/Kolkata', 'Etc/UTC']) expect(loadConfig({ PAPERBOY_TIMEZONE: zone }).timezone).toBe(zone);
  });
});

describe('readEnv', () => {
  it('GIVEN a .env file THEN its values apply unless the environment sets them', () => {
    const dir = tempDir('paperboy-env-');
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nPAPERBOY_TIMEZONE=Europe/Berlin\nPAPERBOY_DB=./from-file.db\n');
    const env = readEnv({ PAPERBOY_DB: './from-env.db', PAPERBOY_LOG_LEVEL: '' }, file);
    expect(loadConfig(env)).toMatchObject({ timezone: 'Europe/Berlin', db: './from-env.db' });
  });

  it('GIVEN no .env file THEN the environment is used as is', () => {
    expect(readEnv({ A: '1' }, '/nonexistent/.env')).toEqual({ A: '1' });
  });
});

describe('.env.example', () => {
  it('GIVEN every variable config.ts reads THEN .env.example lists it under a comment', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const names = new Set([...source.matchAll(/(?:get|field)\('([A-Z_]+)'/g)].map((m) => m[1] as string));
    expect(names.size).toBeGreaterThanOrEqual(22);
    // Each variable line follows its comment block; the file has no bare variables.
    const missing = [...names].filter((name) => !new RegExp(`^# .*\\n(?:# .*\\n)*(?:[A-Z_]+=.*\\n)*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
