/** Plain-text helpers shared by every renderer: readable LaTeX, first sentences, safe truncation. */

const LATEX_SYMBOLS: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  Omega: 'Ω',
  times: '×',
  cdot: '·',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  sim: '~',
  infty: '∞',
  pm: '±',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  in: '∈',
  ell: 'ℓ',
  log: 'log',
};

/** Characters every rewrite of readableLatex needs: without them only whitespace changes. */
const LATEX_OR_QUOTES = /[\\$~`']/;

/**
 * Makes LaTeX in titles and abstracts readable as plain text: `$O(n^2)$` → `O(n^2)`,
 * `\textbf{x}` → `x`, `\alpha` → `α`, `49.17\%` → `49.17%`, `~` → space.
 */
export function readableLatex(text: string): string {
  // Most titles and summaries have no LaTeX or quotes at all: then only the whitespace needs work.
  if (!LATEX_OR_QUOTES.test(text)) return text.replace(/\s+/g, ' ').trim();
  return text
    .replace(/\\(?:textbf|textit|emph|mathrm|mathbf|mathcal|mathbb|texttt|text|operatorname|textsc)\{([^{}]*)\}/g, '$1')
    .replace(/\\([A-Za-z]+)/g, (whole, name: string) => LATEX_SYMBOLS[name] ?? whole)
    .replace(/\\([%$&_#{}])/g, '$1')
    .replace(/\$\$?([^$]+?)\$\$?/g, '$1')
    .replace(/(\S)~(\S)/g, '$1 $2')
    .replace(/``|''/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence of a text (at most `max` characters), for one-line summaries. */
export function firstSentence(text: string, max = 300): string {
  // The first sentence usually ends early in an abstract: look in a prefix first. A sentence end found there is
  // the text's first one too (an earlier one would be in the prefix as well); none found, and the whole text decides.
  const head =
    text.length > SENTENCE_WINDOW ? /^(.+?[.!?])\s+(?=[A-Z0-9"(])/.exec(text.slice(0, SENTENCE_WINDOW).replace(/\s+/g, ' ').trim()) : null;
  if (head) return truncate(head[1] as string, max);
  const clean = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! ? followed by a space and a capital or digit; "e.g. the" does not end one.
  const m = /^(.+?[.!?])\s+(?=[A-Z0-9"(])/.exec(clean);
  return truncate(m?.[1] ?? clean, max);
}

/** How much of a text firstSentence looks at before it reads all of it. */
const SENTENCE_WINDOW = 600;

/** Cuts `text` to at most `max` characters on a word boundary, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, max).join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "A, B, C et al." for long author lists; empty string when there are none. */
export function authorsLine(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} et al.`;
}
