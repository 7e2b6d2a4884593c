/**
 * Building arXiv request parameters from untrusted text: category names for listing URLs and
 * `search_query` expressions for the export API. User text is data and can never become syntax.
 */

/** Limits on what one search sends, so a pasted paragraph cannot build an absurd query. */
export const ARXIV_SEARCH_LIMITS = {
  /** arXiv ANDs every term; beyond a dozen words a search matches next to nothing anyway. */
  maxTerms: 12,
  /** Longer "words" are pasted noise (hashes, URLs without their punctuation). */
  maxTermLength: 64,
} as const;

// Archive (`cs`, `hep-th`, `astro-ph`) with an optional subject class (`LG`, `QA`, `str-el`, `optics`).
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[A-Za-z]+)?)?$/;

// Words arXiv's query parser treats as operators (AND, OR, ANDNOT; TO in date ranges); NOT for good measure.
const OPERATOR_WORDS = new Set(['and', 'or', 'andnot', 'not', 'to']);

/** True for an arXiv archive or subject class name: `cs`, `cs.LG`, `math.QA`, `hep-th`, `cond-mat.str-el`. */
export function isArxivCategory(value: string): boolean {
  return value.length <= 40 && CATEGORY.test(value);
}

/**
 * The words of a free-text query as arXiv search terms, or an empty list when nothing searchable is
 * left. Only letters, marks and digits survive (plus `-` and `.` between them, as in `GPT-4` or
 * `cs.LG`); quotes, colons, brackets, `+`, `\`, `_`, `*` and the like become spaces, and bare
 * operator words are dropped, so no user input can add a field prefix, operator or group.
 */
export function searchTerms(query: string): string[] {
  // NFKC folds full-width look-alikes (`：`, `＂`, `ＡＮＤ`) into the ASCII that is then stripped.
  const cleaned = query.normalize('NFKC').replace(/[^\p{L}\p{M}\p{N}.-]+/gu, ' ');
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of cleaned.split(' ')) {
    const term = word
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, ARXIV_SEARCH_LIMITS.maxTermLength)
      .replace(/[.-]+$/, '');
    const key = term.toLowerCase();
    if (term === '' || OPERATOR_WORDS.has(key) || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === ARXIV_SEARCH_LIMITS.maxTerms) break;
  }
  return terms;
}

/**
 * A `search_query` value ANDing `all:"word"` for each search term (unencoded: the caller puts it in
 * `URLSearchParams`); null when the query has no searchable words.
 */
export function buildArxivSearchQuery(query: string): string | null {
  const terms = searchTerms(query);
  return terms.length === 0 ? null : terms.map((term) => `all:"${term}"`).join(' AND ');
}

// New-style ids began in April 2007 (0704) and gained a fifth digit in January 2015 (1501).
const NEW_STYLE_ID = /^(\d{2})(\d{2})\.(\d{4,5})$/;
const OLD_STYLE_ID = /^[a-z-]+(?:\.[a-z]{2})?\/(\d{2})(\d{2})\d{3}$/i;

/**
 * True when a canonical id (from parsePaperId) is one arXiv could have issued. arXiv rejects a whole
 * `id_list` call over one id it finds malformed (`2399.99999`), so such ids are weeded out first.
 */
export function isPlausibleArxivId(id: string): boolean {
  const modern = NEW_STYLE_ID.exec(id);
  if (modern) {
    const yymm = Number(`${modern[1]}${modern[2]}`);
    const month = Number(modern[2]);
    const digits = modern[3]?.length ?? 0;
    return month >= 1 && month <= 12 && yymm >= 704 && digits === (yymm >= 1501 ? 5 : 4);
  }
  const old = OLD_STYLE_ID.exec(id);
  const month = Number(old?.[2]);
  return old !== null && month >= 1 && month <= 12;
}
