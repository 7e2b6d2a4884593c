/**
 * Search excerpts are computed in TypeScript (src/store/sqlite/search/fts5-snippet.ts) instead of by FTS5's snippet(); users
 * must see exactly what FTS5 would have shown. Checked against FTS5 itself on the real papers with the compiled
 * judgment queries, on generated rows and expressions (phrases, AND/OR, column filters, sentence breaks, short and
 * long abstracts), and through the store's search path, including its fallback for non-ASCII text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery, type TextQuery } from '../../../src/core/query/index.ts';
import { fts5Expression } from '../../../src/store/sqlite/search/fts5-expression.ts';
import { fts5Snippet, type SnippetFormat } from '../../../src/store/search/fts5-snippet.ts';
import { porterStem } from '../../../src/store/search/fts5-porter.ts';
import { FTS_TOKENIZE } from '../../../src/store/search/fts5-tokenize.ts';
import { T0, hfItem, openTestDb } from '../sqlite/helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FORMAT: SnippetFormat = { open: '**', close: '**', ellipsis: '…', tokens: 28 };

type Row = [title: string, abstract: string, authors: string, keywords: string];

/** An FTS5 table shaped like papers_fts, holding `rows`; `snippet(match)` answers FTS5's excerpt of each matching row. */
function fts5Table(rows: readonly Row[]) {
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, abstract, authors, ai_keywords, tokenize='${FTS_TOKENIZE}')`);
  const insert = db.prepare('INSERT INTO t(rowid, title, abstract, authors, ai_keywords) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => rows.forEach((row, i) => insert.run(i + 1, ...row)))();
  const select = db.prepare(`SELECT rowid, snippet(t, 1, '**', '**', '…', 28) FROM t WHERE t MATCH ?`).raw();
  return {
    snippets: (match: string) => select.all(match) as Array<[number, string]>,
    close: () => db.close(),
  };
}

/** Every row each query finds: [FTS5's snippet of its expression, ours]. */
function compare(rows: readonly Row[], queries: readonly TextQuery[]): Array<{ match: string; fts5: string; ours: string | null }> {
  const table = fts5Table(rows);
  try {
    return queries.flatMap((query) => {
      const match = fts5Expression(query);
      return table.snippets(match).map(([rowid, fts5]) => ({ match, fts5, ours: fts5Snippet(rows[rowid - 1] as Row, query, 1, FORMAT) }));
    });
  } finally {
    table.close();
  }
}

const samplePapers = (): Array<{ paper: { title: string; summary: string; authors: Array<{ name: string }>; ai_keywords?: string[] } }> =>
  JSON.parse(readFileSync(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), 'utf8'));

describe('search excerpts computed like FTS5 snippet()', () => {
  it('GIVEN the real papers and every judged query, strict and relaxed THEN each excerpt is byte-for-byte FTS5’s', () => {
    const rows = samplePapers().map(({ paper }): Row => [
      paper.title,
      paper.summary,
      JSON.stringify(paper.authors.map((a) => a.name)),
      JSON.stringify(paper.ai_keywords ?? []),
    ]);
    const judged = [
      ...Object.keys((JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-judgments.json'), 'utf8')) as { queries: object }).queries),
      ...Object.keys(
        (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-judgments.local.json'), 'utf8')) as { queries: object }).queries,
      ),
    ];
    const extra = ['"chain of thought" reasoning', 'author:wang reasoning', 'llm OR agents', 'language models', 'the of', 'model'];
    const queries = [...judged, ...extra]
      .flatMap((text) => (['all', 'any'] as const).map((mode) => compileQuery(parseQuery(text, { allowSince: true }), { mode }).text))
      .filter((q): q is TextQuery => q !== null);
    const results = compare(rows, queries);
    const answered = results.filter((r) => r.ours !== null);
    expect(results.length).toBeGreaterThan(300);
    // Only text FTS5 must tokenize itself (non-ASCII) is left to it.
    expect(answered.length).toBeGreaterThan(results.length * 0.6);
    for (const r of answered) expect({ match: r.match, snippet: r.ours }).toEqual({ match: r.match, snippet: r.fts5 });
  });

  it('GIVEN generated rows and queries (phrases, AND, OR, author filters, sentences, short and long text) THEN every excerpt is FTS5’s', () => {
    const words = [
      'model',
      'models',
      'modeling',
      'language',
      'large',
      'learning',
      'agent',
      'agents',
      'policy',
      'reason',
      'reasoning',
      'the',
      'of',
      'data',
      'x1',
      'GPT4',
      'Diffusion',
    ];
    const separators = [' ', ' ', ' ', ', ', '. ', ': ', '.\n', ' - ', '  ', '.', ' (', ') '];
    const text = (min: number, max: number) =>
      fc
        .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...separators)), { minLength: min, maxLength: max })
        .map((parts) => parts.map(([w, s]) => w + s).join(''));
    const row = fc.tuple(text(1, 12), text(0, 90), text(0, 4), text(0, 4)).map((r): Row => r);
    const phrase = fc
      .tuple(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), fc.constantFrom(null, null, null, 'authors' as const))
      .map(([ws, field]): TextQuery => ({ kind: 'phrase', text: ws.join(' '), field }));
    const expression: fc.Arbitrary<TextQuery> = fc.letrec<{ node: TextQuery }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        phrase,
        fc
          .tuple(tie('node'), fc.constantFrom('and' as const, 'or' as const), tie('node'))
          .map(([a, kind, b]): TextQuery => ({ kind, children: [a, b] })),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.array(expression, { minLength: 1, maxLength: 4 }), (rows, matches) => {
        for (const r of compare(rows, matches)) {
          expect(r.ours).not.toBeNull();
          expect({ match: r.match, snippet: r.ours }).toEqual({ match: r.match, snippet: r.fts5 });
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('GIVEN phrases of different lengths at one position, or a window wider than its tokens THEN the excerpt is still FTS5’s', () => {
    const filler = (n: number, word = 'filler') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
    const rows: Row[] = [
      // Two phrases start at token 30: FTS5 orders their instances by phrase number, and centres on the last one's end.
      ['Title', `${filler(30)} large language models ${filler(30, 'tail')}`, '[]', '[]'],
      // An instance 27 tokens after another, two tokens long: the centring offset is negative and odd.
      ['Title', `${filler(20)} alpha ${filler(26, 'mid')} beta gamma ${filler(30, 'tail')}`, '[]', '[]'],
    ];
    const phrase = (text: string): TextQuery => ({ kind: 'phrase', text, field: null });
    const results = compare(rows, [
      { kind: 'or', children: [phrase('large language models'), phrase('large')] },
      { kind: 'or', children: [phrase('large'), phrase('large language models')] },
      { kind: 'and', children: [phrase('alpha'), phrase('beta gamma')] },
    ]);
    expect(results).toHaveLength(3);
    for (const r of results) expect({ match: r.match, snippet: r.ours }).toEqual({ match: r.match, snippet: r.fts5 });
  });

  it('GIVEN any word THEN its Porter stem starts with its first letter, lower-cased (the excerpt skips stemming other words)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        fc.constantFrom('', 'ational', 'ies', 'ied', 'ing', 'ed', 'y', 'sses', 's', 'e', 'ization'),
        (stem, suffix) => {
          const word = stem + suffix;
          expect(porterStem(word.toLowerCase())[0]).toBe(word[0]?.toLowerCase());
        },
      ),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('GIVEN text FTS5 must tokenize itself (non-ASCII), a phrase of no words or a row it does not match THEN it is left to FTS5', () => {
    const phrase = (text: string): TextQuery => ({ kind: 'phrase', text, field: null });
    expect(fts5Snippet(['Title', 'Ünïcode abstract about models', '[]', '[]'], phrase('models'), 1, FORMAT)).toBeNull();
    expect(fts5Snippet(['Title', 'an abstract about models', '[]', '[]'], phrase('***'), 1, FORMAT)).toBeNull();
    expect(fts5Snippet(['Title', 'an abstract about models', '[]', '[]'], phrase('agents'), 1, FORMAT)).toBeNull();
  });

  it('GIVEN stored papers, ASCII and not THEN the store’s excerpts are what FTS5 snippet() returns for each', async () => {
    const db = openTestDb();
    const { papers: store, index } = sqliteStore(db);
    const long = Array.from({ length: 40 }, (_, i) => `Sentence ${i} covers data.`).join(' ');
    await store.upsertMany(
      [
        hfItem('2501.00001', { title: 'Reward models', abstract: `${long} Large language models learn reward models. ${long}` }),
        hfItem('2501.00002', { title: 'Müller’s reward', abstract: `Über ${long} reward models for Straße ${long}` }),
      ],
      T0,
    );
    const fts5 = db.sqlite
      .prepare(
        `SELECT snippet(papers_fts, 1, '**', '**', '…', 28) FROM papers_fts WHERE papers_fts MATCH ? AND rowid = (SELECT doc_id FROM papers WHERE id = ?)`,
      )
      .pluck();
    for (const id of ['2501.00001', '2501.00002']) {
      const excerpt = await index.snippet(id, compileQuery(parseQuery('reward models')).text as TextQuery);
      expect(excerpt).toBe(fts5.get('"reward" AND "models"', id));
      expect(excerpt).toMatch(/^….*\*\*reward\*\* \*\*models\*\*.*…$/s);
    }
    expect(await index.snippet('2501.00001', { kind: 'phrase', text: 'absent', field: null })).toBe('');
  });
});
