/** The neutral view of one paper that every renderer (console, Discord, Slack) shows. */
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl } from './paper-id.ts';
import { authorsLine, firstSentence, readableLatex } from './text.ts';
import type { StoredPaper } from './paper.ts';

export interface CardLink {
  label: 'arXiv' | 'PDF' | 'code' | 'project';
  url: string;
}

export interface PaperCard {
  id: string;
  title: string;
  /** The Hugging Face paper page when the paper is known there, else the arXiv abstract page. */
  url: string;
  authors: string;
  organization: string | null;
  upvotes: number;
  comments: number;
  stars: number;
  /** One sentence: HF's AI summary, else the abstract's first sentence, LaTeX made readable. */
  summary: string;
  links: CardLink[];
  thumbnail: string | null;
  /** Why this paper is shown ("matches *diffusion*"); filled by ranking. */
  reason: string | null;
}

/**
 * The signals a card shows, each only when it is not zero (`▲ 3`, `💬 1`, `★ 7`): a paper nobody has voted on
 * or discussed yet (every arXiv-only paper) shows none rather than `▲ 0 · 💬 0`. Each renderer joins them its way.
 */
export function cardSignals(card: Pick<PaperCard, 'upvotes' | 'comments' | 'stars'>): string[] {
  const signals: string[] = [];
  if (card.upvotes > 0) signals.push(`▲ ${card.upvotes}`);
  if (card.comments > 0) signals.push(`💬 ${card.comments}`);
  if (card.stars > 0) signals.push(`★ ${card.stars}`);
  return signals;
}

/** True when Hugging Face knows the paper (it came from, or was seen by, HF). */
function knownToHf(paper: StoredPaper): boolean {
  return paper.hfSubmittedAt !== null || paper.thumbnail !== null || paper.signals.upvotes > 0 || paper.aiSummary !== null;
}

/** Builds the card of a stored paper. */
export function toCard(paper: StoredPaper, reason: string | null = null): PaperCard {
  const links: CardLink[] = [
    { label: 'arXiv', url: arxivAbsUrl(paper.id) },
    { label: 'PDF', url: arxivPdfUrl(paper.id) },
  ];
  if (paper.githubRepo) links.push({ label: 'code', url: paper.githubRepo });
  if (paper.projectPage) links.push({ label: 'project', url: paper.projectPage });
  return {
    id: paper.id,
    title: readableLatex(paper.title),
    url: knownToHf(paper) ? hfPaperUrl(paper.id) : arxivAbsUrl(paper.id),
    authors: authorsLine(paper.authors),
    organization: paper.organization,
    upvotes: paper.signals.upvotes,
    comments: paper.signals.comments,
    stars: paper.signals.githubStars,
    summary: readableLatex(paper.aiSummary ?? firstSentence(paper.abstract, 400)),
    links,
    thumbnail: paper.thumbnail,
    reason,
  };
}
