import { describe, expect, it } from 'vitest';
import { canonicalPaperId, parsePaperId } from '../../src/core/paper-id.ts';

describe('parsePaperId', () => {
  it.each([
    ['2409.12917', '2409.12917', null],
    ['2409.12917v3', '2409.12917', 3],
    ['arXiv:2409.12917v1', '2409.12917', 1],
    ['0704.0001', '0704.0001', null],
    ['1501.00001v12', '1501.00001', 12],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.GT/0309136', 'math.GT/0309136', null],
    ['HEP-TH/9901001', 'hep-th/9901001', null],
    ['math.gt/0309136v1', 'math.GT/0309136', 1],
    ['  2409.12917  ', '2409.12917', null],
    ['https://arxiv.org/abs/2409.12917', '2409.12917', null],
    ['https://arxiv.org/abs/2409.12917v2', '2409.12917', 2],
    ['http://arxiv.org/pdf/2409.12917v2', '2409.12917', 2],
    ['https://arxiv.org/pdf/2409.12917v2.pdf', '2409.12917', 2],
    ['arxiv.org/abs/2409.12917', '2409.12917', null],
    ['https://www.arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 2],
    ['http://export.arxiv.org/abs/2409.12917', '2409.12917', null],
    ['https://huggingface.co/papers/2409.12917', '2409.12917', null],
    ['https://huggingface.co/papers/2409.12917/', '2409.12917', null],
    ['https://hf.co/papers/2409.12917', '2409.12917', null],
    ['https://huggingface.co/papers/2409.12917?foo=bar#x', '2409.12917', null],
    ['https://arxiv.org/html/2409.12917v1', '2409.12917', 1],
  ])('GIVEN %j THEN the canonical id is %s (version %s)', (input, id, version) => {
    expect(parsePaperId(input)).toEqual({ id, version });
  });

  it.each([
    '',
    'diffusion transformers',
    '2409.129',
    '24091.2917',
    '2409.12917v',
    'https://example.com/abs/2409.12917',
    'https://github.com/org/2409.12917',
    'https://huggingface.co/models/2409.12917',
    "'; DROP TABLE papers;--",
    'x'.repeat(5000),
    'hep-th/99010',
  ])('GIVEN %j THEN it is not a paper id', (input) => {
    expect(parsePaperId(input)).toBeNull();
  });

  it('GIVEN v1 and v2 of one paper and its URLs THEN they all fold to one id', () => {
    const forms = ['2409.12917v1', '2409.12917v2', 'https://arxiv.org/abs/2409.12917v2', 'https://huggingface.co/papers/2409.12917'];
    expect(new Set(forms.map(canonicalPaperId))).toEqual(new Set(['2409.12917']));
  });
});
