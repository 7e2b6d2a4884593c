/**
 * Hugging Face paper search (`/api/papers/search`) as a PaperSearchSource, for federated search
 * beside the local index.
 */
import type { PaperSearchSource } from '../core/ports.ts';
import { hfHeaders, hfUrl, jsonBody, type HfSourceDeps } from './hf-api.ts';
import { parseHfItems } from './hf-parse.ts';

/** HF enforces a short query length; clients cap it at 200 characters. */
export const HF_QUERY_MAX_CHARS = 200;
/** Search results come back one page at a time; more than this is never shown. */
export const HF_SEARCH_MAX_LIMIT = 100;

/** Creates the Hugging Face paper search source. */
export function createHfSearchSource(deps: HfSourceDeps): PaperSearchSource {
  const { http, baseUrl, token, log } = deps;
  const headers = hfHeaders(token);

  return {
    name: 'huggingface',

    async search(query, options) {
      const q = query.replace(/\s+/g, ' ').trim().slice(0, HF_QUERY_MAX_CHARS).trim();
      const wanted = Number.isFinite(options.limit) ? Math.floor(options.limit) : HF_SEARCH_MAX_LIMIT;
      const limit = Math.min(HF_SEARCH_MAX_LIMIT, Math.max(1, wanted));
      // Nothing to send: HF would answer 400, and no results is the honest answer.
      if (q === '') return { items: [], skipped: [] };
      const response = await http.get(hfUrl(baseUrl, '/api/papers/search', { q, limit }), {
        headers,
        deadlineMs: options.deadlineMs,
        retries: options.retries,
        signal: options.signal,
      });
      const what = 'Hugging Face paper search';
      const batch = parseHfItems(jsonBody(response, what), log, what);
      // The endpoint may ignore `limit`; callers rely on getting at most what they asked for.
      return { items: batch.items.slice(0, limit), skipped: batch.skipped };
    },
  };
}
