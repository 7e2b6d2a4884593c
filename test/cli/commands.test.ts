import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openDatabase } from '../../src/store/index.ts';
import { BIN, runCli, workDir } from './run-cli.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');

async function seeded(): Promise<{ cwd: string; env: Record<string, string> }> {
  const cwd = workDir();
  const env = { PAPERBOY_DB: join(cwd, 'p.db'), PAPERBOY_OFFLINE: 'true' };
  const result = await runCli(['ingest', '--from-file', SAMPLE], { cwd, env });
  expect(result.code).toBe(0);
  return { cwd, env };
}

describe('paperboy backup', () => {
  it('GIVEN a database THEN the backup opens and holds the same papers', async () => {
    const { cwd, env } = await seeded();
    const result = await runCli(['backup', 'backups/copy.db'], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/backup written: .*copy\.db/);
    const copy = openDatabase(join(cwd, 'backups/copy.db'), { log: silentLogger, clock: createFixedClock(new Date()) });
    const ids = copy.sqlite.prepare('SELECT id FROM papers ORDER BY id').all();
    copy.close();
    expect(ids).toHaveLength(44);
  });

  it('GIVEN an existing target or no target THEN a clear error and no overwrite', async () => {
    const { cwd, env } = await seeded();
    await runCli(['backup', 'copy.db'], { cwd, env });
    const again = await runCli(['backup', 'copy.db'], { cwd, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const none = await runCli(['backup'], { cwd, env });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/usage: paperboy backup <file>/);
  });
});

describe('paperboy search', () => {
  it('GIVEN --json THEN stdout is only a JSON array of {id,title,score,url,source}, best first', async () => {
    const { cwd, env } = await seeded();
    const result = await runCli(['search', 'self-correction', '--limit', '3', '--json'], { cwd, env });
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(3);
    expect(Object.keys(hits[0]!).sort()).toEqual(['id', 'score', 'source', 'title', 'url']);
    expect(hits[0]).toMatchObject({ id: '2409.12917', url: 'https://huggingface.co/papers/2409.12917', source: 'local' });
    const scores = hits.map((h) => h.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('GIVEN fewer local results than asked while offline THEN the note goes to stderr and stdout stays pure JSON', async () => {
    const { cwd, env } = await seeded();
    const result = await runCli(['search', 'quokka', '--json'], { cwd, env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toMatch(/stored papers only/);
  });

  it('GIVEN a query the language cannot read THEN exit 2 with the grammar', async () => {
    const { cwd, env } = await seeded();
    const result = await runCli(['search', 'cat:not-a-category'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/author:/);
  });

  it('GIVEN no query THEN usage and exit 2', async () => {
    const { cwd, env } = await seeded();
    expect((await runCli(['search'], { cwd, env })).code).toBe(2);
  });
});

describe('paperboy demo', () => {
  it('GIVEN a fresh directory and no network THEN it prints the sample papers, trending and searches', async () => {
    const cwd = workDir();
    // Unroutable remote URLs: the demo must not even try them.
    const env = { HF_API_URL: 'http://127.0.0.1:9', DISCORD_TOKEN: 'x', PAPERBOY_DB: join(cwd, 'other.db') };
    const result = await runCli(['demo'], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Training Language Models to Self-Correct via Reinforcement Learning');
    expect(result.stdout).toMatch(/44 new/);
    expect(result.stdout).toMatch(/Search: self-correction/);
    // Two channels, each with its topics and exactly one posted digest with reasons.
    expect(result.stdout.match(/━━ Trending papers · Thu 13 Nov/g)).toHaveLength(2);
    expect(result.stdout).toMatch(/matches self-correction/);
    expect(result.stdout).toMatch(/Trending this week/);
    expect(result.stdout).not.toContain(String.fromCharCode(27));
    expect(existsSync(join(cwd, 'data/demo.db'))).toBe(true);
    expect(existsSync(join(cwd, 'other.db'))).toBe(false);
    const rerun = await runCli(['demo'], { cwd, env });
    expect(rerun.stdout).toMatch(/44 new/);
  });
});

describe('paperboy', () => {
  it('GIVEN npx in the project THEN the paperboy bin runs', async () => {
    const { spawn } = await import('node:child_process');
    const output = await new Promise<string>((resolve) => {
      const child = spawn('npx', ['--no-install', 'paperboy', 'help'], { cwd: join(import.meta.dirname, '../..') });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.on('close', () => resolve(text));
    });
    expect(output).toMatch(/usage: paperboy <command>/);
  });

  it('GIVEN no command THEN the usage and exit 2; an unknown command likewise', async () => {
    const cwd = workDir();
    expect((await runCli([], { cwd })).code).toBe(2);
    const unknown = await runCli(['frobnicate'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('GIVEN start offline THEN it migrates, runs until SIGTERM, and exits 0', async () => {
    const cwd = workDir();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        PAPERBOY_DB: join(cwd, 'bot.db'),
        PAPERBOY_OFFLINE: 'true',
        PAPERBOY_LOG_LEVEL: 'info',
        PAPERBOY_HTTP_PORT: '0',
      },
    });
    let stderr = '';
    const started = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('paperboy started')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await started;
    expect(existsSync(join(cwd, 'bot.db'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/shutting down/);
    expect(stderr).toMatch(/no chat platform configured/);
  });
});
