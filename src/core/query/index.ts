/**
 * The query language shared by `/papers search` and channel topics: parse, compile to the typed tree the store
 * matches (TextQuery), normalize, describe. Import from here; the files beside it are its parts.
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
  type TextAll,
  type TextAny,
  type TextPhrase,
  type TextQuery,
} from './syntax.ts';
export { normalizeName, parseQuery, type ParseOptions } from './parse.ts';
export { parseSince, sinceToDate } from './since.ts';
export { compileQuery, type CompiledQuery, type CompileOptions } from './compile.ts';
export { describeQuery, normalizeQuery } from './format.ts';
export { compileTopic, type CompiledTopic } from './topic.ts';
export { arxivTaxonomyTerm } from './categories.ts';
