import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.ts';
import {
  MAX_TOPIC_LENGTH,
  QUERY_GRAMMAR,
  QuerySyntaxError,
  parseQuery,
  type ParsedQuery,
  type QueryTerm,
} from '../../../src/core/query/index.ts';

/** `"a b"` is a phrase, anything else a word. */
function term(text: string): QueryTerm {
  return text.startsWith('"') ? { kind: 'phrase', text: text.slice(1, -1) } : { kind: 'word', text };
}

interface Expected {
  groups?: string[][];
  excluded?: string[];
  authors?: string[];
  categories?: string[];
  orgs?: string[];
  since?: ParsedQuery['since'];
}

function expected(e: Expected): ParsedQuery {
  return {
    groups: (e.groups ?? []).map((g) => g.map(term)),
    excluded: (e.excluded ?? []).map(term),
    authors: e.authors ?? [],
    categories: e.categories ?? [],
    orgs: e.orgs ?? [],
    since: e.since ?? null,
  };
}

const CASES: Array<[string, Expected]> = [
  // words and case
  ['diffusion', { groups: [['diffusion']] }],
  ['diffusion models', { groups: [['diffusion'], ['models']] }],
  ['Diffusion  Models', { groups: [['diffusion'], ['models']] }],
  ['DIFFUSION', { groups: [['diffusion']] }],
  ['\tdiffusion\n\nmodels  ', { groups: [['diffusion'], ['models']] }],
  ['diffusion diffusion Diffusion', { groups: [['diffusion']] }],
  ['GPT-4o self-training', { groups: [['gpt-4o'], ['self-training']] }],
  ['cs.LG', { groups: [['cs.lg']] }],
  // phrases and quotes
  ['"flow matching"', { groups: [['"flow matching"']] }],
  ['"Flow   Matching" ', { groups: [['"flow matching"']] }],
  ['“flow matching” transformers', { groups: [['"flow matching"'], ['transformers']] }],
  ['„flow matching“', { groups: [['"flow matching"']] }],
  ['‘single’ quotes', { groups: [['single'], ['quotes']] }],
  ['don’t stop', { groups: [["don't"], ['stop']] }],
  ['"unbalanced phrase', { groups: [['"unbalanced phrase"']] }],
  ['diffusion "open ended', { groups: [['diffusion'], ['"open ended"']] }],
  ['"" diffusion', { groups: [['diffusion']] }],
  ['a"b', { groups: [['a'], ['"b"']] }],
  ['"diffusion, models."', { groups: [['"diffusion models"']] }],
  // OR
  ['diffusion OR flow matching', { groups: [['diffusion', 'flow'], ['matching']] }],
  ['a OR b OR c', { groups: [['a', 'b', 'c']] }],
  ['"a b" OR c', { groups: [['"a b"', 'c']] }],
  ['diffusion or flow', { groups: [['diffusion'], ['or'], ['flow']] }],
  ['OR diffusion', { groups: [['diffusion']] }],
  ['diffusion OR', { groups: [['diffusion']] }],
  ['a OR OR b', { groups: [['a', 'b']] }],
  ['a OR a', { groups: [['a']] }],
  ['a OR *** OR b', { groups: [['a', 'b']] }],
  ['(diffusion OR flow) matching', { groups: [['diffusion', 'flow'], ['matching']] }],
  ['a OR b b OR a', { groups: [['a', 'b']] }],
  ['cat:cs.LG OR', { categories: ['cs.LG'] }],
  // AND / NOT keywords and exclusions
  ['a AND b', { groups: [['a'], ['b']] }],
  ['a NOT b', { groups: [['a']], excluded: ['b'] }],
  ['-survey', { excluded: ['survey'] }],
  ['diffusion -survey -"Literature Review"', { groups: [['diffusion']], excluded: ['survey', '"literature review"'] }],
  ['diffusion - models', { groups: [['diffusion'], ['models']] }],
  ['—survey diffusion', { groups: [['diffusion']], excluded: ['survey'] }],
  ['--survey x', { groups: [['x']], excluded: ['survey'] }],
  ['-author x', { groups: [['x']], excluded: ['author'] }],
  ['-OR x', { groups: [['x']], excluded: ['or'] }],
  // filters
  ['author:lecun', { authors: ['lecun'] }],
  ['author:"Yann LeCun"', { authors: ['yann lecun'] }],
  ['Author:"Yann   LeCun" diffusion', { groups: [['diffusion']], authors: ['yann lecun'] }],
  ['author:“Yann LeCun”', { authors: ['yann lecun'] }],
  ['author:"José Núñez"', { authors: ['josé núñez'] }],
  ['AUTHOR:LeCun author:lecun', { authors: ['lecun'] }],
  ['cat:cs.LG', { categories: ['cs.LG'] }],
  ['cat:CS.lg', { categories: ['cs.LG'] }],
  ['cat:hep-th cat:math.GT cat:cond-mat.str-el', { categories: ['hep-th', 'math.GT', 'cond-mat.str-el'] }],
  ['(cat:cs.LG)', { categories: ['cs.LG'] }],
  ['cat:"stat.ML"', { categories: ['stat.ML'] }],
  ['org:nvidia org:"Google DeepMind"', { orgs: ['nvidia', 'google deepmind'] }],
  ['org:deepseek-ai', { orgs: ['deepseek-ai'] }],
  ['since:7d', { since: { kind: 'relative', days: 7 } }],
  ['since:2w x', { groups: [['x']], since: { kind: 'relative', days: 14 } }],
  ['since:3m', { since: { kind: 'relative', days: 90 } }],
  ['since:2025-01-01', { since: { kind: 'date', date: '2025-01-01' } }],
  ['title:diffusion foo:bar', { groups: [['title:diffusion'], ['foo:bar']] }],
  // punctuation, unicode and hostile text
  ['ReST-MCTS*', { groups: [['rest-mcts']] }],
  ['*** ; diffusion', { groups: [['diffusion']] }],
  ['Émile Ünïcödé', { groups: [['émile'], ['ünïcödé']] }],
  ['扩散模型 transformer', { groups: [['扩散模型'], ['transformer']] }],
  ['diffusion 🚀', { groups: [['diffusion']] }],
  ['ｄｉｆｆｕｓｉｏｎ', { groups: [['diffusion']] }],
  ['a\u0000b', { groups: [['a'], ['b']] }],
  ['soft\u00ADhyphen', { groups: [['softhyphen']] }],
  ['NEAR(a b)', { groups: [['near(a'], ['b']] }],
  ["'; DROP TABLE papers;--", { groups: [['drop'], ['table'], ['papers']] }],
  ['{title}: ^x +y', { groups: [['title'], ['x'], ['y']] }],
  // combinations
  [
    'diffusion OR "flow matching" video -survey author:"Yann LeCun" cat:cs.CV org:meta since:30d',
    {
      groups: [['diffusion', '"flow matching"'], ['video']],
      excluded: ['survey'],
      authors: ['yann lecun'],
      categories: ['cs.CV'],
      orgs: ['meta'],
      since: { kind: 'relative', days: 30 },
    },
  ],
];

describe('parseQuery', () => {
  it.each(CASES)('GIVEN %j THEN it parses as expected', (input, e) => {
    expect(parseQuery(input)).toEqual(expected(e));
  });

  it('GIVEN the grammar help THEN it is short plain text with examples', () => {
    expect(QUERY_GRAMMAR.length).toBeLessThanOrEqual(600);
    expect(QUERY_GRAMMAR).toContain('author:"Yann LeCun"');
    expect(QUERY_GRAMMAR).not.toMatch(/[*_`]/);
  });
});

const ERRORS: Array<[string, RegExp, Parameters<typeof parseQuery>[1]?]> = [
  ['', /nothing to search for/],
  ['   \n ', /nothing to search for/],
  ['*** ; 🚀', /nothing to search for/],
  ['OR', /nothing to search for/],
  ['NOT', /nothing to search for/],
  ['author:', /author: needs a name/],
  ['author:""', /author: needs a name/],
  ['author: lecun', /author: needs a name/],
  ['author:"***"', /author: needs a name/],
  ['org:', /org: needs a name/],
  ['cat:', /cat: needs an arXiv category/],
  ['cat:cs.ML', /"cs\.ML" is not an arXiv category\. The cs ones are .*cs\.LG/],
  ['cat:machine-learning', /"machine-learning" is not an arXiv category/],
  ['cat:cs', /"cs" is an arXiv archive; pick one of its categories\. The cs ones are cs\.AI/],
  ['since:yesterday', /"yesterday" is not a since: value.*since:7d/],
  ['since:', /since: needs a value/],
  ['since:0d', /no time at all/],
  ['since:3651d', /limit is 3650 days/],
  ['since:11y', /limit is 3650 days/],
  ['since:2025-02-30', /not a real date/],
  ['since:7d since:2w', /since: appears twice/],
  ['since:7d diffusion', /since: only works in searches/, { allowSince: false }],
  ['since:2999-01-01', /in the future/, { now: new Date('2025-06-01T00:00:00Z') }],
  ['-author:lecun', /-author: is not supported/],
  ['NOT cat:cs.LG', /-cat: is not supported/],
  ['a OR author:b', /OR joins words and phrases only; "author:"/],
  ['author:a OR author:b', /OR joins words and phrases only/],
  ['a OR -b', /OR joins words and phrases only; "-b"/],
  ['-a OR b', /OR joins words and phrases only; "-a"/],
  ['x'.repeat(301), /too long: 301 characters, and the limit is 300/],
  ['x'.repeat(MAX_TOPIC_LENGTH + 1), /limit is 200/, { maxLength: MAX_TOPIC_LENGTH }],
  [Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '), /33 words and phrases; the limit is 32/],
  [Array.from({ length: 11 }, (_, i) => `author:a${i}`).join(' '), /11 author:, cat: and org: filters; the limit is 10/],
];

describe('parseQuery errors', () => {
  it.each(ERRORS)('GIVEN %j THEN a QuerySyntaxError says %s', (input, message, options) => {
    let caught: unknown;
    try {
      parseQuery(input, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuerySyntaxError);
    expect(caught).toBeInstanceOf(UserError);
    const error = caught as QuerySyntaxError;
    expect(error.code).toBe('bad_input');
    expect(error.problem).toMatch(message);
    expect(error.message).toBe(`${error.problem}\n\n${QUERY_GRAMMAR}`);
  });

  it('GIVEN 300 characters with surrounding spaces THEN the limit counts the text only', () => {
    expect(parseQuery(`  ${'x'.repeat(300)}  `).groups).toHaveLength(1);
  });

  it('GIVEN emoji THEN the limit counts characters, not UTF-16 units', () => {
    expect(parseQuery(`${'🚀'.repeat(298)} x`).groups).toEqual([[{ kind: 'word', text: 'x' }]]);
  });

  it('GIVEN only exclusions or only filters THEN that is a valid query', () => {
    expect(parseQuery('-survey').excluded).toHaveLength(1);
    expect(parseQuery('cat:cs.LG').categories).toEqual(['cs.LG']);
    expect(parseQuery('since:7d').since).toEqual({ kind: 'relative', days: 7 });
  });

  it('GIVEN a topic (allowSince false) without since: THEN it parses', () => {
    expect(parseQuery('diffusion', { allowSince: false }).groups).toHaveLength(1);
  });
});
