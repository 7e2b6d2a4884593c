/**
 * ParsedQuery → the typed tree the store matches (TextQuery): acronyms expanded both ways, OR-groups and author
 * filters combined. The tree holds user text only as phrase text; each store writes its own engine's syntax.
 */
import { LONG_FORMS, acronymFor, expandAcronym } from './acronyms.ts';
import type { ParsedQuery, QueryTerm, TextPhrase, TextQuery } from './syntax.ts';
import { hasTokenChar, singular, tokens } from './text.ts';

/** One group after acronym expansion: alternatives, each a list of terms that must all match. */
export type ExpandedGroup = QueryTerm[][];

/** A term and the acronym forms that mean the same: `mcts` → `monte carlo tree search`, and back. */
function expandTerm(term: QueryTerm): QueryTerm[] {
  const out: QueryTerm[] = [term];
  if (term.kind === 'word') {
    for (const form of expandAcronym(term.text)) out.push({ kind: 'phrase', text: form });
  }
  // A quoted lone acronym stays literal: quoting is how a user asks for exactly `"RL"`.
  const acronym = tokens(term.text).length > 1 ? acronymFor(term.text) : null;
  if (acronym) out.push({ kind: 'word', text: acronym.toLowerCase() });
  return out;
}

/**
 * Finds long forms spelled out as separate words anywhere in the query (word order does not matter,
 * since the words are ANDed anyway) and gives each such set of groups the acronym as an alternative.
 */
function mergeLongForms(groups: QueryTerm[][]): Map<number, { members: number[]; acronym: string }> {
  const candidates = groups.flatMap((group, index) => {
    const term = group.length === 1 ? group[0] : undefined;
    if (!term || term.kind !== 'word' || expandTerm(term).length > 1) return [];
    return [{ index, keys: tokens(term.text).map(singular) }];
  });
  const used = new Set<number>();
  const merges = new Map<number, { members: number[]; acronym: string }>();
  const present = new Set(candidates.flatMap((c) => c.keys));
  for (const longForm of LONG_FORMS) {
    // Every word of the long form must be in the query: most long forms are ruled out here.
    if (!longForm.keyTokens.every((k) => present.has(k))) continue;
    const wanted = new Set(longForm.keyTokens);
    const members = candidates.filter((c) => !used.has(c.index) && c.keys.length > 0 && c.keys.every((k) => wanted.has(k)));
    const covered = new Set(members.flatMap((m) => m.keys));
    if (members.length === 0 || covered.size !== wanted.size) continue;
    members.forEach((m) => used.add(m.index));
    merges.set(members[0]?.index ?? 0, { members: members.map((m) => m.index), acronym: longForm.acronym.toLowerCase() });
  }
  return merges;
}

/** The query's groups with acronyms expanded both ways, in typed order. */
export function expandGroups(groups: QueryTerm[][]): ExpandedGroup[] {
  const merges = mergeLongForms(groups);
  const merged = new Set([...merges.values()].flatMap((m) => m.members));
  const out: ExpandedGroup[] = [];
  groups.forEach((group, index) => {
    const merge = merges.get(index);
    if (merge) {
      const words = merge.members.map((i) => groups[i]?.[0]).filter((t): t is QueryTerm => t !== undefined);
      out.push([words, [{ kind: 'word', text: merge.acronym }]]);
    } else if (!merged.has(index)) {
      out.push(group.flatMap(expandTerm).map((t) => [t]));
    }
  });
  return out;
}

/** Keeps only terms the tokenizer sees something in; an empty phrase ANDed in would match nothing. */
function searchable(groups: ExpandedGroup[]): ExpandedGroup[] {
  return groups
    .map((group) => group.map((all) => all.filter((t) => hasTokenChar(t.text))).filter((all) => all.length > 0))
    .filter((group) => group.length > 0);
}

const phrase = (text: string, field: TextPhrase['field'] = null): TextPhrase => ({ kind: 'phrase', text, field });

/** `kind` over `children`, or the one child itself. */
function node(kind: 'and' | 'or', children: TextQuery[]): TextQuery {
  return children.length === 1 ? (children[0] as TextQuery) : { kind, children };
}

/** A group: its alternatives ORed, each alternative's terms ANDed. */
function groupQuery(group: ExpandedGroup): TextQuery {
  return node(
    'or',
    group.map((all) =>
      node(
        'and',
        all.map((t) => phrase(t.text)),
      ),
    ),
  );
}

/** Options of {@link compileQuery}. */
export interface CompileOptions {
  /** Default true: `MCTS` also matches "Monte Carlo tree search" and back. */
  expandAcronyms?: boolean;
  /** `all` (default) ANDs the groups; `any` ORs them, for natural-language fallbacks. Authors stay ANDed. */
  mode?: 'all' | 'any';
}

/** What a query asks of the store: the text that must match and the text that leaves a paper out. */
export interface CompiledQuery {
  /** The OR-groups ANDed (ORed in `any` mode), author filters ANDed in; null = no text condition. */
  text: TextQuery | null;
  /** Papers matching any of these are left out; null = nothing excluded. */
  exclude: TextQuery | null;
}

/** The parsed query as the store's typed tree: acronyms expanded, terms the tokenizer would drop left out. */
export function compileQuery(query: ParsedQuery, options?: CompileOptions): CompiledQuery {
  const expand = options?.expandAcronyms ?? true;
  const groups = searchable(expand ? expandGroups(query.groups) : query.groups.map((g) => g.map((t) => [t])));
  const authors = query.authors.filter(hasTokenChar).map((author) => phrase(author, 'authors'));
  const terms = groups.map(groupQuery);
  // Authors are ANDed onto the terms: in `all` mode beside the groups, in `any` mode onto their OR as a whole.
  const parts = options?.mode === 'any' && terms.length > 0 ? [node('or', terms), ...authors] : [...terms, ...authors];
  const excluded = (expand ? query.excluded.flatMap(expandTerm) : query.excluded).filter((t) => hasTokenChar(t.text));
  return {
    text: parts.length > 0 ? node('and', parts) : null,
    exclude:
      excluded.length > 0
        ? node(
            'or',
            excluded.map((t) => phrase(t.text)),
          )
        : null,
  };
}
