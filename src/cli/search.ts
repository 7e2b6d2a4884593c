/** `paperboy search "<query>" [--limit N] [--json]`: the search service from the shell. */
import type { App } from '../app.ts';
import { UserError } from '../core/errors.ts';
import type { SearchResult } from '../core/search-types.ts';
import { renderHits } from '../platforms/console/render-cards.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const SEARCH_USAGE = 'paperboy search "<query>" [--limit N] [--json]';

/** The `--json` shape of one hit (docs/architecture.md §14). */
export interface SearchJsonHit {
  id: string;
  title: string;
  score: number;
  url: string;
  source: 'local' | 'huggingface';
}

/** The `--json` array: best first. */
export function searchJson(result: SearchResult): SearchJsonHit[] {
  return result.hits.map((hit) => ({
    id: hit.card.id,
    title: hit.card.title,
    score: Number(hit.score.toFixed(6)),
    url: hit.card.url,
    source: hit.source,
  }));
}

/** Runs a search and prints it (or only the JSON array on stdout); notes go to stderr. */
export async function runSearch(app: App, argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { limit: { type: 'string' }, json: { type: 'boolean' } }, SEARCH_USAGE);
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError(`give a query\nusage: ${SEARCH_USAGE}`);
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw new UsageError(`--limit must be a whole number from 1 to 50\nusage: ${SEARCH_USAGE}`);
  let result: SearchResult;
  try {
    result = await app.search.search({ text, limit, offset: 0 });
  } catch (error) {
    // A query the language cannot read is bad usage, and its message already shows the grammar.
    if (error instanceof UserError) throw new UsageError(error.message);
    throw error;
  }
  for (const note of result.notes) out.note(note);
  if (values.json) out.line(JSON.stringify(searchJson(result), null, 2));
  else out.line(renderHits(`Search: ${text}`, result.hits, out.style));
  return 0;
}
