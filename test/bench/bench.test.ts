/**
 * The benchmark, run once at a tiny size so it cannot rot: every task runs in its child process and the report
 * is written. Figures are not asserted (benchmarks are measured, not tested); only that they were produced.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let out = '';
afterEach(() => rmSync(out, { recursive: true, force: true }));

function runBench(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/run.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run bench', () => {
  it('GIVEN a 500-paper corpus and one run THEN every benchmark runs and results.json and RESULTS.md are written', async () => {
    out = mkdtempSync(join(tmpdir(), 'paperboy-bench-smoke-'));
    const { code, stderr } = await runBench([
      '--sizes',
      '500',
      '--runs',
      '1',
      '--out',
      out,
      '--channels',
      '50',
      '--baseline-channels',
      '10',
      '--idle-settle-ms',
      '200',
      '--fanout-channels',
      '20',
    ]);
    expect(code, stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      search: Record<string, Record<string, number>>;
      ingest: Record<string, Record<string, number>>;
      digest: Record<string, number>;
      fanout: Record<string, number>;
      command: Record<string, number>;
      postgres: { search: Record<string, Record<string, number>>; digest: Record<string, number>; fanout: Record<string, number> };
    };
    expect(results.search['500']).toMatchObject({ p50_ms: expect.any(Number), p95_ms: expect.any(Number), top10_agreement: 1 });
    expect(results.ingest['500']).toMatchObject({ per_s: expect.any(Number), baseline_per_s: expect.any(Number) });
    expect(results.digest).toMatchObject({ seconds: expect.any(Number), baseline_seconds: expect.any(Number) });
    expect(results.fanout).toMatchObject({ seconds: expect.any(Number), ideal_seconds: 0 });
    expect(results.command).toMatchObject({ p95_ms: expect.any(Number) });
    expect(results.postgres.search['500']).toMatchObject({
      p95_ms: expect.any(Number),
      baseline_p95_ms: expect.any(Number),
      top10_agreement: 1,
    });
    expect(results.postgres.digest).toMatchObject({ seconds_1: expect.any(Number), seconds_3: expect.any(Number) });
    expect(results.postgres.fanout).toMatchObject({ seconds_1: expect.any(Number), seconds_3: expect.any(Number) });
    expect(results.search['1m']).toEqual(expect.objectContaining({ p95_ms: null }));
    const markdown = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    expect(markdown).toContain('| search p95 (ms) | 500 |');
    expect(markdown).toContain('| PostgreSQL search p95 (ms), baseline ts_rank LIMIT 10 | 500 |');
    expect(markdown).toContain('| PostgreSQL digest, 10,000 channels, 3 processes (s), baseline 1 process | 500 |');
    expect(markdown).toContain('| PostgreSQL fan-out, 1,000 digests, 3 processes (s), baseline 1 process | 500 |');
    expect(markdown).toContain('## How to reproduce');
  }, 60_000);
});
