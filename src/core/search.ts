/**
 * The search service: query language → FTS5 BM25 candidates → a small popularity/recency prior →
 * snippets and paging; federated with Hugging Face search when local results are fewer than asked.
 */
import { toCard } from './card.ts';
import type { Clock } from './clock.ts';
import { describeError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { PaperIndex, PaperSearchSource, PaperStore, TextSearchHit } from './ports.ts';
import { compileMatch, parseQuery, parseSince, sinceToDate, type ParsedQuery } from './query.ts';
import { relaxQuery, remoteQueryText } from './search-rewrite.ts';
import type { SearchHit, SearchResult, SearchService } from './search-types.ts';
import { SEARCH_SETTINGS } from './ranking-constants.ts';

export interface SearchDeps {
  index: PaperIndex;
  store: PaperStore;
  /** Hugging Face search; null when offline. */
  remote: PaperSearchSource | null;
  clock: Clock;
  log: Logger;
}

interface Ranked {
  hit: TextSearchHit;
  score: number;
  match: string | null;
}

function prior(hit: TextSearchHit, now: Date): number {
  const s = SEARCH_SETTINGS;
  const upvotes = Math.min(Math.max(hit.paper.signals.upvotes, 0), s.upvoteSaturation);
  const submitted = Date.parse(hit.paper.hfSubmittedAt ?? hit.paper.publishedAt ?? '');
  const ageDays = Number.isNaN(submitted) ? Infinity : Math.max(0, (now.getTime() - submitted) / 86_400_000);
  return s.upvoteWeight * (Math.log1p(upvotes) / Math.log1p(s.upvoteSaturation)) + s.recencyWeight * 0.5 ** (ageDays / s.recencyHalfLifeDays);
}

/** Scores one tier: relevance normalised to the tier's best, plus the prior, scaled into [floor, floor + band]. */
function rankTier(hits: TextSearchHit[], match: string | null, now: Date, floor: number, band: number): Ranked[] {
  const best = Math.max(...hits.map((h) => h.relevance), 0);
  return hits.map((hit) => ({
    hit,
    match,
    score: floor + band * ((best > 0 ? hit.relevance / best : 0) + prior(hit, now)),
  }));
}

function byScore(a: Ranked, b: Ranked): number {
  return b.score - a.score || b.hit.paper.signals.upvotes - a.hit.paper.signals.upvotes || a.hit.paper.id.localeCompare(b.hit.paper.id);
}

/** Creates the search service. */
export function createSearchService(deps: SearchDeps): SearchService {
  const s = SEARCH_SETTINGS;

  async function localSearch(parsed: ParsedQuery, since: Date | null, want: number): Promise<Ranked[]> {
    const now = deps.clock.now();
    const base = { categories: parsed.categories, orgs: parsed.orgs, since, limit: Math.max(want, s.candidatePool) };
    const strict = compileMatch(parsed, { mode: 'all' });
    const strictHits = await deps.index.search({ ...base, match: strict.match, exclude: strict.exclude });
    const ranked = rankTier(strictHits, strict.match, now, 1 + s.relaxedBand, 1);
    if (strictHits.length >= want || !strict.match) return ranked.sort(byScore);
    // Natural-language queries rarely have every word in one paper: fill up with any-word matches, ranked below.
    const relaxed = relaxQuery(parsed);
    if (!relaxed) return ranked.sort(byScore);
    const loose = compileMatch(relaxed, { mode: 'any' });
    const seen = new Set(strictHits.map((h) => h.paper.id));
    const looseHits = (await deps.index.search({ ...base, match: loose.match, exclude: loose.exclude })).filter((h) => !seen.has(h.paper.id));
    return [...ranked, ...rankTier(looseHits, loose.match, now, 0, s.relaxedBand)].sort(byScore);
  }

  async function federated(parsed: ParsedQuery, since: Date | null, known: Set<string>, limit: number): Promise<{ hits: SearchHit[]; note: string | null }> {
    const remote = deps.remote;
    if (!remote) return { hits: [], note: 'Showing stored papers only (remote sources are off).' };
    const text = remoteQueryText(parsed);
    // Hugging Face search cannot filter by author, category, organisation or exclusions: its results would break them.
    if (!text || parsed.authors.length + parsed.categories.length + parsed.orgs.length + parsed.excluded.length > 0) return { hits: [], note: null };
    try {
      const batch = await remote.search(text, { limit, deadlineMs: s.federatedDeadlineMs, retries: 0 });
      const fresh = batch.items.filter((item) => !known.has(item.paper.id));
      // Stored for next time, so the next search finds them locally.
      await deps.store.upsertMany(batch.items, deps.clock.now());
      const hits: SearchHit[] = [];
      for (const [i, item] of fresh.entries()) {
        const paper = await deps.store.get(item.paper.id);
        const submitted = Date.parse(paper?.hfSubmittedAt ?? paper?.publishedAt ?? '');
        if (since && !(submitted >= since.getTime())) continue;
        if (paper) hits.push({ card: toCard(paper, 'from Hugging Face search'), score: 0.5 - i * 0.001, snippet: '', source: 'huggingface' });
      }
      return { hits, note: null };
    } catch (error) {
      deps.log.warn({ err: describeError(error) }, 'federated search failed; local results only');
      return { hits: [], note: 'Hugging Face search is unreachable right now; showing stored papers only.' };
    }
  }

  return {
    async search(request) {
      const now = deps.clock.now();
      const parsed = parseQuery(request.text, { allowSince: true });
      const sinceSpec = request.since ? parseSince(request.since, now) : parsed.since;
      const since = sinceSpec ? sinceToDate(sinceSpec, now) : null;
      const want = request.offset + request.limit;
      const ranked = await localSearch(parsed, since, want + 1);
      const page = ranked.slice(request.offset, want);
      const hits: SearchHit[] = [];
      for (const r of page) {
        const snippet = r.match ? await deps.index.snippet(r.hit.paper.id, r.match) : '';
        hits.push({ card: toCard(r.hit.paper), score: r.score, snippet, source: 'local' });
      }
      const notes: string[] = [];
      if (ranked.length < want) {
        const extra = await federated(parsed, since, new Set(ranked.map((r) => r.hit.paper.id)), want - ranked.length);
        hits.push(...extra.hits.slice(Math.max(0, request.offset - ranked.length), Math.max(0, want - ranked.length)));
        if (extra.note) notes.push(extra.note);
      }
      return { hits, hasMore: ranked.length > want, notes } satisfies SearchResult;
    },
  };
}
