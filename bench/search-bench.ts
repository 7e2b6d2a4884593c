/**
 * The search benchmark at one corpus size, in one process: the real search path (parse → rank → top 10 with
 * snippets) over the query mix, side by side with (a) a plain FTS5 `ORDER BY bm25() LIMIT 10` over the same rows,
 * for speed, and (b) the same ranking evaluated over every match, for agreement.
 */
import { createFixedClock } from '../src/core/clock.ts';
import type { Logger } from '../src/core/logger.ts';
import { compileQuery, parseQuery, sinceToDate } from '../src/core/query/index.ts';
import { BM25_WEIGHTS } from '../src/core/ranking-constants.ts';
import { SEARCH_RANKING } from '../src/core/search-rank.ts';
import { createSearchService } from '../src/core/search.ts';
import { createSqliteStore, type Db } from '../src/store/index.ts';
import { filterClauses } from '../src/store/sqlite/search/exhaustive.ts';
import { fts5Expression } from '../src/store/sqlite/search/fts5-expression.ts';
import { createExhaustiveIndex } from './exhaustive-index.ts';
import { BENCH_NOW } from './ingest-path.ts';
import type { BenchQuery } from './queries.ts';
import { percentile, since } from './stats.ts';

/** One run over the mix: latency percentiles of the real path and of baseline (a). */
export interface SearchRun {
  p50: number;
  p95: number;
  p99: number;
  baselineP95: number;
  commonP50: number;
  commonBaselineP50: number;
}

/** Per query: median latencies, hits, whether the top 10 equals baseline (b)'s. */
export interface QueryReport {
  text: string;
  kind: BenchQuery['kind'];
  ms: number;
  baselineMs: number;
  hits: number;
  agrees: boolean;
  overlap: number;
  /** How the index answered: proven exact, best of its champion lists, or FTS5 scoring every match. */
  answer: 'exact' | 'champion' | 'fts5';
}

/** The whole search bench at one size. */
export interface SearchReport {
  runs: SearchRun[];
  queries: QueryReport[];
  agreement: number;
}

/** Records how the store answered the last query: its debug lines say when it fell back or answered unproven. */
function fallbackCounter(): Logger & { last: string | null } {
  const counter: Logger & { last: string | null } = {
    last: null,
    debug: (_context, message) => {
      counter.last = message.includes('FTS5') ? 'fts5' : (counter.last ?? 'champion');
    },
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => counter,
  };
  return counter;
}

/** Baseline (a): the compiled query's strict FTS5 expression, same filters, ordered by bm25() alone. */
function plainFts(db: Db, text: string): () => unknown[] {
  const now = BENCH_NOW;
  const parsed = parseQuery(text, { allowSince: true });
  const compiled = compileQuery(parsed, { mode: 'all' });
  const match = compiled.text ? fts5Expression(compiled.text) : '';
  const request = {
    text: compiled.text,
    exclude: compiled.exclude,
    categories: parsed.categories,
    orgs: parsed.orgs,
    since: parsed.since ? sinceToDate(parsed.since, now) : null,
    now,
    limit: 10,
  };
  const { where, params } = filterClauses(request);
  const w = BM25_WEIGHTS;
  const statement = db.sqlite.prepare(
    `SELECT p.id FROM papers_fts JOIN papers p ON p.doc_id = papers_fts.rowid
     WHERE papers_fts MATCH ? ${where.map((c) => `AND ${c}`).join(' ')}
     ORDER BY bm25(papers_fts, ${w.title}, ${w.abstract}, ${w.authors}, ${w.aiKeywords}) LIMIT 10`,
  );
  return () => statement.all(match, ...params);
}

/** Runs the search bench: a warm-up pass, then `runs` timed passes over `mix`. */
export async function benchSearch(db: Db, mix: readonly BenchQuery[], runs: number): Promise<SearchReport> {
  const clock = createFixedClock(BENCH_NOW);
  const log = fallbackCounter();
  const { papers: store, index } = createSqliteStore(db, { ranking: SEARCH_RANKING, log });
  const search = createSearchService({ index, store, remote: null, clock, log: fallbackCounter() });
  const exhaustive = createSearchService({
    index: createExhaustiveIndex(db, store, index.snippet),
    store,
    remote: null,
    clock,
    log: fallbackCounter(),
  });
  const baselines = mix.map((q) => plainFts(db, q.text));
  const request = (text: string) => ({ text, limit: 10, offset: 0 });

  const times = mix.map(() => [] as number[]);
  const baseTimes = mix.map(() => [] as number[]);
  const answers = mix.map((): QueryReport['answer'] => 'exact');
  const ids = mix.map(() => [] as string[]);
  for (const [i, q] of mix.entries()) {
    log.last = null;
    ids[i] = (await search.search(request(q.text))).hits.map((h) => h.card.id);
    answers[i] = log.last === 'fts5' ? 'fts5' : log.last === 'champion' ? 'champion' : 'exact';
    (baselines[i] as () => unknown[])();
  }
  const perRun: SearchRun[] = [];
  for (let r = 0; r < runs; r += 1) {
    const real: number[] = [];
    const base: number[] = [];
    for (const [i, q] of mix.entries()) {
      let t = performance.now();
      await search.search(request(q.text));
      real.push(since(t));
      t = performance.now();
      (baselines[i] as () => unknown[])();
      base.push(since(t));
      (times[i] as number[]).push(real[real.length - 1] as number);
      (baseTimes[i] as number[]).push(base[base.length - 1] as number);
    }
    const common = mix.flatMap((q, i) => (q.kind === 'common' ? [i] : []));
    perRun.push({
      p50: percentile(real, 50),
      p95: percentile(real, 95),
      p99: percentile(real, 99),
      baselineP95: percentile(base, 95),
      commonP50: percentile(
        common.map((i) => real[i] as number),
        50,
      ),
      commonBaselineP50: percentile(
        common.map((i) => base[i] as number),
        50,
      ),
    });
  }
  const queries: QueryReport[] = [];
  for (const [i, q] of mix.entries()) {
    const expected = (await exhaustive.search(request(q.text))).hits.map((h) => h.card.id);
    const got = ids[i] as string[];
    queries.push({
      text: q.text,
      kind: q.kind,
      ms: percentile(times[i] as number[], 50),
      baselineMs: percentile(baseTimes[i] as number[], 50),
      hits: got.length,
      agrees: got.join() === expected.join(),
      overlap: got.filter((id) => expected.includes(id)).length / Math.max(1, expected.length),
      answer: answers[i] as QueryReport['answer'],
    });
  }
  return { runs: perRun, queries, agreement: queries.filter((q) => q.agrees).length / queries.length };
}
