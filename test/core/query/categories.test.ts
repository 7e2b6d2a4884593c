import { describe, expect, it } from 'vitest';
import { arxivTaxonomyTerm } from '../../../src/core/query/index.ts';

describe('arxivTaxonomyTerm', () => {
  it.each([
    'cs.LO',
    'cs.LG',
    'math.NA',
    'math.LO',
    'hep-th',
    'gr-qc',
    'quant-ph',
    'astro-ph.CO',
    'cond-mat.str-el',
    'q-bio.NC',
    'q-fin.ST',
    'stat.ML',
    'eess.SY',
    'econ.EM',
    'nlin.CD',
    'physics.optics',
    'physics.flu-dyn',
    // Archives older papers carry alone or from before a merge.
    'astro-ph',
    'cond-mat',
    'cmp-lg',
    'alg-geom',
  ])('GIVEN the arXiv taxonomy term %j THEN it is a category, in its own spelling', (term) => {
    expect(arxivTaxonomyTerm(term)).toBe(term);
  });

  it.each([
    // MSC classes as arXiv's API lists them.
    '03B70, 68Q99',
    '68T05',
    '35Q30; 76D05',
    'Primary 60G55; Secondary 60D05',
    // ACM classes.
    'F.4.1; F.4.m; K.2',
    'I.2.7',
    'H.3.3; I.2.6',
    // Shaped like categories, but not in the taxonomy.
    'cs.ML',
    'cs.XX',
    'foo.bar',
    '',
  ])('GIVEN %j, which is not in the arXiv taxonomy THEN it is not a category', (term) => {
    expect(arxivTaxonomyTerm(term)).toBeNull();
  });

  it('GIVEN an odd spelling or surrounding space THEN it becomes the official spelling', () => {
    expect(arxivTaxonomyTerm(' CS.lo ')).toBe('cs.LO');
    expect(arxivTaxonomyTerm('COND-MAT.STR-EL')).toBe('cond-mat.str-el');
  });
});
