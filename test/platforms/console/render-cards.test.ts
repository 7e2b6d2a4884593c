import { describe, expect, it } from 'vitest';
import { toCard } from '../../../src/core/card.ts';
import { renderCard } from '../../../src/platforms/console/render-cards.ts';
import { plainStyle } from '../../../src/platforms/console/terminal-style.ts';
import { storedPaper } from '../../helpers/stored-papers.ts';

describe('renderCard', () => {
  it('GIVEN an arXiv-only paper nobody has voted on or discussed THEN the terminal shows no zero counts', () => {
    expect(renderCard(toCard(storedPaper()), 1, plainStyle).split('\n')).toEqual([
      '1. Constitutional Midtraining: Content Presence Drives Alignment Gains',
      '   Desiree Cho, Cameron Tice, Bernie Hogan',
      '   https://arxiv.org/abs/2607.26654',
      '   Post-training alignment is often shallow, eroding under fine-tuning.',
      '   arXiv: https://arxiv.org/abs/2607.26654  ·  PDF: https://arxiv.org/pdf/2607.26654',
    ]);
  });

  it('GIVEN upvotes and comments but no stars THEN both are shown before the link', () => {
    const card = toCard(storedPaper({ hfSubmittedAt: '2026-08-03T00:00:00.000Z' }, { upvotes: 3, comments: 1 }));
    expect(renderCard(card, 2, plainStyle).split('\n')[2]).toBe('   ▲ 3  💬 1   https://huggingface.co/papers/2607.26654');
  });
});
