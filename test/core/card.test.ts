import { describe, expect, it } from 'vitest';
import { cardSignals, toCard } from '../../src/core/card.ts';
import { storedPaper } from '../helpers/stored-papers.ts';

describe('cardSignals', () => {
  it.each([
    [{ upvotes: 0, comments: 0, githubStars: 0 }, []],
    [{ upvotes: 3, comments: 0, githubStars: 0 }, ['▲ 3']],
    [{ upvotes: 0, comments: 2, githubStars: 0 }, ['💬 2']],
    [{ upvotes: 0, comments: 0, githubStars: 41 }, ['★ 41']],
    [{ upvotes: 3, comments: 1, githubStars: 7 }, ['▲ 3', '💬 1', '★ 7']],
  ])('GIVEN stored signals %j THEN the card lists only the non-zero ones: %j', (signals, expected) => {
    expect(cardSignals(toCard(storedPaper({}, signals)))).toEqual(expected);
  });
});
