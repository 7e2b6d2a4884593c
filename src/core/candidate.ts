/** A paper that may be ranked into a digest or a trending list, with what the velocity term needs. */
import type { Signals, StoredPaper } from './paper.ts';

/** Engagement counters with every field present. */
export type Counters = Required<Signals>;

export interface Candidate {
  /** The paper with its latest signal observation. */
  paper: StoredPaper;
  /** When it was submitted to Hugging Face, else published on arXiv, else first seen (ISO, UTC). */
  submittedAt: string;
  /** The newest observation at or before the velocity window's start; zeros when first seen after it. */
  baseline: Counters;
}
