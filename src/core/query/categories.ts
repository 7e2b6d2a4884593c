/**
 * arXiv categories for `cat:` (https://arxiv.org/category_taxonomy). A typo such as `cat:cs.ML` would
 * otherwise match nothing forever in a channel topic, so values are checked against the taxonomy and
 * stored in arXiv's own spelling, which makes `cat:cs.lg` and `cat:cs.LG` one topic.
 */
import { QuerySyntaxError } from './syntax.ts';
import { quoteValue } from './since.ts';

// Archive → its subject classes; an empty list means the archive has none (`hep-th`, `gr-qc`).
const TAXONOMY: Record<string, readonly string[]> = {
  cs: 'AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL RO SC SD SE SI SY'.split(' '),
  stat: 'AP CO ME ML OT TH'.split(' '),
  math: 'AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST'.split(' '),
  eess: 'AS IV SP SY'.split(' '),
  econ: 'EM GN TH'.split(' '),
  'q-bio': 'BM CB GN MN NC OT PE QM SC TO'.split(' '),
  'q-fin': 'CP EC GN MF PM PR RM ST TR'.split(' '),
  'astro-ph': 'CO EP GA HE IM SR'.split(' '),
  'cond-mat': 'dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con'.split(' '),
  nlin: 'AO CD CG PS SI'.split(' '),
  physics: (
    'acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph geo-ph ' +
    'hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph'
  ).split(' '),
  'gr-qc': [],
  'hep-ex': [],
  'hep-lat': [],
  'hep-ph': [],
  'hep-th': [],
  'math-ph': [],
  'nucl-ex': [],
  'nucl-th': [],
  'quant-ph': [],
};

// Papers carry `cs.LG`, never a bare `cs`, so only archives without subject classes are categories themselves.
const OFFICIAL = new Map<string, string>();
for (const [archive, classes] of Object.entries(TAXONOMY)) {
  if (classes.length === 0) OFFICIAL.set(archive, archive);
  for (const subject of classes) OFFICIAL.set(`${archive}.${subject}`.toLowerCase(), `${archive}.${subject}`);
}

// Archives that were merged into others or renamed and that older papers still carry (`cmp-lg/9404001`),
// and the current archives that once had no subject classes (`astro-ph` before 2009, `cond-mat` before 1998).
const LEGACY_ARCHIVES = [
  'acc-phys adap-org alg-geom ao-sci atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas dg-ga funct-an mtrl-th patt-sol',
  'plasm-ph q-alg solv-int supr-con',
]
  .join(' ')
  .split(' ');
const SOURCE_TERMS = new Map(OFFICIAL);
for (const archive of [...Object.keys(TAXONOMY), ...LEGACY_ARCHIVES]) SOURCE_TERMS.set(archive, archive);

/**
 * The official spelling of a category a source lists for a paper when it is an arXiv taxonomy term
 * (`cs.LO`, `math.NA`, `hep-th`, `astro-ph.CO`, `physics.optics`, or an archive older papers carry alone), else
 * null: arXiv's API lists a paper's MSC and ACM classes (`03B70, 68Q99`, `F.4.1; F.4.m; K.2`) as categories too,
 * and those are not categories (docs/architecture.md §13).
 */
export function arxivTaxonomyTerm(term: string): string | null {
  return SOURCE_TERMS.get(term.trim().toLowerCase()) ?? null;
}

/** The official spelling of an arXiv category or archive (`CS.lg` → `cs.LG`); throws QuerySyntaxError if unknown. */
export function canonicalCategory(value: string): string {
  const official = OFFICIAL.get(value.toLowerCase());
  if (official) return official;
  if (value === '') throw new QuerySyntaxError('cat: needs an arXiv category, e.g. cat:cs.LG or cat:hep-th.');
  const [archive = ''] = value.toLowerCase().split('.');
  const classes = TAXONOMY[archive];
  if (classes && classes.length > 0) {
    const which = value.includes('.') ? 'is not an arXiv category' : 'is an arXiv archive; pick one of its categories';
    throw new QuerySyntaxError(
      `${quoteValue(value)} ${which}. The ${archive} ones are ${classes.map((c) => `${archive}.${c}`).join(', ')}.`,
    );
  }
  throw new QuerySyntaxError(`${quoteValue(value)} is not an arXiv category. Try one like cs.LG, cs.CL, stat.ML or hep-th.`);
}
