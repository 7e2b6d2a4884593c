/**
 * Character-level helpers of the query language: the canonical form of typed text and an
 * approximation of what FTS5's `unicode61` tokenizer keeps, so a term that would tokenize to nothing
 * is dropped before it can reach FTS5 (an empty phrase ANDed in would match no paper at all).
 */

// unicode61's default token characters are the categories L*, N* and Co; everything else separates.
const TOKEN_CLASS = '\\p{L}\\p{N}\\p{Co}';
const TOKEN_CHAR = new RegExp(`[${TOKEN_CLASS}]`, 'u');
const NON_TOKEN_RUN = new RegExp(`[^${TOKEN_CLASS}]+`, 'u');
const LEADING_NON_TOKEN = new RegExp(`^[^${TOKEN_CLASS}]+`, 'u');
const EDGE_NON_TOKEN = new RegExp(`^[^${TOKEN_CLASS}]+|[^${TOKEN_CLASS}]+$`, 'gu');
// NUL ends an FTS5 string early ("unterminated string"); other controls, format characters and lone
// surrogates are invisible noise from copy-paste. All of them become spaces.
const INVISIBLE = /[\p{Cc}\p{Cs}]/gu;
const FORMAT = /\p{Cf}/gu;
const DOUBLE_QUOTES = /[“”„‟«»〝〞]/g;
const SINGLE_QUOTES = /[‘’‚‛]/g;

/** Typed text made comparable: NFKC, curly quotes straight, controls spaces, format characters gone. */
export function cleanInput(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, ' ').replace(FORMAT, '').replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'");
}

/** Lower-cased NFKC text, repeated to a fixed point because lower-casing can undo NFKC and back. */
export function fold(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round += 1) {
    const next = current.normalize('NFKC').toLowerCase().replace(INVISIBLE, ' ').replace(FORMAT, '');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** True when the tokenizer keeps at least one character of `text`. */
export function hasTokenChar(text: string): boolean {
  return TOKEN_CHAR.test(text);
}

/** `text` without separator characters at its start: `(cat:cs.LG` → `cat:cs.LG`. */
export function trimStart(text: string): string {
  return text.replace(LEADING_NON_TOKEN, '');
}

/** `text` without separator characters at either end: `(diffusion,` → `diffusion`, `ReST-MCTS*` → `ReST-MCTS`. */
export function trimEdges(text: string): string {
  return text.replace(EDGE_NON_TOKEN, '');
}

/**
 * The canonical words of free text: folded, split on whitespace, each trimmed of separators at its
 * edges; words with nothing left are dropped.
 */
export function canonicalWords(text: string): string[] {
  return fold(text)
    .split(/\s+/u)
    .map(trimEdges)
    .filter((w) => w.length > 0);
}

/** The tokens unicode61 would see, lower-cased and without diacritics: `Monte-Carlo` → `monte`, `carlo`. */
export function tokens(text: string): string[] {
  return fold(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(NON_TOKEN_RUN)
    .filter((t) => t.length > 0);
}

/** A token reduced to its singular for matching long forms: `models` → `model`; `process`, `analysis` stay. */
export function singular(token: string): string {
  return token.length > 3 && token.endsWith('s') && !/(?:ss|us|is)$/.test(token) ? token.slice(0, -1) : token;
}

/** A key that equal-meaning spellings share: `Monte-Carlo Tree Search` and `monte carlo tree search` alike. */
export function phraseKey(text: string): string {
  return tokens(text).map(singular).join(' ');
}
