/** `/papers paper`: one paper in full, from the store, else fetched once from the sources and stored. */
import { toCard } from './card.ts';
import type { Clock } from './clock.ts';
import type { PaperDetail } from './command-services.ts';
import { describeError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { StoredPaper } from './paper.ts';
import type { FetchOptions, PaperSource, PaperStore } from './ports.ts';

export interface PaperServiceDeps {
  store: PaperStore;
  /** Sources to ask, in order, for a paper the store does not have (empty when offline). */
  sources: PaperSource[];
  clock: Clock;
  log: Logger;
}

function detail(paper: StoredPaper, sourceNote?: string): PaperDetail {
  return {
    card: toCard(paper),
    abstract: paper.abstract,
    publishedAt: paper.publishedAt,
    categories: paper.categories,
    ...(sourceNote ? { sourceNote } : {}),
  };
}

/**
 * How a lookup someone is waiting for asks each source: one short try, no retries, so one source being down
 * costs at most this long before the next is asked. Retries with backoff belong to background refreshes
 * (docs/architecture.md §13).
 */
export const INTERACTIVE_FETCH = { timeoutMs: 1_500, retries: 0 } as const satisfies FetchOptions;

/** Looks a paper up by canonical id; null when no store or source knows it. */
export function createPaperLookup(deps: PaperServiceDeps): (id: string) => Promise<PaperDetail | null> {
  return async (id) => {
    const stored = await deps.store.get(id);
    if (stored) return detail(stored);
    for (const source of deps.sources) {
      try {
        const batch = await source.lookup([id], INTERACTIVE_FETCH);
        if (batch.items.length === 0) continue;
        await deps.store.upsertMany(batch.items, deps.clock.now());
        const fetched = await deps.store.get(id);
        const name = source.name === 'huggingface' ? 'Hugging Face' : 'arXiv';
        if (fetched) return detail(fetched, `Not in the local store yet; fetched from ${name} just now.`);
      } catch (error) {
        // One source down must not hide the paper another source has.
        deps.log.warn({ id, source: source.name, err: describeError(error) }, 'paper lookup failed');
      }
    }
    return null;
  };
}
