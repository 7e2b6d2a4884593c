/**
 * DATABASE_URL from the command line (docs/architecture.md §16): with it set, every command runs on PostgreSQL and
 * answers as it does on SQLite; the demo keeps its own SQLite file; an install copied with `db copy` searches and
 * previews digests the same on both stores; backup points at pg_dump; a bad URL or a wrong password fails clearly,
 * and the password never reaches stdout or stderr.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgresDatabase } from '../helpers/postgres.ts';
import { runCli, workDir, type CliResult } from './run-cli.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');
const pg = usePostgresDatabase();

/** The test database's URL with its password replaced by `password`. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

/** The real password of the test database, which no output may show. */
function password(): string {
  const secret = new URL(pg.url()).password;
  expect(secret.length).toBeGreaterThanOrEqual(8);
  return secret;
}

function expectNoPassword(result: CliResult): void {
  expect(result.stdout).not.toContain(password());
  expect(result.stderr).not.toContain(password());
}

/** The ids `paperboy search <query> --json` prints. */
async function searchIds(query: string, cwd: string, env: Record<string, string>): Promise<string[]> {
  const result = await runCli(['search', query, '--limit', '10', '--json'], { cwd, env });
  expect(result.code, result.stderr).toBe(0);
  expectNoPassword(result);
  return (JSON.parse(result.stdout) as Array<{ id: string }>).map((hit) => hit.id);
}

const QUERIES = [
  'self-correction',
  'MCTS OR "tree search"',
  'agents that improve themselves over time',
  'diffusion',
  'reinforcement learning',
];

describe('DATABASE_URL', () => {
  it('GIVEN a postgres:// URL THEN ingest and search run on PostgreSQL and find the same papers as on SQLite', async () => {
    const cwd = workDir();
    const sqlite = { PAPERBOY_DB: join(cwd, 'p.db'), PAPERBOY_OFFLINE: 'true' };
    const postgres = { DATABASE_URL: pg.url(), PAPERBOY_DB: join(cwd, 'unused.db'), PAPERBOY_OFFLINE: 'true' };
    expect((await runCli(['ingest', '--from-file', SAMPLE], { cwd, env: sqlite })).code).toBe(0);
    // At info level the store logs where it opened: the URL with its password hidden.
    const ingest = await runCli(['ingest', '--from-file', SAMPLE], { cwd, env: { ...postgres, PAPERBOY_LOG_LEVEL: 'info' } });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/44 new/);
    expect(ingest.stderr).toContain(`${new URL(pg.url()).username}:***@`);
    expectNoPassword(ingest);
    expect((await pg.db().pool.query<{ n: number }>('SELECT count(*)::int AS n FROM papers')).rows[0]?.n).toBe(44);
    expect(existsSync(postgres.PAPERBOY_DB)).toBe(false);

    for (const query of QUERIES) {
      const expected = await searchIds(query, cwd, sqlite);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(await searchIds(query, cwd, postgres), query).toEqual(expected);
    }
  });

  it('GIVEN PostgreSQL THEN backup exits 2 and says to use pg_dump, writing nothing', async () => {
    const cwd = workDir();
    const result = await runCli(['backup', 'copy.db'], { cwd, env: { DATABASE_URL: pg.url() } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pg_dump --format=custom --file=paperboy.dump "$DATABASE_URL"');
    expect(existsSync(join(cwd, 'copy.db'))).toBe(false);
    expectNoPassword(result);
  });

  it('GIVEN a URL of another database THEN exit 2 with a message naming DATABASE_URL and both schemes, never the password', async () => {
    const cwd = workDir();
    const result = await runCli(['search', 'agents'], {
      cwd,
      env: { DATABASE_URL: 'mysql://paperboy:hunter2secret@db.example:3306/paperboy' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(result.stderr + result.stdout).not.toContain('hunter2secret');
  });

  it('GIVEN an unreachable server THEN start fails (exit 1) instead of waiting for a signal, and shows no password', async () => {
    const signals = process.listenerCount('SIGTERM');
    const env = {
      DATABASE_URL: 'postgres://paperboy:unreachablepw@127.0.0.1:9/paperboy',
      PAPERBOY_HTTP_PORT: '0',
      PAPERBOY_OFFLINE: 'true',
    };
    const result = await runCli(['start'], { cwd: workDir(), env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Opening PostgreSQL at postgres:\/\/paperboy:\*\*\*@127\.0\.0\.1:9\/paperboy failed/);
    expect(result.stdout + result.stderr).not.toContain('unreachablepw');
    // A signal listener left behind would keep `npm start` alive after the error.
    expect(process.listenerCount('SIGTERM')).toBe(signals);
  });

  it('GIVEN a wrong password THEN the command fails (exit 1) and the password it was given appears nowhere, even at debug level', async () => {
    const cwd = workDir();
    const env = { DATABASE_URL: withPassword(pg.url(), 'wrongsecret'), PAPERBOY_LOG_LEVEL: 'debug' };
    const result = await runCli(['search', 'agents'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Opening PostgreSQL at postgres:\/\/\S+:\*\*\*@\S+ failed/);
    expect(result.stdout + result.stderr).not.toContain('wrongsecret');
    expectNoPassword(result);
  });
});

describe('DATABASE_URL and the demo', () => {
  // One demo database for both tests (a demo run takes a while); workDir() would be removed after the first test.
  let cwd = '';
  let demo: CliResult;
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'paperboy-cli-demo-'));
    // Nothing listens there: the demo must not even try it.
    demo = await runCli(['demo'], { cwd, env: { DATABASE_URL: 'postgres://paperboy:nothing@127.0.0.1:9/none' } });
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('GIVEN DATABASE_URL set THEN npm run demo still runs on its own SQLite file', () => {
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/database data\/demo\.db/);
    expect(demo.stdout).toMatch(/44 new/);
    expect(existsSync(join(cwd, 'data/demo.db'))).toBe(true);
  });

  it('GIVEN the demo copied with db copy THEN searches and digest previews print the same on SQLite and PostgreSQL', async () => {
    const sqlite = { PAPERBOY_DB: join(cwd, 'data/demo.db'), PAPERBOY_OFFLINE: 'true' };
    // db copy reads PAPERBOY_DB even with DATABASE_URL set, and indexes the copy before it exits.
    const copy = await runCli(['db', 'copy', '--to', pg.url()], { cwd, env: { ...sqlite, DATABASE_URL: pg.url() } });
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stdout).toMatch(/^papers +44 +44$/m);
    expect(copy.stdout).toMatch(/^search index: 44 papers indexed$/m);
    expectNoPassword(copy);
    const postgres = { ...sqlite, DATABASE_URL: pg.url() };

    for (const query of QUERIES) {
      const expected = await searchIds(query, cwd, sqlite);
      expect(await searchIds(query, cwd, postgres), query).toEqual(expected);
    }
    // The demo's clock is noon UTC on Thu 13 Nov 2025 and each channel got one digest then. A dry run of each channel's
    // next scheduled slot (agents-team: 08:30 New York that day; reasoning-lab: 09:00 Berlin the next day), and
    // `/papers digest` (a preview) at the demo's clock, print the digest without claiming or recording anything.
    const previews: Array<{ args: string[]; env?: Record<string, string>; papers: boolean }> = [
      { args: ['digest', '--channel', 'console:agents-team', '--at', '2025-11-13T13:35:00Z', '--dry-run'], papers: true },
      { args: ['digest', '--channel', 'console:reasoning-lab', '--at', '2025-11-14T08:05:00Z', '--dry-run'], papers: false },
      ...['console:agents-team', 'console:reasoning-lab'].map((channel) => ({
        args: ['cmd', '--channel', channel, '--user', 'reader', 'digest'],
        env: { PAPERBOY_CLOCK_START: '2025-11-13T12:05:00Z' },
        papers: channel === 'console:agents-team',
      })),
    ];
    for (const { args, env, papers } of previews) {
      const onSqlite = await runCli(args, { cwd, env: { ...sqlite, ...env } });
      const onPostgres = await runCli(args, { cwd, env: { ...postgres, ...env } });
      expect(onSqlite.code, onSqlite.stderr).toBe(0);
      expect(onSqlite.stdout).toMatch(/━━ Trending papers · (Thu 13|Fri 14) Nov/);
      // The channels' remaining matches (agents-team), or the line saying there are none (reasoning-lab got them all).
      expect(onSqlite.stdout).toMatch(papers ? /^1\. \S/m : /Nothing new matched your topics/);
      expect(onPostgres.code, onPostgres.stderr).toBe(0);
      expect(onPostgres.stdout, args.join(' ')).toBe(onSqlite.stdout);
      expectNoPassword(onPostgres);
    }
  });
});
