import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRanked, trendingScore, type Rankable, type TrendingInput } from '../../src/core/trending.ts';
import { GRAVITY, AGE_OFFSET_HOURS, HOUR_MS } from '../../src/core/ranking-constants.ts';

const NOW = new Date('2025-03-04T09:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR_MS).toISOString();

const count = fc.integer({ min: 0, max: 1_000_000 });
const age = fc.double({ min: 0, max: 24 * 365, noNaN: true });
const input = fc.record({
  upvotes: count,
  comments: count,
  githubStars: count,
  baseline: count,
  ageHours: age,
});

function toInput(p: { upvotes: number; comments: number; githubStars: number; baseline: number; ageHours: number }): TrendingInput {
  return {
    latest: { upvotes: p.upvotes, comments: p.comments, githubStars: p.githubStars },
    baseline: { upvotes: Math.min(p.baseline, p.upvotes), comments: 0, githubStars: 0 },
    submittedAt: hoursAgo(p.ageHours),
    now: NOW,
  };
}

describe('trendingScore', () => {
  it('GIVEN everything else equal WHEN a paper has more upvotes THEN it scores strictly higher', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 1000 }), (p, extra) => {
        const base = trendingScore(toInput(p)).score;
        const more = trendingScore(toInput({ ...p, upvotes: p.upvotes + extra })).score;
        expect(more).toBeGreaterThan(base);
      }),
    );
  });

  it('GIVEN everything else equal WHEN a paper is older THEN it scores strictly lower', () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0.5, max: 1000, noNaN: true }), (p, older) => {
        const fresh = trendingScore(toInput(p)).score;
        const aged = trendingScore(toInput({ ...p, ageHours: p.ageHours + older })).score;
        expect(aged).toBeLessThan(fresh);
      }),
    );
  });

  it('GIVEN more comments or stars THEN the score never falls', () => {
    fc.assert(
      fc.property(input, count, count, (p, comments, stars) => {
        const base = trendingScore(toInput(p)).score;
        const more = trendingScore(toInput({ ...p, comments: p.comments + comments, githubStars: p.githubStars + stars })).score;
        expect(more).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('GIVEN the same total WHEN more of it was gained in the last 24 h THEN the score is higher (velocity)', () => {
    const steady = trendingScore(toInput({ upvotes: 40, comments: 0, githubStars: 0, baseline: 40, ageHours: 30 }));
    const rising = trendingScore(toInput({ upvotes: 40, comments: 0, githubStars: 0, baseline: 0, ageHours: 30 }));
    expect(rising.velocity).toBe(40);
    expect(steady.velocity).toBe(0);
    expect(rising.score).toBeGreaterThan(steady.score);
  });

  it('GIVEN any numbers at all, including NaN, infinities, negatives and garbage dates THEN the score is finite and ≥ 0', () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_VALUE));
    fc.assert(
      fc.property(
        anyNumber,
        anyNumber,
        anyNumber,
        anyNumber,
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
        ),
        (u, c, s, b, when) => {
          const r = trendingScore({
            latest: { upvotes: u, comments: c, githubStars: s },
            baseline: { upvotes: b, comments: 0, githubStars: 0 },
            submittedAt: when,
            now: NOW,
          });
          for (const value of [r.score, r.points, r.velocity, r.ageHours]) {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('GIVEN the documented formula THEN a fresh paper with 10 upvotes scores (1 + 10 + 10 velocity) / 2^1.8', () => {
    const r = trendingScore(toInput({ upvotes: 10, comments: 0, githubStars: 0, baseline: 0, ageHours: 0 }));
    expect(r.points).toBe(21);
    expect(r.score).toBeCloseTo(21 / Math.pow(AGE_OFFSET_HOURS, GRAVITY), 10);
  });

  it('GIVEN a future submission date THEN its age counts as 0, not negative', () => {
    expect(trendingScore(toInput({ upvotes: 1, comments: 0, githubStars: 0, baseline: 1, ageHours: -5 })).ageHours).toBe(0);
  });
});

describe('compareRanked', () => {
  const item = fc.record({
    score: fc.constantFrom(0, 1, 2.5),
    upvotes: fc.constantFrom(0, 3),
    submittedAt: fc.constantFrom(hoursAgo(1), hoursAgo(5)),
    id: fc.constantFrom('2501.00001', '2501.00002', '2501.00003'),
  });

  it('GIVEN ties THEN they break on score, then upvotes, then newer, then id', () => {
    const a: Rankable = { score: 1, upvotes: 5, submittedAt: hoursAgo(5), id: '2501.00002' };
    expect(compareRanked(a, { ...a, score: 2 })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a, upvotes: 6 })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a, submittedAt: hoursAgo(1) })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a, id: '2501.00001' })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a })).toBe(0);
  });

  it('GIVEN any list THEN sorting is deterministic whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (list) => {
        const one = [...list].sort(compareRanked);
        const two = [...list].reverse().sort(compareRanked);
        expect(two).toEqual(one);
      }),
    );
  });
});
