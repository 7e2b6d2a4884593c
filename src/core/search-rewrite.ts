/**
 * Query rewrites for natural-language searches: the relaxed any-word form (stop words dropped,
 * reflexives read as "self-") and the plain text sent to Hugging Face search.
 */
import type { ParsedQuery, QueryTerm } from './query/index.ts';

/** English function words that carry no topic; dropped only from the relaxed query, never from the strict one. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been being by can could do does for from has have how in into is it its of on or over ' +
    'that the their them then there these they this those through to under using via was we were what when where ' +
    'which while who why will with within without you your our about across after before between both each more ' +
    'most other some such than too very time times over way ways new approach method methods paper study towards toward'
  ).split(' '),
);

/** Reflexive phrasing ("improve themselves", "learn from their own outputs") names what ML papers call self-X. */
const REFLEXIVE = new Set(['themselves', 'itself', 'himself', 'herself', 'ourselves', 'own', 'yourself']);

function keep(term: QueryTerm): boolean {
  return term.kind === 'phrase' || !STOP_WORDS.has(term.text);
}

/**
 * The relaxed form of a query for the any-word fallback: stop words dropped, reflexive words replaced by
 * `self`. Null when relaxing would not change what an any-word search finds (one group or nothing left).
 */
export function relaxQuery(query: ParsedQuery): ParsedQuery | null {
  let reflexive = false;
  const groups: QueryTerm[][] = [];
  for (const group of query.groups) {
    if (group.some((t) => t.kind === 'word' && REFLEXIVE.has(t.text))) {
      reflexive = true;
      continue;
    }
    const kept = group.filter(keep);
    if (kept.length > 0) groups.push(kept);
  }
  if (reflexive) groups.push([{ kind: 'word', text: 'self' }]);
  // Adjacent content words ("own outputs") as phrases: papers that say the same thing in the same words rank up.
  for (const phrase of adjacentPairs(query)) groups.push([phrase]);
  if (groups.length === 0 || (groups.length === 1 && query.groups.length === 1)) return null;
  return { ...query, groups };
}

/** Phrases of two adjacent single-word groups of the query, neither a stop word. */
function adjacentPairs(query: ParsedQuery): QueryTerm[] {
  const words = query.groups.map((group) => (group.length === 1 && group[0]?.kind === 'word' ? group[0].text : null));
  const pairs: QueryTerm[] = [];
  for (let i = 0; i + 1 < words.length; i += 1) {
    const [a, b] = [words[i], words[i + 1]];
    if (a && b && !STOP_WORDS.has(a) && !STOP_WORDS.has(b)) pairs.push({ kind: 'phrase', text: `${a} ${b}` });
  }
  return pairs;
}

/** The words to send to Hugging Face search: each group's first alternative, filters left out. */
export function remoteQueryText(query: ParsedQuery): string {
  return query.groups
    .map((group) => group[0]?.text ?? '')
    .filter((text) => text !== '')
    .join(' ');
}
