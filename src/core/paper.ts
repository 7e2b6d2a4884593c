/** The paper as paperboy knows it, merged from every source on its canonical arXiv id. */
export interface Paper {
  /** Canonical arXiv id without version: `2409.12917`, `hep-th/9901001`. */
  id: string;
  /** Highest arXiv version seen, or null when no source said. */
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** ISO instants (UTC). */
  publishedAt: string | null;
  hfSubmittedAt: string | null;
  aiSummary: string | null;
  aiKeywords: string[];
  githubRepo: string | null;
  projectPage: string | null;
  thumbnail: string | null;
  /** The Hugging Face organization's display name (`Multimedia and Human Understanding Group`). */
  organization: string | null;
  /** The same organization's handle, the one in its URL (`MHUGLab`); `org:` matches either (docs/architecture.md §6). */
  organizationHandle: string | null;
}

/** Engagement counters observed at one moment; missing = the source did not report it. */
export interface Signals {
  upvotes?: number;
  comments?: number;
  githubStars?: number;
}

export type SourceName = 'huggingface' | 'arxiv';

/**
 * What one source says about one paper. Only `id` and `title` are required; any other field the
 * source did not report is left out, and the store keeps what it already had.
 */
export interface SourcedPaper {
  source: SourceName;
  paper: Pick<Paper, 'id' | 'title'> & Partial<Omit<Paper, 'id' | 'title'>>;
  signals?: Signals;
  /** True when the source marks this as a new version of an older paper (arXiv `replace`). */
  replacement?: boolean;
}

/** A stored paper with its latest signal observation. */
export interface StoredPaper extends Paper {
  firstSeenAt: string;
  updatedAt: string;
  signals: Required<Signals> & { observedAt: string | null };
}

/** Why one item of a source's response was not used. */
export interface SkippedItem {
  ref: string;
  reason: string;
}

/** One batch of papers from a source, with the items it had to skip. */
export interface SourceBatch {
  items: SourcedPaper[];
  skipped: SkippedItem[];
}
