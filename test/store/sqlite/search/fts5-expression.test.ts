/**
 * The compiled expressions against real SQLite FTS5, with the tokenizer of migrations/0001_fts.sql:
 * hostile input never becomes an FTS5 error, and acronyms find their long forms both ways.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  QuerySyntaxError,
  compileMatch,
  parseQuery,
  type CompileOptions,
  type CompiledMatch,
  type ParsedQuery,
} from '../../../../src/core/query/index.ts';

// Standalone rather than external-content: the same columns and tokenizer are what matter here.
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, authors, ai_keywords,
  tokenize='porter unicode61 remove_diacritics 2')`);
const ROWS: Array<[number, string, string, string[], string[]]> = [
  [1, 'ReST-MCTS*: LLM Self-Training via Process Reward Guided Tree Search', 'We train with MCTS.', ['Dan Zhang', 'Yann LeCun'], ['self-training']],
  [2, 'Planning with Monte-Carlo tree search for robots', 'A planner.', ['José Núñez'], ['planning']],
  [3, 'Large language models as agents', 'Agents built on large language models.', ['Ada Lovelace'], ['agents']],
  [4, 'Is PRM Necessary? Problem-Solving RL Implicitly Induces PRM Capability in LLMs', 'RL alone.', ['Ann Lee'], []],
  [5, 'Deep reinforcement learning for control', 'Policies for robots.', ['Bo Li'], ['control']],
  [6, 'A survey of diffusion models', 'Diffusion everywhere.', ['Cy Young'], ['survey']],
  [7, 'Diffusion models for video', 'Video generation with chain-of-thought planning.', ['Yann LeCun'], ['video']],
];
const insert = db.prepare('INSERT INTO papers_fts(rowid, title, abstract, authors, ai_keywords) VALUES (?, ?, ?, ?, ?)');
for (const [id, title, abstract, authors, keywords] of ROWS) insert.run(id, title, abstract, JSON.stringify(authors), JSON.stringify(keywords));
afterAll(() => db.close());

/** What the store does: rows matching `match` (all rows without one), minus rows matching `exclude`. */
function run({ match, exclude }: CompiledMatch): number[] {
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
  return db.prepare<string[], { id: number }>(sql).all(...params).map((r) => r.id);
}

function search(text: string, options?: CompileOptions): number[] {
  return run(compileMatch(parseQuery(text), options));
}

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

  it.each([
    '"',
    '""',
    '"a" "b',
    '( ) NEAR(a b, 3) NEAR/2',
    '* ^ : - + { } [ ]',
    'title:x {title abstract}:y col : z',
    'OR AND NOT',
    'a AND OR NOT b',
    '"a" OR "b" NOT "c"',
    "'; DROP TABLE papers;--",
    'x\u0000y "\u0000" -\u0000',
    '-"" -"*" -( -)',
    '🚀 👩‍👩‍👧 扩散模型 İstanbul ﬁne ß',
    '\uD800 \uDC00 lone surrogates',
    'author:"\u0000x" org:")("',
    '^diffusion +models diffusion* "models"*',
  ])('GIVEN the hostile query %j THEN it is refused with a QuerySyntaxError or FTS5 runs it without error', (text) => {
    let query: ParsedQuery;
    try {
      query = parseQuery(text);
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      return;
    }
    for (const options of [{}, { mode: 'any' as const }, { expandAcronyms: false }]) {
      expect(() => run(compileMatch(query, options))).not.toThrow();
    }
  });
});
