/**
 * The search service: query language → the index's exact best hits by BM25 share plus a small
 * popularity/recency prior (search-rank.ts) → snippets and paging; federated with Hugging Face search
 * when local results are fewer than asked.
 */
import { toCard } from './card.ts';
import type { Clock } from './clock.ts';
import { describeError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { PaperIndex, PaperSearchSource, PaperStore, TextSearchHit, TextSearchResult } from './ports.ts';
import { compileQuery, parseQuery, parseSince, sinceToDate, type ParsedQuery, type TextQuery } from './query/index.ts';
import { relaxQuery, remoteQueryText } from './search-rewrite.ts';
import type { SearchHit, SearchResult, SearchService } from './search-types.ts';
import { SEARCH_SETTINGS } from './ranking-constants.ts';
import { compareRankKeys, priorDate, searchPrior, tierScore } from './search-rank.ts';

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
  /** The tier's text condition, for the hit's excerpt. */
  text: TextQuery | null;
}

/** Scores one tier (its hits are the index's exact best): share of the tier's best relevance plus the prior, in [floor, floor + band·(1 + prior)]. */
function rankTier(result: TextSearchResult, text: TextQuery | null, now: Date, floor: number, band: number): Ranked[] {
  return result.hits.map((hit) => ({
    hit,
    text,
    score:
      floor + band * tierScore(hit.relevance, result.best, searchPrior(hit.paper.signals.upvotes, priorDate(hit.paper), now.getTime())),
  }));
}

function byScore(a: Ranked, b: Ranked): number {
  return compareRankKeys(
    { score: a.score, upvotes: a.hit.paper.signals.upvotes, id: a.hit.paper.id },
    { score: b.score, upvotes: b.hit.paper.signals.upvotes, id: b.hit.paper.id },
  );
}

/** Creates the search service. */
export function createSearchService(deps: SearchDeps): SearchService {
  const s = SEARCH_SETTINGS;

  /** The best `want` hits: strict (every word) first, then relaxed (any word) when strict matches are fewer. */
  async function localSearch(parsed: ParsedQuery, since: Date | null, want: number): Promise<Ranked[]> {
    const now = deps.clock.now();
    const base = { categories: parsed.categories, orgs: parsed.orgs, since, now, limit: want };
    const strict = compileQuery(parsed, { mode: 'all' });
    const strictResult = await deps.index.search({ ...base, text: strict.text, exclude: strict.exclude });
    const ranked = rankTier(strictResult, strict.text, now, 1 + s.relaxedBand, 1);
    if (strictResult.hits.length >= want || !strict.text) return ranked.sort(byScore);
    // Natural-language queries rarely have every word in one paper: fill up with any-word matches, ranked below.
    const relaxed = relaxQuery(parsed);
    if (!relaxed) return ranked.sort(byScore);
    const loose = compileQuery(relaxed, { mode: 'any' });
    const skipIds = new Set(strictResult.hits.map((h) => h.paper.id));
    const looseResult = await deps.index.search({
      ...base,
      limit: want - strictResult.hits.length,
      text: loose.text,
      exclude: loose.exclude,
      skipIds,
    });
    return [...ranked, ...rankTier(looseResult, loose.text, now, 0, s.relaxedBand)].sort(byScore);
  }

  async function federated(
    parsed: ParsedQuery,
    since: Date | null,
    known: Set<string>,
    limit: number,
  ): Promise<{ hits: SearchHit[]; note: string | null }> {
    const remote = deps.remote;
    if (!remote) return { hits: [], note: 'Showing stored papers only (remote sources are off).' };
    const text = remoteQueryText(parsed);
    // Hugging Face search cannot filter by author, category, organisation or exclusions: its results would break them.
    if (!text || parsed.authors.length + parsed.categories.length + parsed.orgs.length + parsed.excluded.length > 0)
      return { hits: [], note: null };
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
        if (paper)
          hits.push({ card: toCard(paper, 'from Hugging Face search'), score: 0.5 - i * 0.001, snippet: '', source: 'huggingface' });
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
        const snippet = r.text ? await deps.index.snippet(r.hit.paper.id, r.text) : '';
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
