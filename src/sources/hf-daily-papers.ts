/**
 * Hugging Face Daily Papers as a PaperSource: the list of a UTC day, ISO week or month (paged),
 * the global trending list, and per-paper lookups via `/api/papers/{id}`.
 */
import { UserError } from '../core/errors.ts';
import type { SourceBatch, SourcedPaper, SkippedItem } from '../core/paper.ts';
import { parsePaperId } from '../core/paper-id.ts';
import type { FetchOptions, ListingRequest, PaperSource } from '../core/ports.ts';
import { checkListDate, checkListMonth, checkListWeek, hfHeaders, hfUrl, jsonBody, type HfSourceDeps } from './hf-api.ts';
import { keepHighestVersion, parseHfItems } from './hf-parse.ts';
import { HttpError } from './http.ts';

/** HF serves at most 100 items per page reliably (larger limits are undocumented). */
export const HF_PAGE_SIZE = 100;
/** 10,000 items is far past any real month; stops a server that never returns a short page. */
export const HF_MAX_PAGES = 100;

type ListParams = Record<string, string>;

/** Creates the Hugging Face Daily Papers source. */
export function createHfDailyPapersSource(deps: HfSourceDeps): PaperSource {
  const { http, baseUrl, token, log } = deps;
  const headers = hfHeaders(token);

  async function fetchJson(url: string, what: string, options: FetchOptions): Promise<unknown> {
    const response = await http.get(url, { headers, signal: options.signal, timeoutMs: options.timeoutMs, retries: options.retries });
    return jsonBody(response, what);
  }

  /** Pages `p = 0, 1, …` until a page comes back short, merging pages on paper id. */
  async function fetchPaged(params: ListParams, label: string, options: FetchOptions): Promise<SourceBatch> {
    let items: SourcedPaper[] = [];
    const skipped: SkippedItem[] = [];
    for (let page = 0; page < HF_MAX_PAGES; page++) {
      const url = hfUrl(baseUrl, '/api/daily_papers', { ...params, limit: HF_PAGE_SIZE, p: page });
      const what = `Hugging Face Daily Papers ${label} page ${page}`;
      const body = await withListErrors(label, () => fetchJson(url, what, options));
      const batch = parseHfItems(body, log, what);
      items = keepHighestVersion([...items, ...batch.items]);
      skipped.push(...batch.skipped);
      options.onProgress?.(items.length);
      // parseHfItems has checked that the body is an array; its raw length decides whether more pages follow.
      if ((body as unknown[]).length < HF_PAGE_SIZE) return { items, skipped };
    }
    log.warn(
      { source: 'huggingface', list: label, pages: HF_MAX_PAGES, items: items.length },
      'daily papers page cap reached; list may be incomplete',
    );
    return { items, skipped };
  }

  return {
    name: 'huggingface',

    supports(request) {
      return request.kind === 'day' || request.kind === 'week' || request.kind === 'month' || request.kind === 'trending';
    },

    async list(request: ListingRequest, options: FetchOptions = {}) {
      switch (request.kind) {
        case 'day':
          checkListDate(request.date);
          return fetchPaged({ date: request.date }, `for ${request.date}`, options);
        case 'week':
          checkListWeek(request.week);
          return fetchPaged({ week: request.week }, `for week ${request.week}`, options);
        case 'month':
          checkListMonth(request.month);
          return fetchPaged({ month: request.month }, `for month ${request.month}`, options);
        case 'trending': {
          // One page on purpose: trending is a global list, and HF ignores a date combined with it.
          const url = hfUrl(baseUrl, '/api/daily_papers', { sort: 'trending', limit: HF_PAGE_SIZE });
          const what = 'Hugging Face trending papers';
          const batch = parseHfItems(await fetchJson(url, what, options), log, what);
          options.onProgress?.(batch.items.length);
          return batch;
        }
        default:
          throw new UserError(`Hugging Face has no ${request.kind} listings`);
      }
    },

    async lookup(ids: string[], options: FetchOptions = {}) {
      const found: SourcedPaper[] = [];
      const skipped: SkippedItem[] = [];
      for (const id of new Set(ids)) {
        const parsed = parsePaperId(id);
        if (!parsed) {
          skipped.push({ ref: id.slice(0, 60), reason: 'not an arXiv id' });
          continue;
        }
        const path = `/api/papers/${parsed.id.split('/').map(encodeURIComponent).join('/')}`;
        const what = `Hugging Face paper ${parsed.id}`;
        let body: unknown;
        try {
          body = await fetchJson(hfUrl(baseUrl, path), what, options);
        } catch (error) {
          // Not indexed on Hugging Face: the port says unknown ids are simply left out.
          if (error instanceof HttpError && error.status === 404) continue;
          throw error;
        }
        const batch = parseHfItems([body], log, what);
        found.push(...batch.items);
        skipped.push(...batch.skipped);
        options.onProgress?.(found.length);
      }
      return { items: keepHighestVersion(found), skipped };
    },
  };
}

/** HF answers 400 for a future or impossible list date; that is the caller's request, not an outage. */
async function withListErrors<T>(label: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HttpError && error.status === 400) {
      throw new UserError(
        `The Hugging Face Daily Papers list ${label} is not available (HTTP 400: a future or invalid date)`,
        'bad_input',
        { cause: error },
      );
    }
    throw error;
  }
}
