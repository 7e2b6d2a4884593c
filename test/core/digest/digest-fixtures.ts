/** Shared by the ranking, digest and delivery tests: the 44 real sample papers, re-dated when a test needs recent ones. */
import { readFileSync } from 'node:fs';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Candidate } from '../../../src/core/candidate.ts';
import type { SourcedPaper } from '../../../src/core/paper.ts';
import { parseHfItems } from '../../../src/sources/hf-parse.ts';

const SAMPLE_FILE = new URL('../../../fixtures/hf-daily-papers.sample.json', import.meta.url);

/** The bundled real Hugging Face sample, parsed as the HF source parses it. */
export function samplePapers(): SourcedPaper[] {
  return parseHfItems(JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')), silentLogger, 'sample').items;
}

/** A copy of `item` submitted to HF (and published) at `at`, with the given signals. */
export function redated(item: SourcedPaper, at: Date, signals: SourcedPaper['signals'] = item.signals): SourcedPaper {
  const iso = at.toISOString();
  return { ...item, paper: { ...item.paper, hfSubmittedAt: iso, publishedAt: iso }, ...(signals ? { signals } : {}) };
}

/** The sample paper whose title contains `fragment` (case-insensitive); throws when there is none. */
export function sampleByTitle(items: readonly SourcedPaper[], fragment: string): SourcedPaper {
  const found = items.find((item) => item.paper.title.toLowerCase().includes(fragment.toLowerCase()));
  if (!found) throw new Error(`no sample paper titled like "${fragment}"`);
  return found;
}

/** A pool candidate made from a sample item, as the store would return it. */
export function candidateOf(
  item: SourcedPaper,
  options: {
    submittedAt: Date;
    upvotes?: number;
    comments?: number;
    stars?: number;
    baselineUpvotes?: number;
    githubRepo?: string | null;
    title?: string;
  },
): Candidate {
  const p = item.paper;
  const iso = options.submittedAt.toISOString();
  const upvotes = options.upvotes ?? item.signals?.upvotes ?? 0;
  return {
    paper: {
      id: p.id,
      version: p.version ?? null,
      title: options.title ?? p.title,
      abstract: p.abstract ?? '',
      authors: p.authors ?? [],
      categories: p.categories ?? [],
      publishedAt: iso,
      hfSubmittedAt: iso,
      aiSummary: p.aiSummary ?? null,
      aiKeywords: p.aiKeywords ?? [],
      githubRepo: options.githubRepo === undefined ? (p.githubRepo ?? null) : options.githubRepo,
      projectPage: p.projectPage ?? null,
      thumbnail: p.thumbnail ?? null,
      organization: p.organization ?? null,
      organizationHandle: p.organizationHandle ?? null,
      firstSeenAt: iso,
      updatedAt: iso,
      signals: { upvotes, comments: options.comments ?? 0, githubStars: options.stars ?? 0, observedAt: iso },
    },
    submittedAt: iso,
    baseline: { upvotes: options.baselineUpvotes ?? upvotes, comments: 0, githubStars: 0 },
  };
}
