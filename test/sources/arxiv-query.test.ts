import { describe, expect, it } from 'vitest';
import {
  ARXIV_SEARCH_LIMITS,
  buildArxivSearchQuery,
  isArxivCategory,
  isPlausibleArxivId,
  searchTerms,
} from '../../src/sources/arxiv-query.ts';

describe('buildArxivSearchQuery', () => {
  it.each([
    ['diffusion transformers', 'all:"diffusion" AND all:"transformers"'],
    ['"; DROP TABLE', 'all:"DROP" AND all:"TABLE"'],
    ['ti:foo AND (bar)', 'all:"ti" AND all:"foo" AND all:"bar"'],
    ['NEAR(', 'all:"NEAR"'],
    ['cat:cs.LG OR au:"Hinton" ANDNOT x', 'all:"cat" AND all:"cs.LG" AND all:"au" AND all:"Hinton" AND all:"x"'],
    ['submittedDate:[202301010600 TO 202401010600]', 'all:"submittedDate" AND all:"202301010600" AND all:"202401010600"'],
    ['GPT-4 -survey self-supervised...', 'all:"GPT-4" AND all:"survey" AND all:"self-supervised"'],
    ['a\\" OR all:* %22 +x', 'all:"a" AND all:"all" AND all:"22" AND all:"x"'],
    ['Schrödinger 深度学习 ＡＮＤ （ｘ）', 'all:"Schrödinger" AND all:"深度学习" AND all:"x"'],
    ['del_maestro', 'all:"del" AND all:"maestro"'],
    ['Attention attention ATTENTION', 'all:"Attention"'],
  ])('GIVEN %j THEN %s', (input, expected) => {
    expect(buildArxivSearchQuery(input)).toBe(expected);
  });

  it.each(['', '   ', '((( )))', '"" :: AND OR', '-- ..'])('GIVEN %j (nothing searchable) THEN null', (input) => {
    expect(buildArxivSearchQuery(input)).toBeNull();
  });

  it('GIVEN any input THEN each term is letters, marks, digits and inner . or - only', () => {
    const hostile = '}{)(][":\\*?~^!+&|<>=/#;\'`$@\u0000\u202e' + 'x'.repeat(200) + ' ok';
    const terms = searchTerms(hostile);
    expect(terms).toEqual(['x'.repeat(ARXIV_SEARCH_LIMITS.maxTermLength), 'ok']);
    for (const term of searchTerms('a-b.c d..e -f- ".g"'))
      expect(term).toMatch(/^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}.-]*[\p{L}\p{M}\p{N}])?$/u);
  });

  it('GIVEN a pasted paragraph THEN keeps at most the first dozen distinct terms', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(searchTerms(words)).toHaveLength(ARXIV_SEARCH_LIMITS.maxTerms);
  });
});

describe('isArxivCategory', () => {
  it.each(['cs', 'cs.LG', 'math.QA', 'hep-th', 'astro-ph.GA', 'cond-mat.str-el', 'physics.optics', 'q-bio.NC', 'stat.ML'])(
    'accepts %s',
    (category) => {
      expect(isArxivCategory(category)).toBe(true);
    },
  );

  it.each(['', 'cs.LG+cs.AI', 'cs LG', '../etc', 'cs/LG', 'CS.LG', 'cs.', '.LG', 'cs.LG?x=1', 'cs.LG#', 'a'.repeat(41)])(
    'rejects %j',
    (category) => {
      expect(isArxivCategory(category)).toBe(false);
    },
  );
});

describe('isPlausibleArxivId', () => {
  it.each(['0704.0001', '1412.9999', '1501.00001', '2609.26811', 'hep-th/9711200', 'cs/0112017', 'math.AG/0309136'])('accepts %s', (id) => {
    expect(isPlausibleArxivId(id)).toBe(true);
  });

  it.each(['2399.99999', '2413.00001', '0703.0001', '1501.0001', '1412.00001', 'hep-th/9713200'])('rejects %s', (id) => {
    expect(isPlausibleArxivId(id)).toBe(false);
  });
});
