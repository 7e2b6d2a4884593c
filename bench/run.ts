/**
 * `npm run bench`: builds the seeded corpus at each size through the real ingest path, then runs every benchmark in
 * its own child process next to its baseline, and writes bench/results.json, results.detail.json and RESULTS.md.
 * Sizes 10k and 100k by default; `--size 1m` adds 1M. See RESULTS.md for how to read and reproduce the figures.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { TaskArgs } from './child.ts';
import type { ClusterReport } from './cluster-bench.ts';
import { ROOT } from './corpus.ts';
import { resultsMarkdown, summaryTable } from './report.ts';
import { readDetail, sizeLabel, writeResults, type Detail } from './results.ts';
import type { PostgresSearchReport } from './postgres-bench.ts';
import type { SearchReport } from './search-bench.ts';
import { figure, round } from './stats.ts';

const { values: options } = parseArgs({
  options: {
    size: { type: 'string' },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean' },
    channels: { type: 'string' },
    'baseline-channels': { type: 'string' },
    'idle-settle-ms': { type: 'string' },
    'fanout-channels': { type: 'string' },
  },
});

const SIZE_NAMES: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
const parseSize = (s: string): number => SIZE_NAMES[s.toLowerCase()] ?? Number(s);
const sizes = options.sizes
  ? options.sizes.split(',').map(parseSize)
  : [10_000, 100_000, ...(options.size ? [parseSize(options.size)] : [])];
const runsFor = (size: number) => (options.runs ? Number(options.runs) : size >= 1_000_000 ? 3 : 5);
const only = new Set((options.only ?? 'search,postgres,ingest,digest,idle,discord,cluster').split(','));
const outDir = options.out ?? join(ROOT, 'bench');
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
const startedAt = new Date().toISOString();

/** Runs one task in a child process; its progress goes to stderr, its result is the last stdout line. */
function child<T>(task: string, args: TaskArgs & Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, join(ROOT, 'bench/child.ts'), task, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(last) as T);
      else reject(new Error(`bench task ${task} failed (exit ${code}): ${out.slice(-2000)}`));
    });
  });
}

const detail: Detail = readDetail(outDir);
const put = (key: string, values: number[]) => (detail.figures[key] = { ...figure(values), measuredAt: startedAt });
const median = (key: string): number | undefined => detail.figures[key]?.median;
const progress = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const notes: string[] = [];

function recordSearch(label: string, report: SearchReport & { peakMb: number }): void {
  put(
    `search.${label}.p50_ms`,
    report.runs.map((r) => r.p50),
  );
  put(
    `search.${label}.p95_ms`,
    report.runs.map((r) => r.p95),
  );
  put(
    `search.${label}.p99_ms`,
    report.runs.map((r) => r.p99),
  );
  put(
    `search.${label}.baseline_p95_ms`,
    report.runs.map((r) => r.baselineP95),
  );
  put(
    `search.${label}.common_speedup`,
    report.runs.map((r) => r.commonBaselineP50 / r.commonP50),
  );
  put(`search.${label}.top10_agreement`, [report.agreement]);
  if (label === '100k' || label === '1m') put(`memory.search_${label}_mb`, [report.peakMb]);
  detail.queries[label] = report.queries;
}

/** The size digests and idle memory are measured at: 100k, or the largest below it. */
const digestSize = [...sizes].filter((s) => s <= 100_000).sort((a, b) => b - a)[0] ?? sizes[0] ?? 100_000;

try {
  for (const size of sizes) {
    const label = sizeLabel(size);
    const runs = runsFor(size);
    const file = join(work, `${label}.db`);
    progress(`${label}: building the corpus through the real ingest path`);
    const built = await child<{ seconds: number; perS: number }>('build', { size, file, runs });
    detail.facts[`corpus ${label}`] =
      `${size.toLocaleString('en')} papers built through the real ingest path in ${round(built.seconds)} s (${round(built.perS)} papers/s, one run), ${Math.round(statSync(file).size / 2 ** 20)} MB on disk`;
    const copy = (name: string) => {
      const to = join(work, `${label}-${name}.db`);
      copyFileSync(file, to);
      return to;
    };
    const digestFile = size === digestSize && (only.has('digest') || only.has('idle') || only.has('discord')) ? copy('digest') : null;
    if (only.has('search')) {
      progress(`${label}: search, ${runs} runs`);
      recordSearch(label, await child<SearchReport & { peakMb: number }>('search', { size, file, runs }));
    }
    // PostgreSQL at 100k (or at the only size asked for): the corpus copied in, indexed, searched beside SQLite's.
    if (only.has('postgres') && (label === '100k' || sizes.length === 1)) {
      progress(`${label}: PostgreSQL search, ${runs} runs (the corpus copied into a throwaway server first)`);
      const pg = await child<PostgresSearchReport>('postgres', { size, file, runs });
      const key = `postgres.search.${label}`;
      put(
        `${key}.p50_ms`,
        pg.runs.map((r) => r.p50),
      );
      put(
        `${key}.p95_ms`,
        pg.runs.map((r) => r.p95),
      );
      put(
        `${key}.baseline_p95_ms`,
        pg.runs.map((r) => r.baselineP95),
      );
      put(`${key}.top10_agreement`, [pg.agreement]);
      put(`${key}.sqlite_top10_agreement`, [pg.sqliteAgreement]);
      detail.facts[`postgres ${label}`] =
        `${size.toLocaleString('en')} papers copied from SQLite by \`db copy\`'s code in ${round(pg.copySeconds)} s, search index built in ${round(pg.indexSeconds)} s (${round(size / pg.indexSeconds)} papers/s); ${pg.queries.filter((q) => !q.agrees).length} of ${pg.queries.length} queries differ from (b)`;
      detail.queries[`postgres ${label}`] = pg.queries.map((q) => ({ ...q, overlap: q.agrees ? 1 : 0, answer: 'exact' as const }));
    }
    if (digestFile && only.has('idle')) {
      progress(`${label}: idle bot memory, ${runs} starts`);
      const mb: number[] = [];
      for (let r = 0; r < runs; r += 1)
        mb.push(
          (await child<{ mb: number }>('idle', { size, file: digestFile, runs: 1, settleMs: Number(options['idle-settle-ms'] ?? 5_000) }))
            .mb,
        );
      if (label === '100k') put('memory.idle_100k_mb', mb);
      else notes.push(`idle bot RSS at ${label}: ${round(figure(mb).median)} MB`);
    }
    if (digestFile && only.has('digest')) {
      progress(`${label}: digests, ${runs} runs`);
      const channels = Number(options.channels ?? 10_000);
      const baselineChannels = Number(options['baseline-channels'] ?? 500);
      await child('digestSetup', { size, file: digestFile, runs, channels });
      const digest = await child<{ runs: Array<{ seconds: number; baselineSeconds: number }> }>('digest', {
        size,
        file: digestFile,
        runs,
        channels,
        baselineChannels,
      });
      put(
        'digest.seconds',
        digest.runs.map((r) => r.seconds),
      );
      detail.facts['digest corpus'] = label;
      put(
        'digest.baseline_seconds',
        digest.runs.map((r) => r.baselineSeconds),
      );
      notes.push(
        `digest baseline measured on ${baselineChannels} of ${channels} channels and scaled ×${channels / baselineChannels}; corpus ${label}`,
      );
    }
    if (digestFile && only.has('discord')) {
      progress(`${label}: fan-out and command latency through discord.js, ${runs} runs`);
      const discord = await child<{
        runs: Array<{ commandP95: number; fanoutSeconds: number; idealSeconds: number; failed: number; limited: number }>;
      }>('discord', { size, file: digestFile, runs, channels: Number(options['fanout-channels'] ?? 1_000) });
      put(
        'command.p95_ms',
        discord.runs.map((r) => r.commandP95),
      );
      put(
        'fanout.seconds',
        discord.runs.map((r) => r.fanoutSeconds),
      );
      put(
        'fanout.ideal_seconds',
        discord.runs.map((r) => r.idealSeconds),
      );
      detail.facts['discord corpus'] = label;
      const failed = discord.runs.reduce((n, r) => n + r.failed, 0);
      notes.push(
        `fan-out: ${failed} failed posts over ${discord.runs.length} runs; ${discord.runs.reduce((n, r) => n + r.limited, 0)} requests answered 429 by the limits and retried by discord.js`,
      );
    }
    // Several bot processes on one PostgreSQL database, at the digest size: digests computed, and fan-out through the limits.
    if (size === digestSize && only.has('cluster')) {
      const channels = Number(options.channels ?? 10_000);
      const fanoutChannels = Number(options['fanout-channels'] ?? 1_000);
      progress(`${label}: ${channels} digests and ${fanoutChannels} fan-out posts on PostgreSQL by 1 and 3 processes, ${runs} runs each`);
      const clusterFile = copy('cluster');
      try {
        const cluster = await child<ClusterReport>('cluster', {
          size,
          file: clusterFile,
          runs,
          channels,
          fanoutChannels,
          processes: [1, 3],
        });
        const of = (list: ClusterReport['digest'], n: number) => list.filter((r) => r.processes === n);
        for (const n of [1, 3]) {
          put(
            `postgres.digest.seconds_${n}`,
            of(cluster.digest, n).map((r) => r.seconds),
          );
          put(
            `postgres.fanout.seconds_${n}`,
            of(cluster.fanout, n).map((r) => r.seconds),
          );
        }
        put(
          'postgres.fanout.ideal_seconds',
          cluster.fanout.map((r) => r.idealSeconds),
        );
        detail.facts['cluster corpus'] = label;
        detail.facts[`postgres cluster ${label}`] =
          `${size.toLocaleString('en')} papers, ${channels.toLocaleString('en')} digest channels and ${fanoutChannels.toLocaleString('en')} fan-out channels copied from SQLite by \`db copy\`'s code in ${round(cluster.copySeconds)} s for the multi-process runs`;
        const ratio = (key: string) => round((median(`${key}.seconds_3`) ?? NaN) / (median(`${key}.seconds_1`) ?? NaN));
        const split = (list: ClusterReport['digest']) =>
          of(list, 3)
            .map((r) => r.postedBy.join('/'))
            .join(', ');
        const limited = cluster.fanout.reduce((sum, r) => sum + r.limited, 0);
        notes.push(
          `several processes on one PostgreSQL database (corpus ${label}, ${cpus().length} cores shared by the processes and the server): ` +
            `${channels} scheduled digests (computed and claimed; the publisher only records) take ${round(median('postgres.digest.seconds_1') ?? NaN)} s in 1 process and ${round(median('postgres.digest.seconds_3') ?? NaN)} s in 3 (3 / 1 = ${ratio('postgres.digest')}×; slots posted by each of the 3: ${split(cluster.digest)}); ` +
            `fan-out of ${fanoutChannels} digests through the real discord.js publisher and the fake's limits: ${round(median('postgres.fanout.seconds_1') ?? NaN)} s in 1 process, ${round(median('postgres.fanout.seconds_3') ?? NaN)} s in 3 (3 / 1 = ${ratio('postgres.fanout')}×, ideal ${cluster.fanout[0]?.idealSeconds ?? '?'} s; each of the 3 posted ${split(cluster.fanout)}). ` +
            `Discord's 50 requests/s is per bot token, shared by all processes, so ≈ 1× is expected for fan-out: more processes only add 429s (${limited} answered 429 over all fan-out runs, retried by discord.js). ` +
            `Every run posted every slot exactly once (checked in digest_slots, in what each process's publisher posted, and in the fake's channels); slots reset between runs`,
        );
      } finally {
        for (const suffix of ['', '-wal', '-shm']) if (!options.keep) rmSync(clusterFile + suffix, { force: true });
      }
    }
    if (only.has('ingest')) {
      const batch = Math.min(2_000, Math.floor(size / 10));
      progress(`${label}: ingest, ${runs} runs of ${batch} new papers`);
      const ingest = await child<{ runs: Array<{ perS: number; baselinePerS: number }> }>('ingest', { size, file, runs, batch });
      put(
        `ingest.${label}.per_s`,
        ingest.runs.map((r) => r.perS),
      );
      put(
        `ingest.${label}.baseline_per_s`,
        ingest.runs.map((r) => r.baselinePerS),
      );
    }
    for (const f of [file, digestFile])
      for (const suffix of ['', '-wal', '-shm']) if (f && !options.keep) rmSync(f + suffix, { force: true });
  }
  detail.facts.sqlite = new BetterSqlite3(':memory:').prepare('SELECT sqlite_version()').pluck().get() as string;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeResults(outDir, detail);
  writeFileSync(
    join(outDir, 'RESULTS.md'),
    resultsMarkdown(detail, { command, date: startedAt.slice(0, 10), sizes: sizes.map(sizeLabel), notes }),
  );
  console.log(summaryTable(detail, sizes.map(sizeLabel)).join('\n'));
  progress(`done in ${Math.round((Date.now() - Date.parse(startedAt)) / 1000)} s; wrote ${join(outDir, 'results.json')} and RESULTS.md`);
} finally {
  if (!options.keep) rmSync(work, { recursive: true, force: true });
}
