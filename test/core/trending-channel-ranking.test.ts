import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankForChannel, scorePool, type ChannelTopicMatches } from '../../src/core/channel-ranking.ts';
import { RELEVANCE_BLEND } from '../../src/core/ranking-constants.ts';
import { compareRanked } from '../../src/core/trending.ts';
import { candidateOf, samplePapers } from './digest/digest-fixtures.ts';

const HOUR = 3_600_000;
const NOW = new Date('2025-03-04T08:00:00.000Z');
const SAMPLE = samplePapers();

const poolArb = fc.array(
  fc.record({
    upvotes: fc.integer({ min: 0, max: 60 }),
    baseline: fc.integer({ min: 0, max: 60 }),
    hoursAgo: fc.integer({ min: 0, max: 200 }),
  }),
  { minLength: 1, maxLength: SAMPLE.length },
);
const topicsArb = fc.option(
  fc.array(fc.array(fc.tuple(fc.nat({ max: SAMPLE.length - 1 }), fc.double({ min: 0.01, max: 30, noNaN: true })), { maxLength: 30 }), {
    minLength: 1,
    maxLength: 5,
  }),
  { nil: null },
);

describe('rankForChannel', () => {
  it('GIVEN any pool, topics, window, min upvotes and limit THEN it equals the naive rank: filter, blend, full sort, cut', () => {
    fc.assert(
      fc.property(
        poolArb,
        topicsArb,
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 50 }),
        (spec, topicSpec, sinceHours, minUpvotes, limit) => {
          const candidates = spec.map((p, i) =>
            candidateOf(SAMPLE[i] ?? SAMPLE[0]!, {
              submittedAt: new Date(NOW.getTime() - p.hoursAgo * HOUR),
              upvotes: p.upvotes,
              baselineUpvotes: Math.min(p.baseline, p.upvotes),
            }),
          );
          const scored = scorePool(candidates, NOW);
          const topics: ChannelTopicMatches[] | null =
            topicSpec === null
              ? null
              : topicSpec.map((pairs, t) => ({
                  key: `t${t}`,
                  label: `topic ${t}`,
                  matches: new Map(pairs.filter(([i]) => i < candidates.length).map(([i, r]) => [candidates[i]!.paper.id, r])),
                }));
          const window = { since: new Date(NOW.getTime() - sinceHours * HOUR) };
          const channel = { minUpvotes };

          const naive = scored
            .filter((s) => s.submittedAt >= window.since.toISOString() && s.upvotes >= minUpvotes)
            .flatMap((s) => {
              if (topics === null) return [{ ...s, topic: null as string | null }];
              let best: { r: number; label: string } | null = null;
              for (const t of topics) {
                const rel = t.matches.get(s.id);
                if (rel === undefined) continue;
                const r = rel / Math.max(...t.matches.values());
                if (!best || r > best.r) best = { r, label: t.label };
              }
              return best ? [{ ...s, score: s.score * (1 + RELEVANCE_BLEND * best.r), topic: best.label as string | null }] : [];
            })
            .sort(compareRanked)
            .slice(0, limit);

          const fast = rankForChannel({ channel, window, scored, topics, limit });
          expect(fast.map((p) => [p.id, p.topic])).toEqual(naive.map((p) => [p.id, p.topic]));
          for (const [i, p] of fast.entries()) expect(p.score).toBeCloseTo(naive[i]!.score, 12);
          const unlimited = rankForChannel({ channel, window, scored, topics });
          expect(unlimited.slice(0, limit).map((p) => p.id)).toEqual(naive.map((p) => p.id));
        },
      ),
      { numRuns: 300 },
    );
  });
});
