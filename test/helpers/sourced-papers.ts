/** What a source says about a paper, built for store and core tests: a Hugging Face item or an arXiv one. */
import type { SourcedPaper } from '../../src/core/paper.ts';

/** A Hugging Face item; `paper` fields override the defaults. */
export function hfItem(
  id: string,
  paper: Partial<SourcedPaper['paper']> = {},
  signals: SourcedPaper['signals'] = { upvotes: 10 },
): SourcedPaper {
  return {
    source: 'huggingface',
    paper: { id, title: `Paper ${id}`, abstract: `Abstract of ${id}.`, authors: ['Ada Lovelace'], ...paper },
    signals,
  };
}

/** An arXiv item (no signals); `paper` fields override the defaults. */
export function arxivItem(id: string, paper: Partial<SourcedPaper['paper']> = {}): SourcedPaper {
  return { source: 'arxiv', paper: { id, title: `Paper ${id}`, ...paper } };
}
