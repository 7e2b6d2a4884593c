/**
 * The search index computes bm25() from its own tokens, so they must be FTS5's: the Porter port and the ASCII
 * tokenizer are checked against FTS5 itself (fts5vocab) on real paper text and on fuzzed English-like words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../../src/store/search/fts5-porter.ts';
import { FTS_TOKENIZE, asciiTerms, createFts5Tokenizer, forEachAsciiToken, isAscii } from '../../../src/store/search/fts5-tokenize.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** FTS5's terms for each text, in order, via a scratch table and its instance vocabulary. */
function fts5Terms(texts: readonly string[]): string[][] {
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize='${FTS_TOKENIZE}')`);
  db.exec('CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)');
  const insert = db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)');
  db.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
  const out: string[][] = texts.map(() => []);
  for (const [term, doc, offset] of db.prepare('SELECT term, doc, offset FROM v').raw().all() as Array<[string, number, number]>) {
    (out[doc - 1] as string[])[offset] = term;
  }
  db.close();
  return out;
}

/** Ingest's path: tokens first (interned), each stemmed once, without asciiTerms' stem cache. */
function tokensStemmed(text: string): string[] {
  const out: string[] = [];
  forEachAsciiToken(text, (token) => out.push(porterStem(token)));
  return out;
}

/** Seeded English-like words: stems with the suffixes every Porter step handles, some upper case, some digits. */
function fuzzWords(n: number): string[] {
  let state = 42;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4_294_967_296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const suffixes = [
    'ational',
    'tional',
    'enci',
    'anci',
    'izer',
    'logi',
    'bli',
    'alli',
    'entli',
    'eli',
    'ousli',
    'ization',
    'ation',
    'ator',
    'alism',
    'iveness',
    'fulness',
    'ousness',
    'aliti',
    'iviti',
    'biliti',
    'ical',
    'ness',
    'icate',
    'iciti',
    'ful',
    'ative',
    'alize',
    'al',
    'ance',
    'ence',
    'er',
    'ic',
    'able',
    'ible',
    'ant',
    'ement',
    'ment',
    'ent',
    'sion',
    'tion',
    'ou',
    'ism',
    'ate',
    'iti',
    'ous',
    'ive',
    'ize',
    'ing',
    'ed',
    'eed',
    's',
    'es',
    'ies',
    'sses',
    'y',
    'e',
    'll',
    'at',
    'bl',
    'iz',
  ];
  return Array.from({ length: n }, () => {
    let word = '';
    for (let k = 1 + Math.floor(random() * 6); k > 0; k -= 1)
      word += pick(random() < 0.4 ? ['a', 'e', 'i', 'o', 'u', 'y'] : [...'bcdfghjklmnpqrstvwxz']);
    if (random() < 0.8) word += pick(suffixes);
    if (random() < 0.3) word += pick(suffixes);
    if (random() < 0.05) word = word.toUpperCase();
    if (random() < 0.03) word += String(Math.floor(random() * 100));
    return word;
  });
}

describe('FTS5 tokenization in TypeScript', () => {
  it('GIVEN the real sample papers THEN every title and abstract tokenizes exactly as FTS5 does', () => {
    const items = JSON.parse(readFileSync(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), 'utf8')) as Array<{
      paper: { title: string; summary: string };
    }>;
    const texts = items.flatMap(({ paper }) => [paper.title, paper.summary]).filter(isAscii);
    expect(texts.length).toBeGreaterThan(60);
    const expected = fts5Terms(texts);
    expect(texts.map(asciiTerms)).toEqual(expected);
    expect(texts.map(tokensStemmed)).toEqual(expected);
  });

  it('GIVEN 50,000 fuzzed words with every Porter suffix THEN each stems exactly as FTS5 does', () => {
    const words = fuzzWords(50_000);
    const expected = fts5Terms(words);
    expect(words.map(asciiTerms)).toEqual(expected);
    expect(words.map(tokensStemmed)).toEqual(expected);
  });

  it('GIVEN punctuation, digits and short or long tokens THEN the ASCII tokenizer splits and stems as FTS5 does', () => {
    const texts = [
      'Self-supervised LLMs (2024) reach 49.17% on GSM8K!',
      'a an is x',
      `${'x'.repeat(70)}ational`,
      `${'X'.repeat(63)}ING`,
      'caresses ponies ties caress cats',
      'agreed plastered motoring sing',
      'MIXED-case_Tokens/3D;A1b2C3 ',
      '',
    ];
    const expected = fts5Terms(texts);
    expect(texts.map(asciiTerms)).toEqual(expected);
    expect(texts.map(tokensStemmed)).toEqual(expected);
  });

  it('GIVEN text with non-ASCII characters THEN FTS5 itself tokenizes it (diacritics removed, folded)', () => {
    const db = new BetterSqlite3(':memory:');
    const tokenize = createFts5Tokenizer(db);
    expect(isAscii('Müller')).toBe(false);
    // Not for non-ASCII text, but it must not stall on it.
    expect(tokensStemmed('Müller über')).toEqual(['m', 'ller', 'ber']);
    expect(tokenize(['Müller naïve café', 'Straße', 'plain words'])).toEqual(fts5Terms(['Müller naïve café', 'Straße', 'plain words']));
    db.close();
  });
});
