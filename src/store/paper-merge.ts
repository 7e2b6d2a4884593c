/**
 * How one source's view of a paper folds into the stored row. Sources report different subsets (arXiv: no
 * upvotes or AI summary; Hugging Face: sometimes no categories), so nothing a source leaves out is ever erased.
 */
import type { Paper, SourcedPaper } from '../core/paper.ts';

/** The stored columns a merge decides, i.e. a paper without its id (and without the store's timestamps). */
export type MergedPaper = Omit<Paper, 'id'>;

const TEXT_FIELDS = [
  'title',
  'abstract',
  'publishedAt',
  'hfSubmittedAt',
  'aiSummary',
  'githubRepo',
  'projectPage',
  'thumbnail',
  'organization',
  'organizationHandle',
] as const;

const LIST_FIELDS = ['authors', 'categories', 'aiKeywords'] as const;

/** The columns of a paper nobody has said anything about yet. */
export const EMPTY_PAPER: MergedPaper = {
  version: null,
  title: '',
  abstract: '',
  authors: [],
  categories: [],
  publishedAt: null,
  hfSubmittedAt: null,
  aiSummary: null,
  aiKeywords: [],
  githubRepo: null,
  projectPage: null,
  thumbnail: null,
  organization: null,
  organizationHandle: null,
};

function given(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * Merges `incoming` over `stored`: a non-empty text or list overwrites, anything undefined, null or empty keeps
 * the stored value, and the version is the highest seen. `changed` says whether any column differs.
 */
export function mergePaper(stored: MergedPaper, incoming: SourcedPaper['paper']): { merged: MergedPaper; changed: boolean } {
  const merged: MergedPaper = { ...stored };
  let changed = false;
  for (const field of TEXT_FIELDS) {
    const value = incoming[field];
    if (given(value) && value !== stored[field]) {
      merged[field] = value;
      changed = true;
    }
  }
  for (const field of LIST_FIELDS) {
    const value = incoming[field];
    if (value && value.length > 0 && !sameList(value, stored[field])) {
      merged[field] = [...value];
      changed = true;
    }
  }
  const version = incoming.version;
  if (typeof version === 'number' && Number.isFinite(version) && (stored.version === null || version > stored.version)) {
    merged.version = version;
    changed = true;
  }
  return { merged, changed };
}
