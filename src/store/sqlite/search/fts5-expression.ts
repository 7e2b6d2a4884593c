/**
 * Reads the FTS5 MATCH expressions that `compileMatch` writes (quoted strings, AND, OR, parentheses and
 * `authors : "…"`) back into a tree, so the impact index can evaluate them. Anything else is not ours:
 * `parseMatch` returns null and the caller lets FTS5 answer.
 */

/** `papers_fts` column order (migrations/0001_fts.sql). */
export const FTS_COLUMNS = ['title', 'abstract', 'authors', 'ai_keywords'] as const;

/** One quoted string: FTS5 numbers phrases left to right, and bm25() sums over them in that order. */
export interface MatchPhrase {
  kind: 'phrase';
  index: number;
  text: string;
  /** Column index the phrase is restricted to, or null for any column. */
  column: number | null;
}

/** A node of a MATCH expression. */
export type MatchNode = MatchPhrase | { kind: 'and' | 'or'; children: MatchNode[] };

/** A parsed expression and its phrases in FTS5's order. */
export interface ParsedMatch {
  root: MatchNode;
  phrases: MatchPhrase[];
}

type Token = { t: 'str'; v: string } | { t: '(' | ')' | 'AND' | 'OR' | ':' } | { t: 'col'; v: number };

function lex(expression: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i] as string;
    if (c === ' ') i += 1;
    else if (c === '(' || c === ')' || c === ':') {
      out.push({ t: c });
      i += 1;
    } else if (c === '"') {
      let value = '';
      for (i += 1; i < expression.length; i += 1) {
        if (expression[i] === '"') {
          if (expression[i + 1] !== '"') break;
          i += 1;
        }
        value += expression[i];
      }
      if (i >= expression.length) return null;
      out.push({ t: 'str', v: value });
      i += 1;
    } else {
      const word = /^[A-Za-z_]+/.exec(expression.slice(i))?.[0];
      if (!word) return null;
      const column = FTS_COLUMNS.indexOf(word as (typeof FTS_COLUMNS)[number]);
      if (word === 'AND' || word === 'OR') out.push({ t: word });
      else if (column >= 0) out.push({ t: 'col', v: column });
      else return null;
      i += word.length;
    }
  }
  return out;
}

/** Parses `expression`; null when it uses anything compileMatch never writes (NOT, NEAR, prefixes, `^`). */
export function parseMatch(expression: string): ParsedMatch | null {
  const lexed = lex(expression);
  if (!lexed) return null;
  const tokens: Token[] = lexed;
  const phrases: MatchPhrase[] = [];
  let pos = 0;
  const peek = () => tokens[pos];

  /** `item (operator item)*`: one node, or the operator's node over all of them. */
  function sequence(kind: 'and' | 'or', item: () => MatchNode | null): MatchNode | null {
    const children: MatchNode[] = [];
    for (;;) {
      const child = item();
      if (!child) return null;
      children.push(child);
      if (peek()?.t !== kind.toUpperCase()) break;
      pos += 1;
    }
    return children.length === 1 ? (children[0] as MatchNode) : { kind, children };
  }
  // FTS5 precedence: AND binds tighter than OR.
  const or = (): MatchNode | null => sequence('or', and);
  const and = (): MatchNode | null => sequence('and', primary);
  function primary(): MatchNode | null {
    const token = tokens[pos++];
    if (!token) return null;
    if (token.t === '(') {
      const inner = or();
      return tokens[pos++]?.t === ')' ? inner : null;
    }
    let column: number | null = null;
    let string = token;
    if (token.t === 'col') {
      if (tokens[pos++]?.t !== ':') return null;
      column = token.v;
      string = tokens[pos++] ?? token;
    }
    if (string.t !== 'str') return null;
    const phrase: MatchPhrase = { kind: 'phrase', index: phrases.length, text: string.v, column };
    phrases.push(phrase);
    return phrase;
  }

  const root = or();
  return root && pos === tokens.length ? { root, phrases } : null;
}
