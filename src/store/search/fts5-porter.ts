/**
 * SQLite FTS5's Porter stemmer (`fts5PorterCb` in ext/fts5/fts5_tokenize.c), ported rule for rule so that a
 * token stemmed here is byte-for-byte the term FTS5 stores. The search index relies on that equality: its
 * term statistics must be FTS5's, or its BM25 would drift from `bm25()`. test/store/sqlite/search/fts5-tokenize.test.ts
 * checks it against FTS5 itself.
 */

/** FTS5 passes longer tokens (in bytes) through unstemmed. */
const MAX_TOKEN = 64;

type Condition = (stem: string) => boolean;

function isVowel(c: string | undefined, yIsVowel: boolean): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (yIsVowel && c === 'y');
}

/** Length of the first vowel run plus consonant run (one "VC"), or 0; `prevCons` says what preceded. */
function gobbleVC(stem: string, from: number, prevCons: boolean): number {
  let cons = prevCons;
  let i = from;
  for (; i < stem.length; i += 1) {
    cons = !isVowel(stem[i], cons);
    if (!cons) break;
  }
  for (i += 1; i < stem.length; i += 1) {
    cons = !isVowel(stem[i], cons);
    if (cons) return i + 1;
  }
  return 0;
}

const mGt0: Condition = (stem) => gobbleVC(stem, 0, false) !== 0;
const mGt1: Condition = (stem) => {
  const n = gobbleVC(stem, 0, false);
  return n !== 0 && gobbleVC(stem, n, true) !== 0;
};
const mEq1: Condition = (stem) => {
  const n = gobbleVC(stem, 0, false);
  return n !== 0 && gobbleVC(stem, n, true) === 0;
};
const oStar: Condition = (stem) => {
  const last = stem[stem.length - 1];
  if (last === 'w' || last === 'x' || last === 'y') return false;
  let mask = 0;
  let cons = false;
  for (let i = 0; i < stem.length; i += 1) {
    cons = !isVowel(stem[i], cons);
    mask = ((mask << 1) + (cons ? 1 : 0)) & 0xff;
  }
  return (mask & 0x7) === 0x5;
};
const hasVowel: Condition = (stem) => {
  for (let i = 0; i < stem.length; i += 1) if (isVowel(stem[i], i > 0)) return true;
  return false;
};
const mGt1AndSOrT: Condition = (stem) => (stem.endsWith('s') || stem.endsWith('t')) && mGt1(stem);

/** [suffix, condition on the stem before it, replacement]; one rule fires per step: the first suffix that matches. */
type Rule = readonly [string, Condition, string];

const STEP2: readonly Rule[] = [
  ['ational', mGt0, 'ate'],
  ['tional', mGt0, 'tion'],
  ['enci', mGt0, 'ence'],
  ['anci', mGt0, 'ance'],
  ['izer', mGt0, 'ize'],
  ['logi', mGt0, 'log'],
  ['bli', mGt0, 'ble'],
  ['alli', mGt0, 'al'],
  ['entli', mGt0, 'ent'],
  ['eli', mGt0, 'e'],
  ['ousli', mGt0, 'ous'],
  ['ization', mGt0, 'ize'],
  ['ation', mGt0, 'ate'],
  ['ator', mGt0, 'ate'],
  ['alism', mGt0, 'al'],
  ['iveness', mGt0, 'ive'],
  ['fulness', mGt0, 'ful'],
  ['ousness', mGt0, 'ous'],
  ['aliti', mGt0, 'al'],
  ['iviti', mGt0, 'ive'],
  ['biliti', mGt0, 'ble'],
];
const STEP3: readonly Rule[] = [
  ['ical', mGt0, 'ic'],
  ['ness', mGt0, ''],
  ['icate', mGt0, 'ic'],
  ['iciti', mGt0, 'ic'],
  ['ful', mGt0, ''],
  ['ative', mGt0, ''],
  ['alize', mGt0, 'al'],
];
const STEP4: readonly Rule[] = [
  ['al', mGt1, ''],
  ['ance', mGt1, ''],
  ['ence', mGt1, ''],
  ['er', mGt1, ''],
  ['ic', mGt1, ''],
  ['able', mGt1, ''],
  ['ible', mGt1, ''],
  ['ant', mGt1, ''],
  ['ement', mGt1, ''],
  ['ment', mGt1, ''],
  ['ent', mGt1, ''],
  ['ion', mGt1AndSOrT, ''],
  ['ou', mGt1, ''],
  ['ism', mGt1, ''],
  ['ate', mGt1, ''],
  ['iti', mGt1, ''],
  ['ous', mGt1, ''],
  ['ive', mGt1, ''],
  ['ize', mGt1, ''],
];

/** Groups rules by the suffix's second-to-last letter, as FTS5's generated `switch` does. */
function bySecondLast(rules: readonly Rule[]): Map<string, Rule[]> {
  const map = new Map<string, Rule[]>();
  for (const rule of rules) {
    const key = rule[0][rule[0].length - 2] as string;
    map.set(key, [...(map.get(key) ?? []), rule]);
  }
  return map;
}

const STEP2_BY = bySecondLast(STEP2);
const STEP3_BY = bySecondLast(STEP3);
const STEP4_BY = bySecondLast(STEP4);

/** Applies the first rule whose suffix matches (FTS5 requires the word to be longer than the suffix). */
function applyStep(word: string, rules: Map<string, Rule[]>): string {
  for (const [suffix, condition, replacement] of rules.get(word[word.length - 2] ?? '') ?? []) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(w: string): string {
  if (!w.endsWith('s')) return w;
  const n = w.length;
  if (w[n - 2] === 'e')
    return (n > 4 && w[n - 4] === 's' && w[n - 3] === 's') || (n > 3 && w[n - 3] === 'i') ? w.slice(0, n - 2) : w.slice(0, n - 1);
  return w[n - 2] !== 's' ? w.slice(0, n - 1) : w;
}

/** Step 1b; `removed` says whether "ed" or "ing" came off (then step 1b2 runs). */
function step1b(w: string): { word: string; removed: boolean } {
  const n = w.length;
  if (w[n - 2] === 'e') {
    if (n > 3 && w.endsWith('eed')) return { word: mGt0(w.slice(0, n - 3)) ? w.slice(0, n - 1) : w, removed: false };
    if (n > 2 && w.endsWith('ed') && hasVowel(w.slice(0, n - 2))) return { word: w.slice(0, n - 2), removed: true };
  } else if (w[n - 2] === 'n' && n > 3 && w.endsWith('ing') && hasVowel(w.slice(0, n - 3))) {
    return { word: w.slice(0, n - 3), removed: true };
  }
  return { word: w, removed: false };
}

function step1b2(w: string): string {
  const n = w.length;
  for (const [suffix, replacement] of [
    ['at', 'ate'],
    ['bl', 'ble'],
    ['iz', 'ize'],
  ] as const) {
    if (n > 2 && w.endsWith(suffix)) return w.slice(0, n - 2) + replacement;
  }
  const last = w[n - 1] as string;
  if (!isVowel(last, false) && last !== 'l' && last !== 's' && last !== 'z' && last === w[n - 2]) return w.slice(0, n - 1);
  if (mEq1(w) && oStar(w)) return `${w}e`;
  return w;
}

/** Stems one lower-case ASCII token exactly as FTS5's `porter` tokenizer does. */
export function porterStem(token: string): string {
  if (token.length > MAX_TOKEN || token.length < 3) return token;
  let w = step1a(token);
  const b = step1b(w);
  w = b.removed ? step1b2(b.word) : b.word;
  if (w.endsWith('y') && hasVowel(w.slice(0, w.length - 1))) w = `${w.slice(0, w.length - 1)}i`;
  w = applyStep(w, STEP2_BY);
  w = applyStep(w, STEP3_BY);
  w = applyStep(w, STEP4_BY);
  if (w.endsWith('e')) {
    const stem = w.slice(0, w.length - 1);
    if (mGt1(stem) || (mEq1(stem) && !oStar(stem))) w = stem;
  }
  if (w.length > 1 && w.endsWith('ll') && mGt1(w.slice(0, w.length - 1))) w = w.slice(0, w.length - 1);
  return w;
}
