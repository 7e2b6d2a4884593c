/**
 * The core's typed queries as FTS5 MATCH expressions (src/store/sqlite/search/fts5-expression.ts), against real
 * SQLite FTS5 with the tokenizer of migrations/0001_fts.sql: the expressions are the expected ones, hostile input
 * never becomes an FTS5 error, acronyms find their long forms both ways, and phrases are numbered as FTS5 numbers
 * them.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  QuerySyntaxError,
  compileQuery,
  parseQuery,
  type CompileOptions,
  type CompiledQuery,
  type ParsedQuery,
} from '../../../../src/core/query/index.ts';
import { fts5Expression } from '../../../../src/store/sqlite/search/fts5-expression.ts';
import { matchTree } from '../../../../src/store/search/match-tree.ts';
import { HOSTILE_QUERIES } from '../../../contracts/hostile-queries.ts';

/** The FTS5 expressions of a compiled query; null where it has no such part. */
function expressions({ text, exclude }: CompiledQuery): { match: string | null; exclude: string | null } {
  return { match: text ? fts5Expression(text) : null, exclude: exclude ? fts5Expression(exclude) : null };
}

// Standalone rather than external-content: the same columns and tokenizer are what matter here.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, authors, ai_keywords,
  tokenize='porter unicode61 remove_diacritics 2')`);
const ROWS: Array<[number, string, string, string[], string[]]> = [
  [
    1,
    'ReST-MCTS*: LLM Self-Training via Process Reward Guided Tree Search',
    'We train with MCTS.',
    ['Dan Zhang', 'Yann LeCun'],
    ['self-training'],
  ],
  [2, 'Planning with Monte-Carlo tree search for robots', 'A planner.', ['José Núñez'], ['planning']],
  [3, 'Large language models as agents', 'Agents built on large language models.', ['Ada Lovelace'], ['agents']],
  [4, 'Is PRM Necessary? Problem-Solving RL Implicitly Induces PRM Capability in LLMs', 'RL alone.', ['Ann Lee'], []],
  [5, 'Deep reinforcement learning for control', 'Policies for robots.', ['Bo Li'], ['control']],
  [6, 'A survey of diffusion models', 'Diffusion everywhere.', ['Cy Young'], ['survey']],
  [7, 'Diffusion models for video', 'Video generation with chain-of-thought planning.', ['Yann LeCun'], ['video']],
];
const insert = db.prepare('INSERT INTO papers_fts(rowid, title, abstract, authors, ai_keywords) VALUES (?, ?, ?, ?, ?)');
for (const [id, title, abstract, authors, keywords] of ROWS)
  insert.run(id, title, abstract, JSON.stringify(authors), JSON.stringify(keywords));
afterAll(() => db.close());

/** What the store does: rows matching `match` (all rows without one), minus rows matching `exclude`. */
function run(compiled: CompiledQuery): number[] {
  const { match, exclude } = expressions(compiled);
  const where: string[] = [];
  const params: string[] = [];
  if (match) {
    where.push('papers_fts MATCH ?');
    params.push(match);
  }
  if (exclude) {
    where.push('rowid NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)');
    params.push(exclude);
  }
  const sql = `SELECT rowid AS id FROM papers_fts${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`;
  return db
    .prepare<string[], { id: number }>(sql)
    .all(...params)
    .map((r) => r.id);
}

function search(text: string, options?: CompileOptions): number[] {
  return run(compileQuery(parseQuery(text), options));
}

const GOLDEN: Array<[string, string | null, string | null, CompileOptions?]> = [
  ['diffusion models', '"diffusion" AND "models"', null],
  ['diffusion OR flow matching', '("diffusion" OR "flow") AND "matching"', null],
  ['"flow matching" -survey -"literature review"', '"flow matching"', '"survey" OR "literature review"'],
  ['author:"Yann LeCun" cat:cs.LG', 'authors : "yann lecun"', null],
  ['attention author:lecun author:"José Núñez"', '"attention" AND authors : "lecun" AND authors : "josé núñez"', null],
  ['cat:cs.LG org:nvidia since:7d', null, null],
  ['-survey', null, '"survey"'],
  ['ReST-MCTS*', '"rest-mcts"', null],
  ["'; DROP TABLE papers;--", '"drop" AND "table" AND "papers"', null],
  ['NEAR(a b) title:x', '"near(a" AND "b" AND "title:x"', null],
  // acronyms, both ways
  ['MCTS', '"mcts" OR "monte carlo tree search"', null],
  ['"monte carlo tree search"', '"monte carlo tree search" OR "mcts"', null],
  ['monte carlo tree search', '("monte" AND "carlo" AND "tree" AND "search") OR "mcts"', null],
  ['tree search Monte-Carlo', '("tree" AND "search" AND "monte-carlo") OR "mcts"', null],
  ['SFT', '"sft" OR "supervised fine-tuning" OR "supervised finetuning"', null],
  ['PRM', '"prm" OR "process reward model" OR "process reward"', null],
  ['process reward models', '("process" AND "reward" AND "models") OR "prm"', null],
  ['LLMs agents', '("llms" OR "large language model") AND "agents"', null],
  ['RL reasoning', '("rl" OR "reinforcement learning") AND "reasoning"', null],
  ['reinforcement learning robots', '(("reinforcement" AND "learning") OR "rl") AND "robots"', null],
  ['chain-of-thought OR reasoning', '"chain-of-thought" OR "cot" OR "reasoning"', null],
  ['"RL"', '"rl"', null],
  ['-RL', null, '"rl" OR "reinforcement learning"'],
  ['RL', '"rl"', null, { expandAcronyms: false }],
  ['monte carlo tree search', '"monte" AND "carlo" AND "tree" AND "search"', null, { expandAcronyms: false }],
  // mode any (the search service's natural-language fallback)
  ['models that learn', '"models" OR "that" OR "learn"', null, { mode: 'any' }],
  ['a b author:x', '("a" OR "b") AND authors : "x"', null, { mode: 'any' }],
  ['a OR b c -d', '("a" OR "b") OR "c"', '"d"', { mode: 'any' }],
  ['a author:x', '"a" AND authors : "x"', null, { mode: 'any' }],
];

describe('FTS5 expressions of typed queries', () => {
  it.each(GOLDEN)('GIVEN %j THEN match is %j and exclude is %j', (text, match, exclude, options) => {
    expect(expressions(compileQuery(parseQuery(text), options))).toEqual({ match, exclude });
  });

  it('GIVEN a hand-built query with quotes, NULs and empty terms THEN quotes are doubled, NULs are spaces, the rest dropped', () => {
    const query: ParsedQuery = {
      groups: [[{ kind: 'word', text: 'a"b' }], [{ kind: 'phrase', text: '***' }], [{ kind: 'word', text: 'x\u0000y' }]],
      excluded: [{ kind: 'word', text: '' }],
      authors: ['";'],
      categories: [],
      orgs: [],
      since: null,
    };
    expect(expressions(compileQuery(query))).toEqual({ match: '"a""b" AND "x y"', exclude: null });
  });

  it('GIVEN any query THEN its phrases are numbered left to right, in the order they appear in the expression', () => {
    for (const [text, , , options] of GOLDEN) {
      const { text: tree } = compileQuery(parseQuery(text), options);
      if (!tree) continue;
      const { phrases } = matchTree(tree);
      const quoted = [...fts5Expression(tree).matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] as string).replaceAll('""', '"'));
      expect(phrases.map((p) => p.text)).toEqual(quoted);
      expect(phrases.map((p) => p.index)).toEqual(phrases.map((_, i) => i));
    }
  });
});

describe('compiled queries in real FTS5', () => {
  it.each([
    ['diffusion', [6, 7]],
    ['diffusion -survey', [7]],
    ['-survey', [1, 2, 3, 4, 5, 7]],
    ['"diffusion models" video', [7]],
    ['diffusion OR planning video', [7]],
    ['author:lecun', [1, 7]],
    ['author:"Yann LeCun" diffusion', [7]],
    ['author:"jose nunez"', [2]],
    ['nunez', [2]],
    ['ReST-MCTS*', [1]],
    ['self-training', [1]],
    ['cat:cs.LG', [1, 2, 3, 4, 5, 6, 7]],
  ])('GIVEN %j THEN it finds rows %j', (text, ids) => {
    expect(search(text)).toEqual(ids);
  });

  it.each([
    ['MCTS', [1, 2]],
    ['"monte carlo tree search"', [1, 2]],
    ['monte carlo tree search', [1, 2]],
    ['LLMs', [1, 3, 4]],
    ['LLM', [1, 3, 4]],
    ['large language model', [1, 3, 4]],
    ['RL', [4, 5]],
    ['reinforcement learning', [4, 5]],
    ['"reinforcement learning"', [4, 5]],
    ['PRM', [1, 4]],
    ['CoT', [7]],
  ])('GIVEN the acronym or long form %j THEN it finds both spellings: rows %j', (text, ids) => {
    expect(search(text)).toEqual(ids);
  });

  it('GIVEN expandAcronyms false THEN an acronym finds only itself', () => {
    expect(search('RL', { expandAcronyms: false })).toEqual([4]);
    expect(search('monte carlo tree search', { expandAcronyms: false })).toEqual([2]);
  });

  it('GIVEN mode any THEN a natural-language query finds rows with any of its words', () => {
    expect(search('robots that plan video', { mode: 'any' })).toEqual([2, 5, 7]);
    expect(search('robots that plan video')).toEqual([]);
  });

  it.each(HOSTILE_QUERIES)(
    'GIVEN the hostile query %j THEN it is refused with a QuerySyntaxError or FTS5 runs it without error',
    (text) => {
      let query: ParsedQuery;
      try {
        query = parseQuery(text);
      } catch (error) {
        expect(error).toBeInstanceOf(QuerySyntaxError);
        return;
      }
      for (const options of [{}, { mode: 'any' as const }, { expandAcronyms: false }]) {
        expect(() => run(compileQuery(query, options))).not.toThrow();
      }
    },
  );
});
