import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorsLine, firstSentence, readableLatex, truncate } from '../../src/core/text.ts';

describe('readableLatex', () => {
  it.each([
    ['only 49.17\\% accuracy', 'only 49.17% accuracy'],
    ['complexity $O(n^2)$ here', 'complexity O(n^2) here'],
    ['a \\textbf{bold} and \\emph{soft} claim', 'a bold and soft claim'],
    ['with $\\alpha \\leq \\beta$', 'with α ≤ β'],
    ['S$^3$c-Math', 'S^3c-Math'],
    ['line\n  wrapped   text', 'line wrapped text'],
    ['a \\unknowncommand stays', 'a \\unknowncommand stays'],
    ["``quoted'' and \\%", '"quoted" and %'],
    ['plain\t text  without  markup ', 'plain text without markup'],
  ])('GIVEN %j THEN it reads %j', (input, expected) => {
    expect(readableLatex(input)).toBe(expected);
  });
});

describe('firstSentence', () => {
  it('GIVEN an abstract THEN only its first sentence is kept', () => {
    expect(firstSentence('We propose X. It works well. Really.')).toBe('We propose X.');
  });
  it('GIVEN an abbreviation followed by a lower-case word THEN the sentence goes on', () => {
    expect(firstSentence('Models, e.g. transformers, learn. Then more.')).toBe('Models, e.g. transformers, learn.');
  });
  it('GIVEN long texts whose first sentence ends early, late, across whitespace runs or never THEN it is the first sentence of the whole text', () => {
    // What firstSentence must equal: the rule applied to the whole text at once.
    const wholeText = (text: string, max: number) =>
      truncate(/^(.+?[.!?])\s+(?=[A-Z0-9"(])/.exec(text.replace(/\s+/g, ' ').trim())?.[1] ?? text.replace(/\s+/g, ' ').trim(), max);
    const piece = fc.constantFrom('word', 'Word', 'e.g.', '.', '!', '?', ' ', '   ', '\n\n', '\t', 'A', '9', '"', '(', 'é', '😀', '. ');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 250, maxLength: 900, size: 'max' }), fc.integer({ min: 20, max: 500 }), (pieces, max) => {
        const text = pieces.join('');
        expect(firstSentence(text, max)).toBe(wholeText(text, max));
      }),
      { numRuns: 2_000, seed: 3 },
    );
  });
  it('GIVEN a text with no sentence end THEN it is cut to the limit', () => {
    expect(Array.from(firstSentence('word '.repeat(200), 50)).length).toBeLessThanOrEqual(50);
  });
});

describe('truncate', () => {
  it('GIVEN a short text THEN it is unchanged', () => expect(truncate('short', 10)).toBe('short'));
  it('GIVEN a long text THEN it is cut on a word boundary with an ellipsis within the limit', () => {
    const cut = truncate('the quick brown fox jumps over the lazy dog', 20);
    expect(cut.endsWith('…')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(20);
  });
  it('GIVEN emoji THEN it never splits a surrogate pair', () => {
    const cut = truncate('😀'.repeat(30), 10);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('authorsLine', () => {
  it('GIVEN three or fewer authors THEN all are listed', () => expect(authorsLine(['A', 'B', 'C'])).toBe('A, B, C'));
  it('GIVEN more than three THEN the first three and et al.', () => expect(authorsLine(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.'));
  it('GIVEN none THEN an empty string', () => expect(authorsLine([])).toBe(''));
});
