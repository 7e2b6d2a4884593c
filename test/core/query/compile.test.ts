import { describe, expect, it } from 'vitest';
import {
  compileMatch,
  describeQuery,
  highlightTerms,
  normalizeQuery,
  parseQuery,
  type CompileOptions,
  type ParsedQuery,
} from '../../../src/core/query/index.ts';

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
  ['MCTS', '("mcts" OR "monte carlo tree search")', null],
  ['"monte carlo tree search"', '("monte carlo tree search" OR "mcts")', null],
  ['monte carlo tree search', '(("monte" AND "carlo" AND "tree" AND "search") OR "mcts")', null],
  ['tree search Monte-Carlo', '(("tree" AND "search" AND "monte-carlo") OR "mcts")', null],
  ['SFT', '("sft" OR "supervised fine-tuning" OR "supervised finetuning")', null],
  ['PRM', '("prm" OR "process reward model" OR "process reward")', null],
  ['process reward models', '(("process" AND "reward" AND "models") OR "prm")', null],
  ['LLMs agents', '("llms" OR "large language model") AND "agents"', null],
  ['RL reasoning', '("rl" OR "reinforcement learning") AND "reasoning"', null],
  ['reinforcement learning robots', '(("reinforcement" AND "learning") OR "rl") AND "robots"', null],
  ['chain-of-thought OR reasoning', '("chain-of-thought" OR "cot" OR "reasoning")', null],
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

describe('compileMatch', () => {
  it.each(GOLDEN)('GIVEN %j THEN match is %j and exclude is %j', (text, match, exclude, options) => {
    expect(compileMatch(parseQuery(text), options)).toEqual({ match, exclude });
  });

  it('GIVEN a hand-built query with quotes, NULs and empty terms THEN quotes are doubled and the rest dropped', () => {
    const query: ParsedQuery = {
      groups: [[{ kind: 'word', text: 'a"b' }], [{ kind: 'phrase', text: '***' }], [{ kind: 'word', text: 'x\u0000y' }]],
      excluded: [{ kind: 'word', text: '' }],
      authors: ['";'],
      categories: [],
      orgs: [],
      since: null,
    };
    expect(compileMatch(query)).toEqual({ match: '"a""b" AND "x y"', exclude: null });
  });
});

describe('normalizeQuery', () => {
  it.each([
    ['Diffusion  Models', 'diffusion models'],
    ['models diffusion', 'diffusion models'],
    ['flow OR diffusion', 'diffusion OR flow'],
    ['“Flow Matching”', '"flow matching"'],
    ['cat:CS.lg author:"Yann  LeCun" -Survey since:2w x', 'x -survey author:"yann lecun" cat:cs.LG since:14d'],
    ['org:"Google DeepMind" org:nvidia', 'org:"google deepmind" org:nvidia'],
    ['(cat:cs.LG)', 'cat:cs.LG'],
    ['ReST-MCTS*', 'rest-mcts'],
  ])('GIVEN %j THEN the canonical form is %j', (text, normalized) => {
    expect(normalizeQuery(parseQuery(text))).toBe(normalized);
  });

  it('GIVEN two spellings of one topic THEN they normalize equal', () => {
    expect(normalizeQuery(parseQuery('Diffusion  Models'))).toBe(normalizeQuery(parseQuery('diffusion models')));
    expect(normalizeQuery(parseQuery('b OR a c'))).toBe(normalizeQuery(parseQuery('c a OR b')));
  });

  it('GIVEN a normalized query THEN parsing it gives the same query back, groups sorted', () => {
    const query = parseQuery('Zeta OR alpha "b c" -"d e" -f author:"Yann LeCun" cat:hep-th org:x since:2025-01-01');
    const again = parseQuery(normalizeQuery(query));
    expect(normalizeQuery(again)).toBe(normalizeQuery(query));
    expect(again).toEqual({ ...query, groups: [[query.groups[1]?.[0]], [query.groups[0]?.[1], query.groups[0]?.[0]]] });
  });
});

describe('describeQuery', () => {
  it.each([
    ['Diffusion  Models', 'diffusion models'],
    ['author:"Yann LeCun"', 'author:"yann lecun"'],
    ['reinforcement learning', 'reinforcement learning'],
    ['diffusion OR "flow matching" -survey cat:cs.LG', 'diffusion OR "flow matching" -survey cat:cs.LG'],
  ])('GIVEN %j THEN it reads %j, in typed order', (text, described) => {
    expect(describeQuery(parseQuery(text))).toBe(described);
  });

  it('GIVEN a long query THEN the description is cut short', () => {
    const text = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const described = describeQuery(parseQuery(text));
    expect(described.length).toBeLessThanOrEqual(100);
    expect(described.endsWith('…')).toBe(true);
  });
});

describe('highlightTerms', () => {
  it.each([
    ['Diffusion Models -survey', ['diffusion', 'models']],
    ['"flow matching" self-training', ['flow', 'matching', 'self', 'training']],
    ['MCTS', ['mcts', 'monte', 'carlo', 'tree', 'search']],
    ['LLMs', ['llm', 'llms', 'large', 'language', 'model']],
    ['chain of thought', ['chain', 'thought', 'cot']],
    ['author:lecun cat:cs.LG', []],
  ])('GIVEN %j THEN it marks %j', (text, words) => {
    expect(highlightTerms(parseQuery(text))).toEqual(words);
  });
});
