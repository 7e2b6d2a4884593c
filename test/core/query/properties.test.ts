/**
 * Properties over arbitrary text: parseQuery returns or throws QuerySyntaxError (nothing else), what
 * it returns compiles to typed queries whose SQLite FTS5 expressions real FTS5 accepts, and
 * normalizeQuery is a fixed point.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalQuery } from '../../../src/core/query/format.ts';
import {
  QuerySyntaxError,
  compileQuery,
  describeQuery,
  normalizeQuery,
  parseQuery,
  type ParsedQuery,
  type QueryTerm,
} from '../../../src/core/query/index.ts';
import { fts5Expression } from '../../../src/store/sqlite/search/fts5-expression.ts';
import { FRAGMENTS, anyText, fragmentText, utf16Text } from '../../helpers/query-arbitraries.ts';

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, authors, ai_keywords,
  tokenize='porter unicode61 remove_diacritics 2')`);
db.prepare('INSERT INTO papers_fts VALUES (?, ?, ?, ?)').run(
  'Monte Carlo tree search for LLMs',
  'RL "quoted" (x)',
  '["Yann LeCun"]',
  '["mcts"]',
);
db.prepare('INSERT INTO papers_fts VALUES (?, ?, ?, ?)').run('扩散模型 diffusion', 'NEAR AND OR NOT', '["José Núñez"]', '[]');
const matchStmt = db.prepare('SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?');
const bothStmt = db.prepare(
  'SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? AND rowid NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)',
);
afterAll(() => db.close());

/** Runs every compiled form of the query through FTS5; throws if FTS5 rejects any of them. */
function runInFts(query: ParsedQuery): void {
  for (const options of [{}, { mode: 'any' as const }, { expandAcronyms: false }]) {
    const compiled = compileQuery(query, options);
    const match = compiled.text && fts5Expression(compiled.text);
    const exclude = compiled.exclude && fts5Expression(compiled.exclude);
    if (match !== null) matchStmt.all(match);
    if (exclude !== null) matchStmt.all(exclude);
    if (match !== null && exclude !== null) bothStmt.all(match, exclude);
  }
  describeQuery(query);
}

/** The parsed query, or null when parseQuery refused it properly; any other throw fails the property. */
function parseOrRefuse(text: string, maxLength?: number): ParsedQuery | null {
  try {
    return parseQuery(text, maxLength === undefined ? undefined : { maxLength });
  } catch (error) {
    if (error instanceof QuerySyntaxError) return null;
    throw error;
  }
}

const SAFETY_RUNS: Array<[string, fc.Arbitrary<string>, number]> = [
  ['printable strings', fc.string({ maxLength: 80 }), 2500],
  ['full-Unicode strings', fc.string({ unit: 'binary', maxLength: 60 }), 2000],
  ['UTF-16 strings with lone surrogates', utf16Text, 1000],
  ['strings built from dangerous fragments', fragmentText, 3000],
];

describe('query language properties', () => {
  it.each(SAFETY_RUNS)('GIVEN arbitrary %s THEN parse returns or refuses, and FTS5 accepts what it returns', (_, arbitrary, numRuns) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const query = parseOrRefuse(text);
        if (query) runInFts(query);
      }),
      { numRuns },
    );
  });

  it('GIVEN 10 kB strings THEN parse refuses them quickly, and with a large limit still returns or refuses', () => {
    const big = fc.oneof(
      fc.string({ minLength: 10_000, maxLength: 10_240 }),
      fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 2_500, maxLength: 3_000 }).map((p) => p.join(' ')),
    );
    fc.assert(
      fc.property(big, (text) => {
        expect(parseOrRefuse(text)).toBeNull();
        const query = parseOrRefuse(text, 20_000);
        if (query) runInFts(query);
      }),
      { numRuns: 20 },
    );
  });

  it('GIVEN any parsed query THEN its normal form parses back to the canonical query and normalizes to itself', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const query = parseOrRefuse(text);
        if (!query) return;
        const normalized = normalizeQuery(query);
        // The normal form can be a few characters longer than what was typed (since:2w → since:14d).
        const again = parseQuery(normalized, { maxLength: Number.POSITIVE_INFINITY });
        expect(again).toEqual(canonicalQuery(query));
        expect(normalizeQuery(again)).toBe(normalized);
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any hand-built ParsedQuery THEN its compiled query still never produces an FTS5 error', () => {
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom(...FRAGMENTS));
    const term: fc.Arbitrary<QueryTerm> = fc.record({ kind: fc.constantFrom('word' as const, 'phrase' as const), text });
    const query: fc.Arbitrary<ParsedQuery> = fc.record({
      groups: fc.array(fc.array(term, { maxLength: 3 }), { maxLength: 4 }),
      excluded: fc.array(term, { maxLength: 3 }),
      authors: fc.array(text, { maxLength: 2 }),
      categories: fc.constant([]),
      orgs: fc.array(text, { maxLength: 2 }),
      since: fc.constant(null),
    });
    fc.assert(
      fc.property(query, (q) => runInFts(q)),
      { numRuns: 1000 },
    );
  });
});
