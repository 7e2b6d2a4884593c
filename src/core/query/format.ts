/** ParsedQuery → text: the canonical form that identifies a topic, and a short form for reason lines. */
import { formatSince } from './since.ts';
import type { ParsedQuery, QueryTerm } from './syntax.ts';
import { truncate } from '../text.ts';

/** Longest description in a reason line; past it the description is cut with `…`. */
const MAX_DESCRIPTION = 100;

// Term texts never hold a `"` and words never start with `-`, a quote or `field:` (the parser sees to
// it), so this text parses back to the same terms.
function termText(term: QueryTerm): string {
  return term.kind === 'phrase' ? `"${term.text}"` : term.text;
}

function groupText(group: QueryTerm[]): string {
  return group.map(termText).join(' OR ');
}

function filterText(name: string, value: string): string {
  return /\s/u.test(value) ? `${name}:"${value}"` : `${name}:${value}`;
}

function byText<T>(text: (x: T) => string): (a: T, b: T) => number {
  // Code-unit order, not localeCompare: the canonical form must not depend on the ICU build.
  return (a, b) => {
    const [x, y] = [text(a), text(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** The query with alternatives, groups, exclusions and filters in canonical (sorted) order. */
export function canonicalQuery(query: ParsedQuery): ParsedQuery {
  return {
    groups: query.groups.map((g) => [...g].sort(byText(termText))).sort(byText(groupText)),
    excluded: [...query.excluded].sort(byText(termText)),
    authors: [...query.authors].sort(byText((x) => x)),
    categories: [...query.categories].sort(byText((x) => x)),
    orgs: [...query.orgs].sort(byText((x) => x)),
    since: query.since,
  };
}

function format(query: ParsedQuery): string {
  return [
    ...query.groups.map(groupText),
    ...query.excluded.map((t) => `-${termText(t)}`),
    ...query.authors.map((a) => filterText('author', a)),
    ...query.categories.map((c) => `cat:${c}`),
    ...query.orgs.map((o) => filterText('org', o)),
    ...(query.since ? [formatSince(query.since)] : []),
  ].join(' ');
}

/**
 * The canonical text of a query: equal for queries that differ only in case, spacing, quotes style or
 * order, and parsing it gives {@link canonicalQuery} of the query back.
 */
export function normalizeQuery(query: ParsedQuery): string {
  return format(canonicalQuery(query));
}

/** A short human form in typed order for reason lines: `diffusion models`, `author:"yann lecun"`. */
export function describeQuery(query: ParsedQuery): string {
  return truncate(format(query), MAX_DESCRIPTION);
}
