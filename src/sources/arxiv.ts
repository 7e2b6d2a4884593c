/**
 * The arXiv source: daily category listings from rss.arxiv.org, lookups by id and free-text search
 * through the export API, all over one HTTP client that keeps arXiv's one-request-per-3-s rule.
 */
import { systemClock, type Clock } from '../core/clock.ts';
import { PaperboyError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SkippedItem, SourceBatch, SourcedPaper } from '../core/paper.ts';
import { parsePaperId } from '../core/paper-id.ts';
import type { PaperSearchSource, PaperSource } from '../core/ports.ts';
import { parseArxivAtom } from './arxiv-atom.ts';
import { buildArxivSearchQuery, isArxivCategory, isPlausibleArxivId } from './arxiv-query.ts';
import { parseArxivListing } from './arxiv-rss.ts';
import { createHttpClient, createSpacingGate, HttpError, type HttpClient, type RequestOptions } from './http.ts';

/** arXiv's terms of use: no more than one request every three seconds, one connection at a time. */
export const ARXIV_MIN_GAP_MS = 3_000;
/** Ids per export API call: well under arXiv's page limit and keeps URLs short. */
export const ARXIV_LOOKUP_CHUNK = 100;
/** Results per search: the bot shows ten at most; the rest leave room for merging with local hits. */
export const ARXIV_MAX_SEARCH_RESULTS = 50;

const XML_HEADERS = { accept: 'application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8' };

/**
 * The HTTP client for every arXiv call: each attempt, retries included, passes one spacing gate.
 * Create it once per process and share it; a second client would have a gate of its own.
 */
export function createArxivHttp(deps: { clock: Clock; log: Logger; fetch?: typeof fetch }): HttpClient {
  return createHttpClient({
    clock: deps.clock,
    log: deps.log.child({ source: 'arxiv' }),
    fetch: deps.fetch,
    gate: createSpacingGate(ARXIV_MIN_GAP_MS, deps.clock),
  });
}

/** Dependencies of the arXiv source; `clock` (default: the system clock) times search deadlines. */
export interface ArxivSourceDeps {
  http: HttpClient;
  apiUrl: string;
  rssUrl: string;
  log: Logger;
  clock?: Clock;
}

type AtomBatch = SourceBatch & { totalResults: number | null };

/** Creates the arXiv source: `{kind:'category'}` listings, `lookup` by id and `search`. */
export function createArxivSource(deps: ArxivSourceDeps): PaperSource & { search: PaperSearchSource['search'] } {
  const apiUrl = deps.apiUrl.replace(/\/+$/, '');
  const rssUrl = deps.rssUrl.replace(/\/+$/, '');
  const log = deps.log.child({ source: 'arxiv' });
  const clock = deps.clock ?? systemClock;

  async function query(params: URLSearchParams, request: RequestOptions): Promise<AtomBatch> {
    const url = `${apiUrl}/query?${params.toString()}`;
    const started = clock.now().getTime();
    const first = parseArxivAtom((await deps.http.get(url, { ...request, headers: XML_HEADERS })).text, log);
    if (!isEmptyPage(first)) return first;
    // A known API instability: a page with no entries although totalResults > 0; a retry usually fills it.
    // A call allowed no retries (someone is waiting, docs/architecture.md §13) does not retry this either.
    if (request.retries === 0) {
      log.warn({ totalResults: first.totalResults }, 'arxiv api returned an empty page; not retried');
      return first;
    }
    let deadlineMs = request.deadlineMs;
    if (deadlineMs !== undefined) {
      deadlineMs -= clock.now().getTime() - started;
      if (deadlineMs <= 0) {
        log.warn({ totalResults: first.totalResults }, 'arxiv api returned an empty page; no time left to retry');
        return first;
      }
    }
    log.warn({ totalResults: first.totalResults }, 'arxiv api returned an empty page; retrying once');
    const second = parseArxivAtom((await deps.http.get(url, { ...request, deadlineMs, headers: XML_HEADERS })).text, log);
    if (isEmptyPage(second)) log.warn({ totalResults: second.totalResults }, 'arxiv api returned an empty page again');
    return second;
  }

  return {
    name: 'arxiv',

    supports: (request) => request.kind === 'category',

    async list(request, options = {}) {
      if (request.kind !== 'category') {
        throw new PaperboyError('bad_input', `arXiv lists categories only, not '${request.kind}'`);
      }
      const category = request.category.trim();
      if (!isArxivCategory(category)) {
        throw new PaperboyError('bad_input', `not an arXiv category: ${JSON.stringify(category.slice(0, 60))}`);
      }
      const response = await deps.http.get(`${rssUrl}/rss/${category}`, { headers: XML_HEADERS, signal: options.signal });
      const batch = parseArxivListing(response.text, log);
      options.onProgress?.(batch.items.length);
      log.info(
        { category, items: batch.items.length, skipped: batch.skipped.length, announcedAt: batch.announcedAt },
        'arxiv listing read',
      );
      return batch;
    },

    async lookup(ids, options = {}) {
      const skipped: SkippedItem[] = [];
      const wanted = new Set<string>();
      for (const raw of ids) {
        const id = parsePaperId(raw)?.id;
        if (id && isPlausibleArxivId(id)) wanted.add(id);
        else skipped.push({ ref: raw, reason: 'not an arXiv id' });
      }
      const items: SourcedPaper[] = [];
      const all = [...wanted];
      for (let start = 0; start < all.length; start += ARXIV_LOOKUP_CHUNK) {
        const chunk = all.slice(start, start + ARXIV_LOOKUP_CHUNK);
        const params = new URLSearchParams({ id_list: chunk.join(','), max_results: String(chunk.length) });
        try {
          const batch = await query(params, { signal: options.signal, timeoutMs: options.timeoutMs, retries: options.retries });
          // Only what was asked for: a stray entry must not slip into the store under a lookup.
          items.push(...batch.items.filter((item) => wanted.has(item.paper.id)));
          skipped.push(...batch.skipped);
        } catch (error) {
          if (!(error instanceof PaperboyError) || error instanceof HttpError || error.code !== 'bad_input') throw error;
          // arXiv refuses the whole call over one id it dislikes; lose this chunk, not the lookup.
          log.warn({ ids: chunk.length, error: error.message }, 'arxiv rejected a lookup chunk');
          skipped.push(...chunk.map((id) => ({ ref: id, reason: `arXiv rejected the lookup: ${error.message}` })));
        }
        options.onProgress?.(items.length);
      }
      return { items, skipped };
    },

    async search(text, options) {
      const searchQuery = buildArxivSearchQuery(text);
      if (searchQuery === null) {
        log.debug({}, 'arxiv search skipped: no searchable words');
        return { items: [], skipped: [] };
      }
      const limit = Number.isFinite(options.limit) ? Math.trunc(options.limit) : ARXIV_MAX_SEARCH_RESULTS;
      const params = new URLSearchParams({
        search_query: searchQuery,
        start: '0',
        max_results: String(Math.min(ARXIV_MAX_SEARCH_RESULTS, Math.max(1, limit))),
        sortBy: 'relevance',
        sortOrder: 'descending',
      });
      return query(params, { deadlineMs: options.deadlineMs, retries: options.retries, signal: options.signal });
    },
  };
}

function isEmptyPage(batch: AtomBatch): boolean {
  return batch.items.length === 0 && batch.skipped.length === 0 && (batch.totalResults ?? 0) > 0;
}
