/** The neutral shapes of a search or trending result list, shared by commands and renderers. */
import type { PaperCard } from './card.ts';

/** Where a hit came from: the local store, or Hugging Face search merged in (federated search). */
export type HitSource = 'local' | 'huggingface';

export interface SearchHit {
  card: PaperCard;
  /** Orders one result list only; not comparable across queries. */
  score: number;
  /** A short excerpt with the matched words marked `**like this**`; empty when nothing matched in text. */
  snippet: string;
  source: HitSource;
}

export interface SearchRequest {
  /** The user's query in the query language (docs/architecture.md §6). */
  text: string;
  /** `7d`, `2w`, `2025-01-01`; overrides a `since:` inside the text. */
  since?: string;
  limit: number;
  offset: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when a next page exists. */
  hasMore: boolean;
  /** Short notes for the user, e.g. "Hugging Face unreachable; showing local results". */
  notes: string[];
}

/** Search over the store, federated with Hugging Face search when local results are few. */
export interface SearchService {
  search(request: SearchRequest): Promise<SearchResult>;
}
