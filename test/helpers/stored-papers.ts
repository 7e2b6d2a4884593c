/** Stored papers as the store returns them, for rendering tests: an arXiv-only paper has no signals yet. */
import type { StoredPaper } from '../../src/core/paper.ts';

/** A stored paper; fields and signals override an arXiv-only paper nobody has voted on or discussed. */
export function storedPaper(
  overrides: Partial<Omit<StoredPaper, 'signals'>> = {},
  signals: Partial<StoredPaper['signals']> = {},
): StoredPaper {
  return {
    id: '2607.26654',
    version: 1,
    title: 'Constitutional Midtraining: Content Presence Drives Alignment Gains',
    abstract:
      'Post-training alignment is often shallow, eroding under fine-tuning. Whether midtraining interventions can help is untested.',
    authors: ['Desiree Cho', 'Cameron Tice', 'Bernie Hogan'],
    categories: ['cs.CL'],
    publishedAt: '2026-07-29T00:00:00.000Z',
    hfSubmittedAt: null,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    projectPage: null,
    thumbnail: null,
    organization: null,
    organizationHandle: null,
    firstSeenAt: '2026-07-30T01:00:00.000Z',
    updatedAt: '2026-07-30T01:00:00.000Z',
    ...overrides,
    signals: { upvotes: 0, comments: 0, githubStars: 0, observedAt: null, ...signals },
  };
}
