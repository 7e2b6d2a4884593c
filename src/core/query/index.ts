/**
 * The query language shared by `/papers search` and channel topics (DESIGN §5): parse, compile to
 * FTS5, normalize, describe. Import from here; the query-*.ts files are its parts.
 *
 * Grammar: words are ANDed; `"exact phrase"`; `-word` / `-"phrase"` leave out; `a OR b` (uppercase;
 * binds tighter than the implicit AND); `author:lecun` / `author:"Yann LeCun"`; `cat:cs.LG`;
 * `org:nvidia`; `since:7d|2w|3m|2025-01-01` (searches only).
 */
export {
  MAX_QUERY_LENGTH,
  MAX_TOPIC_LENGTH,
  QUERY_GRAMMAR,
  QUERY_LIMITS,
  QuerySyntaxError,
  type ParsedQuery,
  type QueryTerm,
  type SinceSpec,
} from './syntax.ts';
export { normalizeName, parseQuery, type ParseOptions } from './parse.ts';
export { parseSince, sinceToDate } from './since.ts';
export { compileMatch, highlightTerms, type CompiledMatch, type CompileOptions } from './compile.ts';
export { describeQuery, normalizeQuery } from './format.ts';
