/**
 * Tokenizes text into the terms `papers_fts` stores (`porter unicode61 remove_diacritics 2`). ASCII text is
 * tokenized here (fast: ingest and every query need it); text with any non-ASCII character goes through FTS5
 * itself, via a scratch FTS5 table with the same tokenizer, because unicode61's folding tables are not worth
 * re-implementing for the few papers that need them.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { porterStem } from './fts5-porter.ts';

/** The tokenizer of `papers_fts` (migrations/0001_fts.sql); the scratch table must use the same. */
export const FTS_TOKENIZE = 'porter unicode61 remove_diacritics 2';

/** True when every character is ASCII, so {@link asciiTerms} tokenizes it exactly as FTS5 would. */
export function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\u0000-\u007f]/.test(text);
}

/** Stems of recent tokens: word frequencies are Zipfian, so a small cache answers most of them. */
const stems = new Map<string, string>();
const STEM_CACHE_SIZE = 200_000;

/** The Porter stem of a lower-cased ASCII token, from the cache when it was seen recently. */
export function stemToken(token: string): string {
  let out = stems.get(token);
  if (out === undefined) {
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    out = porterStem(token);
    stems.set(token, out);
  }
  return out;
}

/** 1 for unicode61's only ASCII token characters, the letters and digits (lower case: the text is lowered first). */
export const TOKEN_CHAR = Uint8Array.from({ length: 128 }, (_, code) =>
  (code >= 48 && code <= 57) || (code >= 97 && code <= 122) ? 1 : 0,
);

/**
 * Calls `visit` with FTS5's tokens of ASCII text in order: runs of letters and digits, lower-cased, not yet
 * Porter-stemmed. Ingest interns tokens before stemming them, so a token repeated in a batch costs one lookup.
 */
export function forEachAsciiToken(text: string, visit: (token: string) => void): void {
  // Lower-casing ASCII maps A-Z only, as unicode61 folds them; once per text instead of once per token.
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  for (;;) {
    // `!== 1`: a non-ASCII character (not for this function) separates tokens rather than stalling the scan.
    while (i < n && TOKEN_CHAR[lower.charCodeAt(i)] !== 1) i += 1;
    if (i >= n) return;
    const start = i;
    while (i < n && TOKEN_CHAR[lower.charCodeAt(i)] === 1) i += 1;
    visit(lower.slice(start, i));
  }
}

/** FTS5's terms of ASCII text, in order: runs of letters and digits, lower-cased, Porter-stemmed. */
export function asciiTerms(text: string): string[] {
  const out: string[] = [];
  forEachAsciiToken(text, (token) => out.push(stemToken(token)));
  return out;
}

/** Tokenizes texts of any script by asking FTS5 (one scratch table per connection, created on first use). */
export function createFts5Tokenizer(sqlite: BetterSqlite3.Database): (texts: readonly string[]) => string[][] {
  let statements: { insert: BetterSqlite3.Statement; read: BetterSqlite3.Statement; clear: BetterSqlite3.Statement } | null = null;
  return (texts) => {
    if (texts.every(isAscii)) return texts.map(asciiTerms);
    if (texts.length > 4) throw new Error('the FTS5 tokenizer takes at most four texts at once');
    if (!statements) {
      // Contentless: nothing is stored but the index, and 'delete-all' empties it in one step.
      sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.pb_tokenize USING fts5(c0, c1, c2, c3, content='', tokenize='${FTS_TOKENIZE}')`);
      sqlite.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.pb_tokenize_terms USING fts5vocab(temp, pb_tokenize, instance)');
      statements = {
        insert: sqlite.prepare('INSERT INTO temp.pb_tokenize(rowid, c0, c1, c2, c3) VALUES (1, ?, ?, ?, ?)'),
        read: sqlite.prepare('SELECT term, col, offset FROM temp.pb_tokenize_terms').raw(),
        clear: sqlite.prepare(`INSERT INTO temp.pb_tokenize(pb_tokenize) VALUES ('delete-all')`),
      };
    }
    statements.insert.run(...[0, 1, 2, 3].map((i) => texts[i] ?? ''));
    const rows = statements.read.all() as Array<[string, string, number]>;
    statements.clear.run();
    const out: string[][] = texts.map(() => []);
    for (const [term, col, offset] of rows) {
      const list = out[Number(col.slice(1))];
      if (list) list[offset] = term;
    }
    return out;
  };
}
