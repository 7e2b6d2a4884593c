/**
 * The PostgreSQL search benchmark at one corpus size, in one process: the SQLite corpus moved with `db copy`'s own
 * code into a throwaway PostgreSQL server, its search index built by the store's catch-up, then the query mix
 * through the real search path on PostgreSQL beside (a) a plain `ORDER BY ts_rank LIMIT 10` over the same matches
 * and filters, for speed; (b) the project's ranking evaluated over every match (FTS5's bm25 on the SQLite file),
 * for agreement.
 */
import { createFixedClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { compileQuery, parseQuery, sinceToDate } from '../src/core/query/index.ts';
import { SEARCH_RANKING } from '../src/core/search-rank.ts';
import { createSearchService } from '../src/core/search.ts';
import { createSqliteStore, type Db } from '../src/store/index.ts';
import { copySqliteToPostgres } from '../src/store/copy-to-postgres.ts';
import { openPostgres } from '../src/store/postgres/db.ts';
import { tsRankSql } from '../src/store/postgres/search/baseline.ts';
import { openPostgresStore } from '../src/store/postgres/store.ts';
import { createScratchFts5 } from '../src/store/sqlite/search/index.ts';
import { isLoopbackUrl, startEmbeddedPostgres } from '../test/helpers/embedded-postgres.ts';
import { createExhaustiveIndex } from './exhaustive-index.ts';
import { BENCH_NOW } from './ingest-path.ts';
import type { BenchQuery } from './queries.ts';
import { percentile, since } from './stats.ts';

/** One run over the mix. */
export interface PostgresSearchRun {
  p50: number;
  p95: number;
  p99: number;
  baselineP95: number;
}

/** The PostgreSQL search bench at one size. */
export interface PostgresSearchReport {
  runs: PostgresSearchRun[];
  /** Share of queries whose top 10 equals (b)'s. */
  agreement: number;
  /** Share of queries whose top 10 equals the SQLite store's own. */
  sqliteAgreement: number;
  copySeconds: number;
  indexSeconds: number;
  queries: Array<{ text: string; kind: BenchQuery['kind']; ms: number; baselineMs: number; hits: number; agrees: boolean }>;
}

/** A server to measure on: PAPERBOY_BENCH_DATABASE_URL (loopback only), or an embedded one. */
export async function server(): Promise<{ url: string; stop: () => Promise<void> }> {
  const external = process.env.PAPERBOY_BENCH_DATABASE_URL;
  if (!external) return startEmbeddedPostgres();
  if (!isLoopbackUrl(external)) throw new Error('PAPERBOY_BENCH_DATABASE_URL must point at a loopback host');
  return { url: external, stop: async () => undefined };
}

/** Runs the bench over the SQLite corpus `sqlite`: a warm-up pass, then `runs` timed passes over `mix`. */
export async function benchPostgresSearch(sqlite: Db, mix: readonly BenchQuery[], runs: number): Promise<PostgresSearchReport> {
  const { url, stop } = await server();
  const pgDb = await openPostgres(url, { log: silentLogger, maxConnections: 4 });
  const fts5 = createScratchFts5();
  try {
    let t = performance.now();
    await copySqliteToPostgres(sqlite, pgDb);
    const copySeconds = since(t) / 1000;
    const store = await openPostgresStore(pgDb, { ranking: SEARCH_RANKING, log: silentLogger });
    t = performance.now();
    await store.catchUpSearchIndex();
    const indexSeconds = since(t) / 1000;
    await pgDb.pool.query('VACUUM ANALYZE');

    const clock = createFixedClock(BENCH_NOW);
    const search = createSearchService({ index: store.index, store: store.papers, remote: null, clock, log: silentLogger });
    const lite = createSqliteStore(sqlite, { ranking: SEARCH_RANKING });
    const onSqlite = createSearchService({ index: lite.index, store: lite.papers, remote: null, clock, log: silentLogger });
    const exhaustive = createSearchService({
      index: createExhaustiveIndex(sqlite, lite.papers, lite.index.snippet),
      store: lite.papers,
      remote: null,
      clock,
      log: silentLogger,
    });
    const baselines = mix.map((q) => plainTsRank(q.text, fts5.tokenize));
    const request = (text: string) => ({ text, limit: 10, offset: 0 });
    const runBaseline = async (i: number) => {
      const b = baselines[i];
      if (b) await pgDb.pool.query(b.text, b.params);
    };

    const ids: string[][] = [];
    for (const [i, q] of mix.entries()) {
      ids.push((await search.search(request(q.text))).hits.map((h) => h.card.id));
      await runBaseline(i);
    }
    const times = mix.map(() => [] as number[]);
    const baseTimes = mix.map(() => [] as number[]);
    const perRun: PostgresSearchRun[] = [];
    for (let r = 0; r < runs; r += 1) {
      const real: number[] = [];
      const base: number[] = [];
      for (const [i, q] of mix.entries()) {
        let s = performance.now();
        await search.search(request(q.text));
        real.push(since(s));
        s = performance.now();
        await runBaseline(i);
        base.push(since(s));
        (times[i] as number[]).push(real[real.length - 1] as number);
        (baseTimes[i] as number[]).push(base[base.length - 1] as number);
      }
      perRun.push({ p50: percentile(real, 50), p95: percentile(real, 95), p99: percentile(real, 99), baselineP95: percentile(base, 95) });
    }
    const queries: PostgresSearchReport['queries'] = [];
    let sameAsSqlite = 0;
    for (const [i, q] of mix.entries()) {
      const expected = (await exhaustive.search(request(q.text))).hits.map((h) => h.card.id);
      const own = (await onSqlite.search(request(q.text))).hits.map((h) => h.card.id);
      const got = ids[i] as string[];
      if (got.join() === own.join()) sameAsSqlite += 1;
      queries.push({
        text: q.text,
        kind: q.kind,
        ms: percentile(times[i] as number[], 50),
        baselineMs: percentile(baseTimes[i] as number[], 50),
        hits: got.length,
        agrees: got.join() === expected.join(),
      });
    }
    store.close();
    return {
      runs: perRun,
      agreement: queries.filter((q) => q.agrees).length / queries.length,
      sqliteAgreement: sameAsSqlite / mix.length,
      copySeconds,
      indexSeconds,
      queries,
    };
  } finally {
    fts5.close();
    await pgDb.close();
    await stop();
  }
}

/** Baseline (a): the strict query's matches and filters, ordered by ts_rank alone, first 10. */
function plainTsRank(text: string, tokenize: (texts: readonly string[]) => string[][]): { text: string; params: unknown[] } | null {
  const parsed = parseQuery(text, { allowSince: true });
  const compiled = compileQuery(parsed, { mode: 'all' });
  const sql = tsRankSql(
    {
      text: compiled.text,
      exclude: compiled.exclude,
      categories: parsed.categories,
      orgs: parsed.orgs,
      since: parsed.since ? sinceToDate(parsed.since, BENCH_NOW) : null,
      now: BENCH_NOW,
      limit: 10,
    },
    tokenize,
  );
  if (!sql) return null;
  return {
    text: `SELECT p.id FROM ${sql.from} ${sql.where.length > 0 ? `WHERE ${sql.where.join(' AND ')}` : ''} ORDER BY ${sql.relevance} DESC LIMIT 10`,
    params: sql.params,
  };
}
