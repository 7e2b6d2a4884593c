/** The diversity pass: near-duplicate titles and papers sharing a code repository do not both make a digest. */
import { NEAR_DUPLICATE_TITLE_JACCARD, TITLE_WORD_MIN_LENGTH } from './ranking-constants.ts';

/** The identity-bearing words of a title: NFKC, lower-cased, letters and digits only, short words dropped. */
export function titleWords(title: string): Set<string> {
  const words = title
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= TITLE_WORD_MIN_LENGTH);
  return new Set(words);
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar (0), so titles made only of short words never collide. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** `github.com/owner/repo` from any spelling of a repo URL (scheme, www, `.git`, trailing slash, case, subpaths). */
export function repoKey(url: string | null): string | null {
  if (!url) return null;
  const m = /^(?:[a-z]+:\/\/)?(?:www\.)?([^/\s]+)\/([^/\s#?]+)\/([^/\s#?]+)/i.exec(url.trim());
  if (!m?.[1] || !m[2] || !m[3]) return url.trim().toLowerCase() || null;
  return `${m[1]}/${m[2]}/${m[3].replace(/\.git$/i, '')}`.toLowerCase();
}

/** What the pass compares. */
export interface DiversityItem {
  title: string;
  githubRepo: string | null;
}

/**
 * Keeps items in order, dropping each one whose title is a near-duplicate of (Jaccard ≥ threshold), or whose repo
 * equals, an item already kept; stops at `limit`. The better-ranked of two duplicates wins because it came first.
 */
export function diversify<T extends DiversityItem>(items: Iterable<T>, limit: number): T[] {
  const kept: T[] = [];
  const keptWords: Array<Set<string>> = [];
  const keptRepos = new Set<string>();
  for (const item of items) {
    if (kept.length >= limit) break;
    const repo = repoKey(item.githubRepo);
    if (repo !== null && keptRepos.has(repo)) continue;
    const words = titleWords(item.title);
    if (keptWords.some((other) => jaccard(words, other) >= NEAR_DUPLICATE_TITLE_JACCARD)) continue;
    kept.push(item);
    keptWords.push(words);
    if (repo !== null) keptRepos.add(repo);
  }
  return kept;
}
