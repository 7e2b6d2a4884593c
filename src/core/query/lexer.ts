/**
 * Splits cleaned query text into lexemes: terms, `field:value` filters and `OR`. Forgiving by design:
 * an unbalanced quote runs to the end, a lone `-` and uppercase `AND` are ignored, `NOT x` is `-x`.
 */
import { trimEdges, trimStart } from './text.ts';

/** The filters the language knows; any other `name:value` is ordinary text. */
export type FieldName = 'author' | 'cat' | 'org' | 'since';

/** One unit of query text, before cleaning and validation. */
export type Lexeme =
  | { type: 'word' | 'phrase'; raw: string; negated: boolean }
  | { type: 'field'; name: FieldName; value: string; negated: boolean }
  | { type: 'or' };

const FIELD = /^(author|cat|org|since):/i;
// Phone keyboards and word processors turn `-` into a dash; a dash in front of a word means the same.
const DASHES = new Set(['-', '‐', '‒', '−', '–', '—']);

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/u.test(ch);
}

/** Reads a quoted run starting after the opening quote at `start`: its text and the index after it. */
function readQuoted(s: string, start: number): [string, number] {
  const end = s.indexOf('"', start);
  return end < 0 ? [s.slice(start), s.length] : [s.slice(start, end), end + 1];
}

/** Splits cleaned query text (see `cleanInput`) into lexemes, in typed order. */
export function lex(s: string): Lexeme[] {
  const out: Lexeme[] = [];
  let notPending = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (isSpace(ch)) {
      i += 1;
      continue;
    }
    let dashed = false;
    if (DASHES.has(ch)) {
      i += 1;
      if (i >= s.length || isSpace(s[i])) continue;
      dashed = true;
    }
    const negated = dashed || notPending;
    notPending = false;
    if (s[i] === '"') {
      const [raw, next] = readQuoted(s, i + 1);
      i = next;
      out.push({ type: 'phrase', raw, negated });
      continue;
    }
    let end = i;
    while (end < s.length && !isSpace(s[end]) && s[end] !== '"') end += 1;
    const token = s.slice(i, end);
    i = end;
    if (!dashed && token === 'OR') out.push({ type: 'or' });
    else if (!dashed && token === 'AND') continue;
    else if (!dashed && token === 'NOT') notPending = true;
    else {
      // Leading punctuation is skipped the same way a word's is trimmed, so `(cat:cs.LG` is a filter
      // and no word can ever start with `cat:` (normalizeQuery relies on that).
      const stripped = trimStart(token);
      const field = FIELD.exec(stripped);
      if (!field) {
        out.push({ type: 'word', raw: token, negated });
        continue;
      }
      let value = stripped.slice(field[0].length);
      if (value === '' && s[i] === '"') [value, i] = readQuoted(s, i + 1);
      else value = trimEdges(value);
      out.push({ type: 'field', name: (field[1] as string).toLowerCase() as FieldName, value, negated });
    }
  }
  return out;
}
