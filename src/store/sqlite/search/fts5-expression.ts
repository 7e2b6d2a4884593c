/**
 * The core's typed query (TextQuery) in FTS5's terms: the MATCH expression FTS5 runs, and the same tree with its
 * phrases numbered as FTS5 numbers them, for the search index and excerpts that compute what FTS5 would. Every
 * phrase becomes an FTS5 string with `"` doubled, so no user text can ever be FTS5 syntax; operators,
 * parentheses and the `authors` column filter are ours.
 */
import type { TextQuery } from '../../../core/query/index.ts';

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

/** An expression's tree and its phrases in FTS5's order. */
export interface ParsedMatch {
  root: MatchNode;
  phrases: MatchPhrase[];
}

/** `text` as an FTS5 string: everything inside is data. */
function ftsString(text: string): string {
  // FTS5 reads its input up to a NUL, which would leave the string unterminated; the parser already removes
  // controls, this keeps hand-built queries just as safe.
  return `"${text.replace(/\p{Cc}/gu, ' ').replaceAll('"', '""')}"`;
}

/** The FTS5 MATCH expression of `query`; nested operators are bracketed (FTS5's AND binds tighter than OR). */
export function fts5Expression(query: TextQuery, nested = false): string {
  if (query.kind === 'phrase') return query.field === null ? ftsString(query.text) : `${query.field} : ${ftsString(query.text)}`;
  const inner = query.children.map((child) => fts5Expression(child, true)).join(query.kind === 'and' ? ' AND ' : ' OR ');
  return nested && query.children.length > 1 ? `(${inner})` : inner;
}

/** `query` with its phrases numbered left to right, as FTS5 numbers the phrases of {@link fts5Expression}. */
export function matchTree(query: TextQuery): ParsedMatch {
  const phrases: MatchPhrase[] = [];
  const visit = (node: TextQuery): MatchNode => {
    if (node.kind !== 'phrase') return { kind: node.kind, children: node.children.map(visit) };
    const phrase: MatchPhrase = {
      kind: 'phrase',
      index: phrases.length,
      text: node.text,
      column: node.field === null ? null : FTS_COLUMNS.indexOf(node.field),
    };
    phrases.push(phrase);
    return phrase;
  };
  return { root: visit(query), phrases };
}
