/**
 * FTS5's `snippet()` (ext/fts5/fts5_aux.c), reproduced for ASCII text from the row's column texts and the MATCH
 * expression, so a search hit's excerpt costs a primary-key read instead of FTS5 seeking every phrase's doclist to
 * the row (~0.1 ms a hit at 10k papers, most of a common-term query). The output is byte-for-byte FTS5's: the same
 * window (best-scoring run of tokens, nudged to a sentence start), the same highlighting of coalesced phrase
 * instances, the same ellipses. Text this tokenizer cannot handle exactly (any non-ASCII character) returns null,
 * and the caller asks FTS5. test/store/sqlite/search/fts5-snippet.test.ts compares both over real and generated papers.
 */
import type { TextQuery } from '../../core/query/index.ts';
import { FTS_COLUMNS, matchTree, type MatchNode, type MatchPhrase, type ParsedMatch } from './match-tree.ts';
import { TOKEN_CHAR, isAscii, stemToken } from './fts5-tokenize.ts';

/** snippet()'s arguments after the column: highlight marks, the ellipsis, the window in tokens. */
export interface SnippetFormat {
  open: string;
  close: string;
  ellipsis: string;
  tokens: number;
}

/** A search hit's excerpt of its abstract: `**matched**` words, about two lines of a chat message (28 tokens). */
export const ABSTRACT_SNIPPET: SnippetFormat = { open: '**', close: '**', ellipsis: '…', tokens: 28 };

/** papers_fts's column of the abstract, the column excerpts come from. */
export const ABSTRACT_COLUMN = 1;

/**
 * One column's tokens: where each starts and ends in the text, and its term, or null for a token that cannot be
 * any of the query's terms. Porter only rewrites a word's ending, so a term starts with its word's first letter
 * (lower-cased); words starting with another letter are not stemmed at all (most of an abstract).
 */
interface Tokens {
  count: number;
  terms: Array<string | null>;
  starts: Int32Array;
  ends: Int32Array;
}

/** A phrase instance in the snippet column: which phrase, at which token. */
interface Instance {
  phrase: number;
  at: number;
}

/**
 * unicode61 + porter over ASCII text, with offsets (bytes equal characters in ASCII). `firsts` marks the
 * lower-case first letters worth stemming (null: all).
 */
function tokenize(text: string, firsts: Uint8Array | null): Tokens {
  // Lower-casing ASCII keeps every offset; once per text instead of once per token.
  const lower = text.toLowerCase();
  const n = lower.length;
  // A token and its separator take two characters at least.
  const starts = new Int32Array((n >> 1) + 1);
  const ends = new Int32Array((n >> 1) + 1);
  const stemmed: number[] = [];
  let count = 0;
  let i = 0;
  for (;;) {
    while (i < n && TOKEN_CHAR[lower.charCodeAt(i)] !== 1) i += 1;
    if (i >= n) break;
    starts[count] = i;
    if (firsts === null || firsts[lower.charCodeAt(i)] === 1) stemmed.push(count);
    while (i < n && TOKEN_CHAR[lower.charCodeAt(i)] === 1) i += 1;
    ends[count] = i;
    count += 1;
  }
  const terms = new Array<string | null>(count).fill(null);
  for (const k of stemmed) terms[k] = stemToken(lower.slice(starts[k] as number, ends[k] as number));
  return { count, terms, starts, ends };
}

/** Token positions where `phrase` (its terms in a row) occurs in `terms`. */
function occurrences(terms: ReadonlyArray<string | null>, phrase: readonly string[]): number[] {
  const out: number[] = [];
  const last = terms.length - phrase.length;
  for (let at = 0; at <= last; at += 1) {
    let k = 0;
    while (k < phrase.length && terms[at + k] === phrase[k]) k += 1;
    if (k === phrase.length) out.push(at);
  }
  return out;
}

/**
 * Which phrases report instances for this row: FTS5 reads a phrase's positions only when its node sits on the
 * row, which is when the phrase and every expression above it match the row (a phrase under an OR branch that
 * failed, or under an AND missing a term, reports none even if its words occur).
 */
function reportedPhrases(root: MatchNode, phraseCount: number, occursIn: (phrase: MatchPhrase) => boolean): boolean[] | null {
  const reported = new Array<boolean>(phraseCount).fill(false);
  const memo = new Map<MatchNode, boolean>();
  const matches = (node: MatchNode): boolean => {
    let m = memo.get(node);
    if (m === undefined) {
      m = node.kind === 'phrase' ? occursIn(node) : node.kind === 'and' ? node.children.every(matches) : node.children.some(matches);
      memo.set(node, m);
    }
    return m;
  };
  const visit = (node: MatchNode) => {
    if (!matches(node)) return;
    if (node.kind === 'phrase') reported[node.index] = true;
    else node.children.forEach(visit);
  };
  // A row the expression does not match has no snippet (FTS5 returns no row); let FTS5 say so.
  if (!matches(root)) return null;
  visit(root);
  return reported;
}

/** The coalesced instances (overlapping phrase instances merged), in order: [start, end] token ranges. */
function coalesce(instances: readonly Instance[], sizes: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const { phrase, at } of instances) {
    const end = at + (sizes[phrase] as number) - 1;
    const current = out[out.length - 1];
    if (current && at <= current[1]) current[1] = Math.max(current[1], end);
    else out.push([at, end]);
  }
  return out;
}

/** Score of a window of `width` tokens from `from`: 1000 per distinct phrase in it, 1 per repeat; and where to centre it. */
function scoreWindow(
  instances: readonly Instance[],
  sizes: readonly number[],
  phraseCount: number,
  from: number,
  width: number,
  docSize: number,
): { score: number; start: number } {
  const seen = new Uint8Array(phraseCount);
  let score = 0;
  let first = -1;
  let last = 0;
  for (const { phrase, at } of instances) {
    if (at < from || at >= from + width) continue;
    score += seen[phrase] ? 1 : 1000;
    seen[phrase] = 1;
    if (first < 0) first = at;
    last = at + (sizes[phrase] as number);
  }
  let start = first - Math.trunc((width - (last - first)) / 2);
  if (start + width > docSize) start = docSize - width;
  return { score, start: Math.max(0, start) };
}

/** Sentence starts (token positions): the first token, and each token after a `.` or `:` and whitespace. */
function sentenceStarts(text: string, tokens: Tokens): number[] {
  const out: number[] = tokens.count > 0 ? [0] : [];
  for (let position = 1; position < tokens.count; position += 1) {
    const offset = tokens.starts[position] as number;
    let i = offset - 1;
    let c = text.charCodeAt(i);
    // space, tab, newline, carriage return
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt((i -= 1));
    // '.' or ':' after whitespace
    if (i !== offset - 1 && (c === 46 || c === 58)) out.push(position);
  }
  return out;
}

/** The best window's first token, as FTS5 chooses it. */
function bestStart(
  text: string,
  tokens: Tokens,
  instances: readonly Instance[],
  sizes: readonly number[],
  phraseCount: number,
  width: number,
): number {
  const docSize = tokens.count;
  const sentences = sentenceStarts(text, tokens);
  let bestScore = 0;
  let best = 0;
  for (const { at } of instances) {
    const centred = scoreWindow(instances, sizes, phraseCount, at, width, docSize);
    if (centred.score > bestScore) {
      bestScore = centred.score;
      best = centred.start;
    }
    if (sentences.length > 0 && docSize > width) {
      let j = 0;
      while (j < sentences.length - 1 && (sentences[j + 1] as number) <= at) j += 1;
      const sentence = sentences[j] as number;
      if (sentence < at) {
        const score = scoreWindow(instances, sizes, phraseCount, sentence, width, docSize).score + (sentence === 0 ? 120 : 100);
        if (score > bestScore) {
          bestScore = score;
          best = sentence;
        }
      }
    }
  }
  return best;
}

/** Writes the window [start, start + width) with its coalesced instances marked, as FTS5's highlighter does. */
function highlight(text: string, tokens: Tokens, ranges: Array<[number, number]>, start: number, format: SnippetFormat): string {
  const rangeEnd = start + format.tokens - 1;
  let out = start > 0 ? format.ellipsis : '';
  let copied = 0;
  let open = false;
  let r = 0;
  while (r < ranges.length && (ranges[r] as [number, number])[0] < start) r += 1;
  const phraseStart = () => (r < ranges.length ? (ranges[r] as [number, number])[0] : -1);
  const phraseEnd = () => (r < ranges.length ? (ranges[r] as [number, number])[1] : -1);
  for (let pos = start; pos <= rangeEnd && pos < tokens.count; pos += 1) {
    const tokenStart = tokens.starts[pos] as number;
    const tokenEnd = tokens.ends[pos] as number;
    if (pos === start && start > 0) copied = tokenStart;
    if (open && (pos <= phraseStart() || phraseStart() < 0) && tokenStart > copied) {
      out += format.close;
      open = false;
    }
    if (pos === phraseStart() && !open) {
      out += text.slice(copied, tokenStart) + format.open;
      copied = tokenStart;
      open = true;
    }
    if (pos === phraseEnd()) {
      if (!open) {
        out += format.open;
        open = true;
      }
      out += text.slice(copied, tokenEnd);
      copied = tokenEnd;
      r += 1;
    }
    if (pos === rangeEnd) {
      if (open) {
        if (phraseStart() >= 0 && pos >= phraseStart()) {
          out += text.slice(copied, tokenEnd);
          copied = tokenEnd;
        }
        out += format.close;
        open = false;
      }
      out += text.slice(copied, tokenEnd);
      copied = tokenEnd;
    }
  }
  if (open) out += format.close;
  return rangeEnd >= tokens.count - 1 ? out + text.slice(copied) : out + format.ellipsis;
}

/** A query ready for excerpts: its numbered tree, each phrase's terms, their first letters. */
interface ExcerptQuery {
  parsed: ParsedMatch;
  phraseTerms: string[][];
  sizes: number[];
  firsts: Uint8Array;
}

/** The last query prepared: a page of hits asks for ten excerpts of one query (the same object). */
let lastQuery: { text: TextQuery; query: ExcerptQuery | null } | null = null;

function excerptQuery(text: TextQuery): ExcerptQuery | null {
  if (lastQuery?.text === text) return lastQuery.query;
  const parsed = matchTree(text);
  let query: ExcerptQuery | null = null;
  if (parsed.phrases.every((p) => isAscii(p.text))) {
    const phraseTerms = parsed.phrases.map((p) => tokenize(p.text, null).terms as string[]);
    const firsts = new Uint8Array(128);
    for (const term of phraseTerms.flat()) firsts[term.charCodeAt(0)] = 1;
    if (phraseTerms.every((terms) => terms.length > 0))
      query = { parsed, phraseTerms, sizes: phraseTerms.map((terms) => terms.length), firsts };
  }
  lastQuery = { text, query };
  return query;
}

/**
 * `snippet(papers_fts, column, open, close, ellipsis, tokens)` for a row with these column texts (in `papers_fts`
 * order) and the MATCH expression of `text`; null when it cannot be reproduced exactly here (non-ASCII text, a
 * phrase that tokenizes to nothing, a row the expression does not match): ask FTS5 then.
 */
export function fts5Snippet(columns: readonly string[], text: TextQuery, column: number, format: SnippetFormat): string | null {
  if (columns.length !== FTS_COLUMNS.length || !columns.every(isAscii)) return null;
  const query = excerptQuery(text);
  if (!query) return null;
  const { parsed, phraseTerms, firsts, sizes } = query;

  // Each column is tokenized, and each phrase looked up in it, at most once; the snippet column first.
  const tokenized: Array<Tokens | undefined> = [];
  const tokensOf = (c: number): Tokens => (tokenized[c] ??= tokenize(columns[c] as string, firsts));
  const found = new Map<number, number[]>();
  const occurrencesIn = (c: number, phrase: number): number[] => {
    const key = phrase * FTS_COLUMNS.length + c;
    let at = found.get(key);
    if (!at) found.set(key, (at = occurrences(tokensOf(c).terms, phraseTerms[phrase] as string[])));
    return at;
  };
  const otherColumns = [0, 1, 2, 3].filter((c) => c !== column);
  const occursIn = (phrase: MatchPhrase): boolean =>
    phrase.column !== null
      ? occurrencesIn(phrase.column, phrase.index).length > 0
      : [column, ...otherColumns].some((c) => occurrencesIn(c, phrase.index).length > 0);
  const reported = reportedPhrases(parsed.root, parsed.phrases.length, occursIn);
  if (!reported) return null;

  // Instances in the snippet column, ordered by position, then phrase (FTS5's xInst order).
  const columnText = columns[column] as string;
  const tokens = tokensOf(column);
  const instances: Instance[] = [];
  parsed.phrases.forEach((phrase, i) => {
    if (!reported[i] || (phrase.column !== null && phrase.column !== column)) return;
    for (const at of occurrencesIn(column, i)) instances.push({ phrase: i, at });
  });
  instances.sort((a, b) => a.at - b.at || a.phrase - b.phrase);

  const start = bestStart(columnText, tokens, instances, sizes, parsed.phrases.length, format.tokens);
  return highlight(columnText, tokens, coalesce(instances, sizes), start, format);
}
