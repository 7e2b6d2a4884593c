/**
 * The core's typed query (TextQuery) as the FTS5 MATCH expression FTS5 runs (its phrases numbered the same way as
 * search/match-tree.ts numbers them). Every phrase becomes an FTS5 string with `"` doubled, so no user text can ever
 * be FTS5 syntax; operators, parentheses and the `authors` column filter are ours.
 */
import type { TextQuery } from '../../../core/query/index.ts';

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
