/**
 * Nothing a user types is tsquery syntax: arbitrary text (the same arbitraries the FTS5 property test uses) goes
 * through the query language into the tsquery the PostgreSQL store builds, and real PostgreSQL accepts every one,
 * in both phrase modes, as a match, an exclusion and a ts_rank; then through the PaperIndex itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { QuerySyntaxError, compileQuery, parseQuery, type ParsedQuery } from '../../../src/core/query/index.ts';
import { SEARCH_RANKING } from '../../../src/core/search-rank.ts';
import { matchTree } from '../../../src/store/search/match-tree.ts';
import { TS_RANK_WEIGHTS, phraseQuery, tsqueryOf, tsvectorOf } from '../../../src/store/postgres/search/tsquery.ts';
import { createScratchFts5 } from '../../../src/store/sqlite/search/index.ts';
import { openPostgresStore } from '../../../src/store/postgres/store.ts';
import { HOSTILE_QUERIES } from '../../contracts/hostile-queries.ts';
import { T0 } from '../../contracts/store-set.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';
import { anyText, fragmentText } from '../../helpers/query-arbitraries.ts';
import { hfItem } from '../../helpers/sourced-papers.ts';

const pg = usePostgresDatabase();

function parsed(text: string): ParsedQuery | null {
  try {
    return parseQuery(text, { allowSince: true });
  } catch (error) {
    if (error instanceof QuerySyntaxError) return null;
    throw error;
  }
}

describe('tsquery from arbitrary text', () => {
  it('GIVEN arbitrary text THEN every tsquery built from it is accepted by PostgreSQL as a match, an exclusion and a rank', async () => {
    const fts5 = createScratchFts5();
    const client = await pg.db().pool.connect();
    try {
      const vector = tsvectorOf(['monte', 'carlo', 'tree', 'search', 'yann', 'lecun'], [4, 0, 2, 0]);
      const queries = new Set<string>();
      const collect = (text: string) => {
        const query = parsed(text);
        if (!query) return;
        for (const options of [{}, { mode: 'any' as const }]) {
          const compiled = compileQuery(query, options);
          for (const tree of [compiled.text, compiled.exclude]) {
            if (!tree) continue;
            const match = matchTree(tree);
            const terms = match.phrases.map((p) => fts5.tokenize([p.text])[0] ?? []);
            for (const mode of ['phrase', 'all'] as const) {
              const q = tsqueryOf(match.root, terms, mode);
              if (q !== null) queries.add(q);
            }
          }
        }
      };
      HOSTILE_QUERIES.forEach(collect);
      fc.assert(
        fc.property(fc.oneof(anyText, fragmentText), (text) => collect(text)),
        { numRuns: 1500 },
      );
      expect(queries.size).toBeGreaterThan(500);
      // One round trip for all of them: each is cast, matched and ranked; a syntax error fails the statement.
      const { rows } = await client.query<{ ranked: number; matched: number }>(
        `SELECT count(ts_rank('${TS_RANK_WEIGHTS}', $2::tsvector, q.text::tsquery))::int AS ranked,
           count(*) FILTER (WHERE $2::tsvector @@ q.text::tsquery)::int AS matched
         FROM unnest($1::text[]) AS q(text)`,
        [[...queries], vector],
      );
      expect(rows[0]?.ranked).toBe(queries.size);
      // Some arbitrary text names the vector's words (the fragments include them): matching really ran.
      expect(rows[0]?.matched).toBeGreaterThan(0);
    } finally {
      client.release();
      fts5.close();
    }
  });

  it('GIVEN terms with quotes, backslashes, operators or 3,000 characters THEN each is one lexeme that matches itself', async () => {
    const terms = ["it's", 'a\\b', "\\'", ':*', '&|!<->', 'x'.repeat(3_000), 'é扩散'];
    for (const term of terms) {
      const { rows } = await pg
        .db()
        .pool.query<{ hit: boolean }>('SELECT $1::tsvector @@ $2::tsquery AS hit', [
          tsvectorOf([term, 'other'], [1, 0, 1, 0]),
          phraseQuery([term], 0, 'phrase'),
        ]);
      expect({ term, hit: rows[0]?.hit }).toEqual({ term, hit: true });
    }
  });

  it('GIVEN hostile and arbitrary text THEN the PaperIndex answers every search, with the index on and off', async () => {
    for (const searchIndex of [true, false]) {
      const store = await openPostgresStore(pg.db(), { ranking: SEARCH_RANKING, searchIndex, log: silentLogger });
      try {
        await store.papers.upsertMany(
          [hfItem('2501.00001', { title: 'Monte Carlo tree search', authors: ['Yann LeCun'], abstract: 'NEAR AND OR NOT 扩散模型' })],
          T0,
        );
        const texts = [...HOSTILE_QUERIES, ...fc.sample(fc.oneof(anyText, fragmentText), { numRuns: 150, seed: 12 })];
        for (const text of texts) {
          const query = parsed(text);
          if (!query) continue;
          const { text: match, exclude } = compileQuery(query);
          await expect(store.index.search({ text: match, exclude, now: T0, limit: 5 }), text).resolves.toBeDefined();
        }
      } finally {
        store.close();
      }
    }
  });
});
