/**
 * The core's typed query (TextQuery) as both search engines evaluate it: the same tree with its phrases numbered left
 * to right, as FTS5 numbers the phrases of a MATCH expression (bm25() sums over them in that order), and each
 * phrase's column. SQLite writes it as FTS5 syntax (sqlite/search/fts5-expression.ts); PostgreSQL as a tsquery.
 */
import type { TextQuery } from '../../core/query/index.ts';

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
