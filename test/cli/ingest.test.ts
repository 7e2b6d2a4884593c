import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openDatabase } from '../../src/store/index.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';
import { runCli, workDir } from './run-cli.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');
const sampleItems = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Array<{ paper: { id: string; submittedOnDailyAt?: string } }>;

function counts(dbFile: string): { papers: number; signals: number } {
  const db = openDatabase(dbFile, { log: silentLogger, clock: createFixedClock(new Date()) });
  try {
    const papers = (db.sqlite.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
    const signals = (db.sqlite.prepare('SELECT count(*) AS n FROM paper_signals').get() as { n: number }).n;
    return { papers, signals };
  } finally {
    db.close();
  }
}

let fake: FakeHf | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('paperboy ingest --from-file', () => {
  it('GIVEN the bundled sample twice THEN 44 new papers, then nothing new but a signal observation each', async () => {
    const cwd = workDir();
    const env = { PAPERBOY_DB: join(cwd, 'p.db') };
    const first = await runCli(['ingest', '--from-file', SAMPLE], { cwd, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/44 papers read — 44 new, 0 updated, 0 unchanged, 0 skipped/);
    const second = await runCli(['ingest', '--from-file', SAMPLE], { cwd, env });
    expect(second.stdout).toMatch(/44 papers read — 0 new, 0 updated, 44 unchanged, 0 skipped/);
    expect(counts(env.PAPERBOY_DB)).toEqual({ papers: 44, signals: 88 });
  });

  it.each([
    ['a non-JSON file', 'this is not json', /not valid JSON/],
    ['a truncated file', '[{"paper": {"id": "2409.12917", "title": "x"', /not valid JSON/],
    ['a JSON object instead of an array', '{"paper": {"id": "2409.12917", "title": "x"}}', /holds a JSON object; expected an array/],
  ])('GIVEN %s THEN a clear one-line error, exit 1, and the store unchanged', async (_name, content, message) => {
    const cwd = workDir();
    const env = { PAPERBOY_DB: join(cwd, 'p.db') };
    await runCli(['ingest', '--from-file', SAMPLE], { cwd, env });
    const before = counts(env.PAPERBOY_DB);
    writeFileSync(join(cwd, 'items.json'), content);
    const result = await runCli(['ingest', '--from-file', 'items.json'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(counts(env.PAPERBOY_DB)).toEqual(before);
  });

  it('GIVEN a missing file THEN a clear one-line error and exit 1', async () => {
    const cwd = workDir();
    const result = await runCli(['ingest', '--from-file', 'nope.json'], { cwd, env: { PAPERBOY_DB: join(cwd, 'p.db') } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^paperboy: .*nope\.json does not exist$/);
  });

  it('GIVEN an empty array THEN "nothing to ingest" and exit 0', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'empty.json'), '[]');
    const result = await runCli(['ingest', '--from-file', 'empty.json'], { cwd, env: { PAPERBOY_DB: join(cwd, 'p.db') } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/nothing to ingest/);
  });
});

describe('paperboy ingest from Hugging Face', () => {
  it('GIVEN --date against a fake Hugging Face THEN that day is stored and v1/v2 of one paper are one row', async () => {
    const day = sampleItems.filter((i) => i.paper.submittedOnDailyAt?.startsWith('2024-09-19'));
    const v1 = structuredClone(day[0]!);
    v1.paper.id = `${v1.paper.id}v1`;
    fake = createFakeHf({ items: [...day, v1], today: () => '2026-01-01' });
    const { url } = await fake.start();
    const cwd = workDir();
    const env = { PAPERBOY_DB: join(cwd, 'p.db'), HF_API_URL: url, HF_TOKEN: 'hf_test_secret_token' };
    const result = await runCli(['ingest', '--date', '2024-09-19'], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Hugging Face daily list 2024-09-19: 1 papers read — 1 new/);
    expect(fake.requestsTo('daily_papers')[0]?.query).toMatchObject({ date: '2024-09-19', limit: '100', p: '0' });
    expect(fake.requestsTo('daily_papers')[0]?.headers.authorization).toBe('Bearer hf_test_secret_token');
    expect(`${result.stdout}${result.stderr}`).not.toContain('hf_test_secret_token');
    expect(counts(env.PAPERBOY_DB).papers).toBe(1);
  });

  it('GIVEN a long run of 250 papers over 3 pages THEN a progress line on stderr and the summary on stdout', async () => {
    const template = sampleItems[0]!;
    const items = Array.from({ length: 250 }, (_, i) => ({
      ...template,
      paper: {
        ...template.paper,
        id: `2411.${String(10000 + i)}`,
        title: `Synthetic paper ${i}`,
        submittedOnDailyAt: '2024-11-20T00:00:00.000Z',
      },
    }));
    fake = createFakeHf({ items, today: () => '2026-01-01' });
    const { url } = await fake.start();
    const cwd = workDir();
    const result = await runCli(['ingest', '--date', '2024-11-20'], { cwd, env: { PAPERBOY_DB: join(cwd, 'p.db'), HF_API_URL: url } });
    expect(result.code).toBe(0);
    expect(fake.requestsTo('daily_papers').map((r) => r.query.p)).toEqual(['0', '1', '2']);
    expect(result.stderr).toMatch(/Hugging Face daily list 2024-11-20: 100 papers read…/);
    expect(result.stdout).toMatch(/250 papers read — 250 new/);
  });

  it('GIVEN Hugging Face down THEN one line on stderr, exit 1, and a failed source run recorded', async () => {
    fake = createFakeHf({ items: [] });
    const { url } = await fake.start();
    fake.always('daily_papers', { status: 400 });
    const cwd = workDir();
    const dbFile = join(cwd, 'p.db');
    const result = await runCli(['ingest', '--date', '2024-09-19'], { cwd, env: { PAPERBOY_DB: dbFile, HF_API_URL: url } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const db = openDatabase(dbFile, { log: silentLogger, clock: createFixedClock(new Date()) });
    const runs = db.sqlite.prepare('SELECT source, status, error FROM source_runs').all();
    db.close();
    expect(runs).toEqual([{ source: 'huggingface', status: 'failed', error: expect.stringMatching(/not available|400/) }]);
  });

  it.each([
    [['--date', 'yesterday'], /--date "yesterday" is not YYYY-MM-DD/],
    [['--date', '2024-09-19', '--week', '2024-W38'], /use one of --date, --week, --month, --from-file/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /unexpected argument "extra"/],
  ])('GIVEN bad usage %j THEN exit 2 with the usage line', async (args, message) => {
    const cwd = workDir();
    const result = await runCli(['ingest', ...args], { cwd, env: { PAPERBOY_DB: join(cwd, 'p.db') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage: paperboy ingest/);
  });

  it('GIVEN PAPERBOY_OFFLINE THEN a remote ingest is refused with exit 2', async () => {
    const cwd = workDir();
    const result = await runCli(['ingest'], { cwd, env: { PAPERBOY_DB: join(cwd, 'p.db'), PAPERBOY_OFFLINE: 'true' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PAPERBOY_OFFLINE is set/);
  });

  it('GIVEN an invalid configuration THEN every problem is listed, exit 2, and no secret echoed', async () => {
    const cwd = workDir();
    const result = await runCli(['ingest'], { cwd, env: { PAPERBOY_TIMEZONE: 'Mars/Base', DISCORD_TOKEN: 'discord-secret-token' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2 configuration problems/);
    expect(result.stderr).not.toContain('discord-secret-token');
  });
});
