/** The one parser of the reply markup: lines, fences, bullets and inline spans, leftmost token first. */
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkup } from '../../src/core/markup.ts';

describe('parseInline', () => {
  it('GIVEN bold, italic and code THEN each becomes its span and the text between stays as it was', () => {
    expect(parseInline('**Usage:** `/papers a*b*` and *diffusion*.')).toEqual([
      { kind: 'bold', spans: [{ kind: 'text', text: 'Usage:' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: '/papers a*b*' },
      { kind: 'text', text: ' and ' },
      { kind: 'italic', text: 'diffusion' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('GIVEN bold around code and italic THEN they nest inside the bold', () => {
    expect(parseInline('**a `b` *c***')).toEqual([
      {
        kind: 'bold',
        spans: [
          { kind: 'text', text: 'a ' },
          { kind: 'code', text: 'b' },
          { kind: 'text', text: ' *c' },
        ],
      },
      { kind: 'text', text: '*' },
    ]);
  });

  it.each(['ReST-MCTS* search', 'O(n*m*k)', 'x * y * z', 'a *b *', '``'])(
    'GIVEN paper-like text %j THEN it stays one text span',
    (text) => {
      expect(parseInline(text)).toEqual([{ kind: 'text', text }]);
    },
  );
});

describe('parseMarkup', () => {
  it('GIVEN fences and bullets THEN fenced lines are kept as is and bullets are marked', () => {
    expect(parseMarkup('• *x*\n```\n**y**\n ``` \nz')).toEqual([
      { kind: 'text', bullet: true, spans: [{ kind: 'italic', text: 'x' }] },
      { kind: 'fence' },
      { kind: 'pre', text: '**y**' },
      { kind: 'fence' },
      { kind: 'text', bullet: false, spans: [{ kind: 'text', text: 'z' }] },
    ]);
  });
});
