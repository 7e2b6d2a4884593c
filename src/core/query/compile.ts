/**
 * ParsedQuery → FTS5 MATCH expressions. Every term becomes an FTS5 string with `"` doubled, so no
 * user text can ever be FTS5 syntax; operators, parentheses and the `authors` column name are ours.
 */
import { LONG_FORMS, acronymFor, canonicalAcronym, expandAcronym } from './acronyms.ts';
import type { ParsedQuery, QueryTerm } from './syntax.ts';
import { fold, hasTokenChar, singular, tokens } from './text.ts';

/** The two MATCH expressions of a query; null when it has nothing of that kind. */
export interface CompiledMatch {
  /** Papers that match: the OR-groups ANDed (or ORed in `any` mode), author filters ANDed in. */
  match: string | null;
  /** Papers to leave out, as one OR-expression; apply as `doc_id NOT IN (… MATCH exclude)`. */
  exclude: string | null;
}

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

/** `text` as an FTS5 string: everything inside is data; a `"` is escaped by doubling it. */
function ftsString(text: string): string {
  // FTS5 reads its input up to a NUL, which would leave the string unterminated; parseQuery already
  // removes controls, this keeps hand-built queries just as safe.
  return `"${text.replace(/\p{Cc}/gu, ' ').replaceAll('"', '""')}"`;
}

/** Keeps only terms the tokenizer sees something in; an empty phrase ANDed in would match nothing. */
function searchable(groups: ExpandedGroup[]): ExpandedGroup[] {
  return groups
    .map((group) => group.map((all) => all.filter((t) => hasTokenChar(t.text))).filter((all) => all.length > 0))
    .filter((group) => group.length > 0);
}

function groupExpression(group: ExpandedGroup): string {
  const alternatives = group.map((all) => (all.length === 1 ? ftsString(all[0]?.text ?? '') : `(${all.map((t) => ftsString(t.text)).join(' AND ')})`));
  return alternatives.length === 1 ? (alternatives[0] ?? '') : `(${alternatives.join(' OR ')})`;
}

/** Options of {@link compileMatch}. */
export interface CompileOptions {
  /** Default true: `MCTS` also matches "Monte Carlo tree search" and back. */
  expandAcronyms?: boolean;
  /** `all` (default) ANDs the groups; `any` ORs them, for natural-language fallbacks. Authors stay ANDed. */
  mode?: 'all' | 'any';
}

/** Compiles a parsed query to FTS5 MATCH expressions that are never an FTS5 syntax error. */
export function compileMatch(query: ParsedQuery, options?: CompileOptions): CompiledMatch {
  const expand = options?.expandAcronyms ?? true;
  const groups = searchable(expand ? expandGroups(query.groups) : query.groups.map((g) => g.map((t) => [t])));
  const joiner = options?.mode === 'any' ? ' OR ' : ' AND ';
  const parts: string[] = [];
  if (groups.length > 0) {
    const terms = groups.map(groupExpression).join(joiner);
    // FTS5's AND binds tighter than OR, so an ORed list must be bracketed before an author is ANDed on.
    parts.push(joiner === ' OR ' && groups.length > 1 && query.authors.length > 0 ? `(${terms})` : terms);
  }
  for (const author of query.authors.filter(hasTokenChar)) parts.push(`authors : ${ftsString(author)}`);
  const excluded = (expand ? query.excluded.flatMap(expandTerm) : query.excluded).filter((t) => hasTokenChar(t.text));
  return {
    match: parts.length > 0 ? parts.join(' AND ') : null,
    exclude: excluded.length > 0 ? excluded.map((t) => ftsString(t.text)).join(' OR ') : null,
  };
}

// Glue words of long forms ("chain of thought"); marking every "of" in a snippet would be noise.
const STOPWORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Lower-cased words to mark in snippets: the query's words, their acronym forms, never excluded ones. */
export function highlightTerms(query: ParsedQuery): string[] {
  const words = new Set<string>();
  for (const group of expandGroups(query.groups)) {
    for (const term of group.flat()) {
      const acronym = term.kind === 'word' ? canonicalAcronym(term.text) : null;
      if (acronym) words.add(acronym.toLowerCase());
      for (const word of fold(term.text).split(/[^\p{L}\p{N}\p{Co}]+/u)) {
        if (word !== '' && !STOPWORDS.has(word)) words.add(word);
      }
    }
  }
  return [...words];
}
