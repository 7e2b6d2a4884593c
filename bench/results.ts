/**
 * Benchmark results: every figure with its median, range, run count and when it was measured (results.detail.json),
 * and the flat medians under the exact keys (results.json). A run updates what it measured and keeps the
 * rest, so `npm run bench` after `npm run bench -- --size 1m` keeps the 1M figures (RESULTS.md dates each one).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryReport } from './search-bench.ts';
import { round, type Figure } from './stats.ts';

/** A figure as stored: the statistics plus when and where it was measured. */
export interface StoredFigure extends Figure {
  measuredAt: string;
}

/** Every figure by its results.json path (e.g. `search.100k.p95_ms`), and the search bench's per-query table by size. */
export interface Detail {
  figures: Record<string, StoredFigure>;
  queries: Record<string, QueryReport[]>;
  /** Single-run facts worth reporting (corpus build times, sizes on disk), by label. */
  facts: Record<string, string>;
}

/** Size labels used as keys: 10k, 100k, 1m; other sizes (the smoke test's) by their number. */
export function sizeLabel(size: number): string {
  if (size === 10_000) return '10k';
  if (size === 100_000) return '100k';
  if (size === 1_000_000) return '1m';
  return String(size);
}

/** The keys, in order, with null for figures never measured. */
export const RESULT_KEYS = [
  ...['10k', '100k', '1m'].flatMap((s) =>
    ['p50_ms', 'p95_ms', 'p99_ms', 'baseline_p95_ms', 'common_speedup', 'top10_agreement'].map((k) => `search.${s}.${k}`),
  ),
  ...['p50_ms', 'p95_ms', 'baseline_p95_ms', 'top10_agreement', 'sqlite_top10_agreement'].map((k) => `postgres.search.100k.${k}`),
  ...['10k', '100k', '1m'].flatMap((s) => ['per_s', 'baseline_per_s'].map((k) => `ingest.${s}.${k}`)),
  'digest.seconds',
  'digest.baseline_seconds',
  'fanout.seconds',
  'fanout.ideal_seconds',
  'command.p95_ms',
  'postgres.digest.seconds_1',
  'postgres.digest.seconds_3',
  'postgres.fanout.seconds_1',
  'postgres.fanout.seconds_3',
  'memory.search_100k_mb',
  'memory.search_1m_mb',
  'memory.idle_100k_mb',
];

/** Reads the stored detail of earlier runs (none yet: empty). */
export function readDetail(dir: string): Detail {
  const file = join(dir, 'results.detail.json');
  const empty: Detail = { figures: {}, queries: {}, facts: {} };
  return existsSync(file) ? { ...empty, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<Detail>) } : empty;
}

/** Nests `a.b.c` keys into objects, as results.json is laid out. */
function nest(flat: Record<string, number | null>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}

/** Writes results.detail.json and results.json (the keys; extra sizes, e.g. the smoke test's, too). */
export function writeResults(dir: string, detail: Detail): void {
  writeFileSync(join(dir, 'results.detail.json'), `${JSON.stringify(detail, null, 2)}\n`);
  const keys = [...new Set([...RESULT_KEYS, ...Object.keys(detail.figures)])];
  const flat = Object.fromEntries(
    keys.map((key) => [key, detail.figures[key] ? round((detail.figures[key] as StoredFigure).median) : null]),
  );
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(nest(flat), null, 2)}\n`);
}
