/**
 * PostgreSQL full-text search over FTS5's terms. A paper's `tsvector` is built from the terms SQLite's FTS5 would
 * index (search/fts5-tokenize.ts), each column under its own weight label (title A, keywords B, authors C,
 * abstract D), and a query's `tsquery` from the same tokenizer: every lexeme is written quoted, so nothing a user
 * types is ever tsquery syntax, and both sides agree on what a word is.
 */
import type { MatchNode, MatchPhrase } from '../../search/match-tree.ts';

/** Weight labels by column, in `papers_fts` order (title, abstract, authors, keywords). */
const LABELS = ['A', 'D', 'C', 'B'] as const;

/** ts_rank's weights in its own order {D, C, B, A}: the bm25 column weights (10, 1, 3, 5) scaled to at most 1. */
export const TS_RANK_WEIGHTS = '{0.1, 0.3, 0.5, 1.0}';

/** PostgreSQL keeps positions up to 16383; later tokens share the last one. */
const MAX_POSITION = 16_383;

/** Positions left empty between columns, so no phrase spans two. */
const COLUMN_GAP = 2;

/**
 * The longest lexeme kept (PostgreSQL refuses words over 2047 bytes): a longer term is cut to this many characters
 * on both sides, so it still matches itself; the exact frequencies come from the index's own terms.
 */
const MAX_LEXEME = 255;

/** A term as a quoted tsvector/tsquery lexeme: quotes and backslashes doubled, over-long terms cut. */
export function lexeme(term: string): string {
  const cut = term.length > MAX_LEXEME ? term.slice(0, MAX_LEXEME) : term;
  return `'${cut.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** The `tsvector` literal of a paper's terms, given column by column in `papers_fts` order (`lengths`). */
export function tsvectorOf(terms: readonly string[], lengths: readonly number[]): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  let position = 1;
  lengths.forEach((length, c) => {
    const label = LABELS[c] as string;
    for (const end = at + length; at < end; at += 1) {
      const key = lexeme(terms[at] as string);
      let list = positions.get(key);
      if (!list) positions.set(key, (list = []));
      list.push(`${Math.min(position, MAX_POSITION)}${label}`);
      position += 1;
    }
    position += COLUMN_GAP;
  });
  return [...positions].map(([key, list]) => `${key}:${list.join(',')}`).join(' ');
}

/** How phrases become tsquery: `phrase` keeps word order (`<->`); `all` only asks for every word (a superset). */
export type PhraseMode = 'phrase' | 'all';

/** One phrase's terms as a tsquery, or null when it has none (FTS5: an empty phrase matches nothing). */
export function phraseQuery(terms: readonly string[], column: number | null, mode: PhraseMode): string | null {
  if (terms.length === 0) return null;
  const label = column === null ? '' : `:${LABELS[column] as string}`;
  const parts = terms.map((term) => `${lexeme(term)}${label}`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(mode === 'phrase' ? ' <-> ' : ' & ')})`;
}

/**
 * The tsquery of a match tree whose phrases are tokenized (`terms[phrase.index]`); null when it can match nothing
 * (an AND with an empty phrase; an OR of only empty ones).
 */
export function tsqueryOf(node: MatchNode, terms: ReadonlyArray<readonly string[]>, mode: PhraseMode): string | null {
  if (node.kind === 'phrase') return phraseQuery(terms[(node as MatchPhrase).index] ?? [], (node as MatchPhrase).column, mode);
  const parts = node.children.map((child) => tsqueryOf(child, terms, mode));
  if (node.kind === 'and') return parts.some((p) => p === null) ? null : `(${parts.join(' & ')})`;
  const kept = parts.filter((p): p is string => p !== null);
  return kept.length === 0 ? null : `(${kept.join(' | ')})`;
}
