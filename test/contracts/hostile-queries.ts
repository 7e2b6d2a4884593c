/**
 * Query text that is syntax in some full-text engine (FTS5 operators, column filters, prefixes, quotes, NULs,
 * lone surrogates, SQL): every store's search must treat all of it as data. Shared by the FTS5 expression tests
 * and the PaperIndex contract, so each engine faces the same strings.
 */
export const HOSTILE_QUERIES: readonly string[] = [
  '"',
  '""',
  '"a" "b',
  '( ) NEAR(a b, 3) NEAR/2',
  '* ^ : - + { } [ ]',
  'title:x {title abstract}:y col : z',
  'OR AND NOT',
  'a AND OR NOT b',
  '"a" OR "b" NOT "c"',
  "'; DROP TABLE papers;--",
  'x\u0000y "\u0000" -\u0000',
  '-"" -"*" -( -)',
  '🚀 👩‍👩‍👧 扩散模型 İstanbul ﬁne ß',
  '\uD800 \uDC00 lone surrogates',
  'author:"\u0000x" org:")("',
  '^diffusion +models diffusion* "models"*',
  "a & b | !c <-> d:* ' \\",
  '%_ LIKE \\% ESCAPE',
];
