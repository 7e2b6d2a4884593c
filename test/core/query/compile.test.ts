import { describe, expect, it } from 'vitest';
import {
  compileQuery,
  describeQuery,
  normalizeQuery,
  parseQuery,
  type ParsedQuery,
  type TextQuery,
} from '../../../src/core/query/index.ts';

const word = (text: string): TextQuery => ({ kind: 'phrase', text, field: null });

describe('compileQuery', () => {
  it('GIVEN words THEN each is a phrase, all ANDed', () => {
    expect(compileQuery(parseQuery('diffusion models'))).toEqual({
      text: { kind: 'and', children: [word('diffusion'), word('models')] },
      exclude: null,
    });
  });

  it('GIVEN OR, exclusions and an author THEN alternatives are ORed, exclusions one OR, the author a field filter', () => {
    expect(compileQuery(parseQuery('diffusion OR flow -survey author:lecun'))).toEqual({
      text: {
        kind: 'and',
        children: [
          { kind: 'or', children: [word('diffusion'), word('flow')] },
          { kind: 'phrase', text: 'lecun', field: 'authors' },
        ],
      },
      exclude: word('survey'),
    });
  });

  it('GIVEN an acronym and a long form THEN each finds the other', () => {
    expect(compileQuery(parseQuery('MCTS')).text).toEqual({ kind: 'or', children: [word('mcts'), word('monte carlo tree search')] });
    expect(compileQuery(parseQuery('monte carlo tree search')).text).toEqual({
      kind: 'or',
      children: [{ kind: 'and', children: ['monte', 'carlo', 'tree', 'search'].map(word) }, word('mcts')],
    });
    expect(compileQuery(parseQuery('MCTS'), { expandAcronyms: false }).text).toEqual(word('mcts'));
  });

  it('GIVEN mode any THEN the groups are ORed and an author is still required', () => {
    expect(compileQuery(parseQuery('a b author:x'), { mode: 'any' }).text).toEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [word('a'), word('b')] },
        { kind: 'phrase', text: 'x', field: 'authors' },
      ],
    });
  });

  it('GIVEN only filters, or terms with nothing to search THEN there is no text condition', () => {
    expect(compileQuery(parseQuery('cat:cs.LG org:nvidia since:7d'))).toEqual({ text: null, exclude: null });
    const query: ParsedQuery = {
      groups: [[{ kind: 'phrase', text: '***' }]],
      excluded: [{ kind: 'word', text: '' }],
      authors: ['";'],
      categories: [],
      orgs: [],
      since: null,
    };
    expect(compileQuery(query)).toEqual({ text: null, exclude: null });
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
