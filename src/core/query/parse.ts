/** parseQuery: query or topic text → ParsedQuery, with every problem reported as a QuerySyntaxError. */
import { canonicalCategory } from './categories.ts';
import { lex, type FieldName, type Lexeme } from './lexer.ts';
import { parseSince, quoteValue } from './since.ts';
import { MAX_QUERY_LENGTH, QUERY_LIMITS, QuerySyntaxError, type ParsedQuery, type QueryTerm } from './syntax.ts';
import { canonicalWords, cleanInput } from './text.ts';

/** Options of {@link parseQuery}. */
export interface ParseOptions {
  /** False for channel topics, where `since:` is an error. Default true. */
  allowSince?: boolean;
  /** Default {@link MAX_QUERY_LENGTH}; topics pass MAX_TOPIC_LENGTH. */
  maxLength?: number;
  /** When given, a `since:` date after this day is an error. */
  now?: Date;
}

const NAME_EXAMPLES: Record<'author' | 'org', string> = {
  author: 'author:lecun or author:"Yann LeCun"',
  org: 'org:nvidia or org:"Google DeepMind"',
};

/** The form author: and org: values take (`Google  DeepMind,` → `google deepmind`); stores compare names in it. */
export function normalizeName(text: string): string {
  return canonicalWords(text).join(' ');
}

/** The term a word or phrase lexeme stands for, or null when nothing searchable is left (`***`, `;`). */
function toTerm(lexeme: { type: 'word' | 'phrase'; raw: string }): QueryTerm | null {
  const words = canonicalWords(lexeme.raw);
  if (words.length === 0) return null;
  // A "word" can only hold several words if NFKC turned a character into a space; it is a phrase then.
  const kind = lexeme.type === 'phrase' || words.length > 1 ? 'phrase' : 'word';
  return { kind, text: words.join(' ') };
}

function termKey(term: QueryTerm): string {
  return `${term.kind}:${term.text}`;
}

function pushUnique<T>(list: T[], item: T, key: (x: T) => string): void {
  if (!list.some((x) => key(x) === key(item))) list.push(item);
}

function describeLexeme(lexeme: Lexeme): string {
  if (lexeme.type === 'field') return `${lexeme.name}:`;
  if (lexeme.type === 'or') return 'OR';
  return lexeme.type === 'phrase' ? `-"${lexeme.raw}"` : `-${lexeme.raw}`;
}

const orError = (lexeme: Lexeme): QuerySyntaxError =>
  new QuerySyntaxError(`OR joins words and phrases only; ${quoteValue(describeLexeme(lexeme))} cannot be one of its alternatives.`);

/** Accumulates lexemes into a ParsedQuery; OR binds tighter than the implicit AND. */
class Builder {
  readonly query: ParsedQuery = { groups: [], excluded: [], authors: [], categories: [], orgs: [], since: null };
  private previous: 'none' | 'term' | 'other' = 'none';
  private orPending = false;
  private last: Lexeme | null = null;

  constructor(private readonly options: Required<Pick<ParseOptions, 'allowSince'>> & ParseOptions) {}

  add(lexeme: Lexeme): void {
    if (lexeme.type === 'or') {
      // A leading, trailing or doubled OR has nothing to join and is ignored.
      if (this.previous !== 'none') this.orPending = true;
      return;
    }
    if (lexeme.type === 'field') {
      this.checkOr(lexeme, false);
      this.addField(lexeme.name, lexeme.value, lexeme.negated);
    } else {
      const term = toTerm(lexeme);
      if (!term) return; // invisible, as if never typed: `a OR *** OR b` is `a OR b`
      this.checkOr(lexeme, !lexeme.negated);
      if (!lexeme.negated) {
        this.addTerm(term);
        return;
      }
      pushUnique(this.query.excluded, term, termKey);
    }
    this.previous = 'other';
    this.last = lexeme;
    this.orPending = false;
  }

  /** An OR between two words or phrases joins them; next to a filter or exclusion it cannot mean anything we do. */
  private checkOr(lexeme: Lexeme, positive: boolean): void {
    if (!this.orPending) return;
    if (this.previous === 'other' && this.last) throw orError(this.last);
    if (!positive) throw orError(lexeme);
  }

  private addTerm(term: QueryTerm): void {
    const last = this.query.groups[this.query.groups.length - 1];
    if (this.orPending && this.previous === 'term' && last) pushUnique(last, term, termKey);
    else this.query.groups.push([term]);
    this.previous = 'term';
    this.orPending = false;
  }

  private addField(name: FieldName, value: string, negated: boolean): void {
    if (negated) {
      throw new QuerySyntaxError(`-${name}: is not supported; leaving out works for words and phrases (-survey, -"large language").`);
    }
    if (name === 'since') return this.addSince(value);
    if (name === 'cat') return pushUnique(this.query.categories, canonicalCategory(value.trim()), (c) => c);
    const text = normalizeName(value);
    if (text === '') throw new QuerySyntaxError(`${name}: needs a name, e.g. ${NAME_EXAMPLES[name]}.`);
    pushUnique(name === 'author' ? this.query.authors : this.query.orgs, text, (x) => x);
  }

  private addSince(value: string): void {
    if (!this.options.allowSince)
      throw new QuerySyntaxError('since: only works in searches; a topic always follows new papers, so leave it out.');
    const since = parseSince(value, this.options.now);
    if (this.query.since) throw new QuerySyntaxError('since: appears twice; give it once.');
    this.query.since = since;
  }
}

/** Drops OR-groups that repeat an earlier one with the same alternatives. */
function uniqueGroups(groups: QueryTerm[][]): QueryTerm[][] {
  const seen = new Set<string>();
  return groups.filter((group) => {
    const key = group.map(termKey).sort().join('\n');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkLimits(query: ParsedQuery): void {
  const terms = query.groups.reduce((n, g) => n + g.length, 0) + query.excluded.length;
  if (terms > QUERY_LIMITS.maxTerms) {
    throw new QuerySyntaxError(
      `The query has ${terms} words and phrases; the limit is ${QUERY_LIMITS.maxTerms}. Keep the ones that matter most.`,
    );
  }
  const filters = query.authors.length + query.categories.length + query.orgs.length;
  if (filters > QUERY_LIMITS.maxFilters) {
    throw new QuerySyntaxError(`The query has ${filters} author:, cat: and org: filters; the limit is ${QUERY_LIMITS.maxFilters}.`);
  }
  const empty = query.groups.length + query.excluded.length + filters === 0 && query.since === null;
  if (empty) throw new QuerySyntaxError('There is nothing to search for: give some words, a "phrase" or a filter such as cat:cs.LG.');
}

/** Parses query or topic text (docs/architecture.md §6); throws only QuerySyntaxError. */
export function parseQuery(text: string, options?: ParseOptions): ParsedQuery {
  const maxLength = options?.maxLength ?? MAX_QUERY_LENGTH;
  const length = Array.from(text.trim()).length;
  if (length > maxLength) throw new QuerySyntaxError(`The query is too long: ${length} characters, and the limit is ${maxLength}.`);
  const builder = new Builder({ ...options, allowSince: options?.allowSince ?? true });
  for (const lexeme of lex(cleanInput(text))) builder.add(lexeme);
  const query = { ...builder.query, groups: uniqueGroups(builder.query.groups) };
  checkLimits(query);
  return query;
}
