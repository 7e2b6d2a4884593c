/**
 * The search ranking computed the straightforward way: FTS5 scores every match with bm25(), filters apply in SQL,
 * and the prior is added to each. Exact and simple, but it scores every match (hundreds of milliseconds for a
 * common term at 100k papers), so it only answers what the search index cannot (or everything, with PAPERBOY_SEARCH_INDEX=off).
 */
import type { SearchRanking } from '../../../core/search-rank.ts';
import type { TextSearchRequest } from '../../../core/ports.ts';
import { BM25_WEIGHTS } from '../../../core/ranking-constants.ts';
import type { Db } from '../db.ts';
import { fts5Expression } from './fts5-expression.ts';

const BM25 = `bm25(papers_fts, ${BM25_WEIGHTS.title}, ${BM25_WEIGHTS.abstract}, ${BM25_WEIGHTS.authors}, ${BM25_WEIGHTS.aiKeywords})`;
/** The same expression as papers_submitted_idx, so since: filters use the index. */
const SUBMITTED = 'coalesce(p.hf_submitted_at, p.published_at, p.first_seen_at)';
/** The paper's latest observation, as PaperStore.get reports its signals. */
const UPVOTES = '(SELECT s.upvotes FROM paper_signals s WHERE s.paper_id = p.id ORDER BY s.observed_at DESC, s.id DESC LIMIT 1)';

/** One ranked match: the paper id and its relevance. */
export interface RankedId {
  id: string;
  relevance: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clauses (over `papers p`) and parameters of a request's filters. */
export function filterClauses(request: TextSearchRequest): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (request.exclude) {
    where.push('p.doc_id NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)');
    params.push(fts5Expression(request.exclude));
  }
  if (request.since) {
    where.push(`${SUBMITTED} >= ?`);
    params.push(request.since.toISOString());
  }
  const categories = request.categories ?? [];
  if (categories.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM json_each(p.categories) c WHERE lower(c.value) IN (${categories.map(() => '?').join(', ')}))`);
    params.push(...categories.map((c) => c.toLowerCase()));
  }
  // org: is the handle, or words in the name (search/org-filter.ts).
  for (const org of request.orgs ?? []) {
    where.push("(lower(coalesce(p.organization, '')) LIKE ? ESCAPE '\\' OR lower(p.organization_handle) = ?)");
    params.push(likePattern(org), org.toLowerCase());
  }
  return { where, params };
}

/**
 * Every match of the request scored and ranked; the best `limit` and the best relevance. `upvotes` is the SQL for
 * a paper's latest upvotes (over `papers p`); the benchmark passes a precomputed table's lookup. Matches are kept
 * in typed arrays (a common term matches most of a million papers) and only the finalists' ids are read.
 */
export function rankExhaustively(
  db: Db,
  ranking: SearchRanking,
  request: TextSearchRequest,
  upvotes = UPVOTES,
): { ranked: RankedId[]; best: number } {
  const { where, params } = filterClauses(request);
  const match = request.text ? fts5Expression(request.text) : null;
  const statement = match
    ? db.sqlite.prepare(
        `SELECT p.doc_id, -${BM25}, p.hf_submitted_at, p.published_at, ${upvotes}
         FROM papers_fts JOIN papers p ON p.doc_id = papers_fts.rowid
         WHERE papers_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}`,
      )
    : db.sqlite.prepare(
        `SELECT p.doc_id, 0, p.hf_submitted_at, p.published_at, ${upvotes} FROM papers p ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
      );
  const skip =
    request.skipIds && request.skipIds.size > 0
      ? new Set(
          db.sqlite
            .prepare('SELECT doc_id FROM papers WHERE id IN (SELECT value FROM json_each(?))')
            .pluck()
            .all(JSON.stringify([...request.skipIds])) as number[],
        )
      : null;
  const matches = new Matches();
  const now = request.now.getTime();
  for (const [doc, relevance, hf, published, up] of statement.raw().iterate(...(match ? [match, ...params] : params)) as Iterable<
    [number, number, string | null, string | null, number | null]
  >) {
    if (skip?.has(doc)) continue;
    matches.push(doc, relevance, up ?? 0, ranking.priorDate({ hfSubmittedAt: hf, publishedAt: published }));
  }
  const best = matches.best();
  const scores = matches.scores((relevance, up, dated) => ranking.tierScore(relevance, best, ranking.prior(up, dated, now)));
  // Everything scoring at least the `limit`-th best (ties included) is ranked exactly, ids and all.
  const cut = kthLargest(scores, request.limit);
  const finalists = matches.indicesWhere((i) => (scores[i] as number) >= cut);
  const ids = new Map(
    db.sqlite
      .prepare('SELECT doc_id, id FROM papers WHERE doc_id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(finalists.map((i) => matches.doc(i)))) as Array<[number, string]>,
  );
  const ranked = finalists.map((i) => ({
    id: ids.get(matches.doc(i)) ?? '',
    relevance: matches.relevance(i),
    upvotes: matches.upvotes(i),
    score: scores[i] as number,
  }));
  ranked.sort(ranking.compare);
  return { ranked: ranked.slice(0, request.limit).map(({ id, relevance }) => ({ id, relevance })), best };
}

/** The k-th largest value (the smallest when there are fewer than k; -Infinity when none). */
function kthLargest(values: Float64Array, k: number): number {
  const head: number[] = [];
  for (const v of values) {
    if (head.length >= k && v <= (head[head.length - 1] as number)) continue;
    let at = head.length;
    while (at > 0 && (head[at - 1] as number) < v) at -= 1;
    head.splice(at, 0, v);
    if (head.length > k) head.pop();
  }
  return head[head.length - 1] ?? Number.NEGATIVE_INFINITY;
}

/** Matches as growing typed arrays: doc id, relevance, upvotes, prior date. */
class Matches {
  private n = 0;
  private docs = new Int32Array(1024);
  private rels = new Float64Array(1024);
  private ups = new Int32Array(1024);
  private dates = new Float64Array(1024);

  push(doc: number, relevance: number, upvotes: number, dated: number | null): void {
    if (this.n === this.docs.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.docs = grow(this.docs, (n) => new Int32Array(n));
      this.rels = grow(this.rels, (n) => new Float64Array(n));
      this.ups = grow(this.ups, (n) => new Int32Array(n));
      this.dates = grow(this.dates, (n) => new Float64Array(n));
    }
    this.docs[this.n] = doc;
    this.rels[this.n] = relevance;
    this.ups[this.n] = upvotes;
    this.dates[this.n++] = dated ?? Number.NaN;
  }

  best(): number {
    let best = 0;
    for (let i = 0; i < this.n; i += 1) if ((this.rels[i] as number) > best) best = this.rels[i] as number;
    return best;
  }

  scores(score: (relevance: number, upvotes: number, dated: number | null) => number): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i += 1) {
      const dated = this.dates[i] as number;
      out[i] = score(this.rels[i] as number, this.ups[i] as number, Number.isNaN(dated) ? null : dated);
    }
    return out;
  }

  indicesWhere(keep: (i: number) => boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.n; i += 1) if (keep(i)) out.push(i);
    return out;
  }

  doc = (i: number): number => this.docs[i] as number;
  relevance = (i: number): number => this.rels[i] as number;
  upvotes = (i: number): number => this.ups[i] as number;
}
