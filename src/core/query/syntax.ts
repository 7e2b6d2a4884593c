/** The shapes, limits and error of the query language (docs/architecture.md §6), shared by its parser, compiler and formatter. */
import { UserError } from '../errors.ts';

/** One searchable word or `"exact phrase"`: NFKC, lower-cased; a phrase's words joined by single spaces. */
export interface QueryTerm {
  kind: 'word' | 'phrase';
  text: string;
}

/**
 * What the store matches, after parsing and acronym expansion: a tree of phrases under AND and OR. A phrase is a
 * word or an exact phrase (its words in order), searched in every field or only in the authors. The store turns
 * the tree into its own engine's syntax (src/store/sqlite/search/fts5-expression.ts for SQLite); user text is
 * only ever a phrase's `text`, never syntax.
 */
export type TextQuery = TextPhrase | TextAll | TextAny;

/** One word or exact phrase; `field` null searches title, abstract, authors and keywords. */
export interface TextPhrase {
  kind: 'phrase';
  text: string;
  field: 'authors' | null;
}

/** Every child must match. */
export interface TextAll {
  kind: 'and';
  children: TextQuery[];
}

/** At least one child must match. */
export interface TextAny {
  kind: 'or';
  children: TextQuery[];
}

/** `since:` as typed: a number of days back, or a calendar date `YYYY-MM-DD` (UTC). */
export type SinceSpec = { kind: 'relative'; days: number } | { kind: 'date'; date: string };

/** A parsed query: an AND of OR-groups of terms, exclusions and filters. */
export interface ParsedQuery {
  /** AND of OR-groups; each inner array holds the alternatives, in typed order. */
  groups: QueryTerm[][];
  excluded: QueryTerm[];
  /** Each an AND filter on the authors column; lower-cased words joined by single spaces. */
  authors: string[];
  /** arXiv categories in their official spelling (`cs.LG`, `hep-th`); compare case-insensitively. */
  categories: string[];
  /** Organizations, lower-cased words joined by single spaces. */
  orgs: string[];
  since: SinceSpec | null;
}

/** Longest search query, in characters. */
export const MAX_QUERY_LENGTH = 300;
/** Longest channel topic, in characters. */
export const MAX_TOPIC_LENGTH = 200;

/** Caps on one query, so a pasted paragraph cannot build an absurd FTS5 expression. */
export const QUERY_LIMITS = {
  /** Words and phrases, counting every OR alternative and every exclusion. */
  maxTerms: 32,
  /** author:, cat: and org: filters together. */
  maxFilters: 10,
} as const;

/** The query language in a few lines, shown under every syntax error and in help. */
export const QUERY_GRAMMAR = [
  'How to write a query:',
  '  diffusion models     papers with both words',
  '  "flow matching"      the exact phrase',
  '  diffusion OR flow    either word',
  '  -survey  -"a b"      leave these out',
  '  author:"Yann LeCun"  by this author (author:lecun)',
  '  cat:cs.LG            in this arXiv category',
  '  org:nvidia           from this organization (its handle or name)',
  '  since:7d             newer than 7d, 2w, 3m or 2025-01-01 (searches only)',
  'Acronyms such as RL, MCTS or LLM also find their long forms.',
].join('\n');

/** A query the user must fix; the message names the problem, then shows {@link QUERY_GRAMMAR}. */
export class QuerySyntaxError extends UserError {
  /** The problem alone, without the grammar, for places that show the grammar elsewhere. */
  readonly problem: string;

  constructor(problem: string) {
    super(`${problem}\n\n${QUERY_GRAMMAR}`, 'bad_input');
    this.name = 'QuerySyntaxError';
    this.problem = problem;
  }
}
