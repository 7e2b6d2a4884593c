/** `/papers trending`: the best trending papers of a day, week or month, optionally within a topic. */
import { toCard } from './card.ts';
import type { Clock } from './clock.ts';
import type { TrendingRequest } from './command-services.ts';
import { rankForChannel, scorePool } from './channel-ranking.ts';
import { reasonLine } from './digest/text.ts';
import type { Logger } from './logger.ts';
import type { CandidateStore } from './ports.ts';
import {
  DAY_MS,
  SUBMISSION_GRANULARITY_MS,
  TRENDING_PERIOD_DAYS,
  VELOCITY_REASON_MIN_UPVOTES,
  VELOCITY_WINDOW_MS,
} from './ranking-constants.ts';
import type { SearchHit, SearchResult } from './search-types.ts';
import { compileTopic } from './query/topic.ts';

/** What the trending service needs. */
export interface TrendingServiceDeps {
  candidates: CandidateStore;
  clock: Clock;
  log: Logger;
}

/** The trending operation, shaped as CommandServices.trending. */
export interface TrendingService {
  trending(request: TrendingRequest): Promise<SearchResult>;
}

/** The start of a trending period at `now`: N days back, floored to the UTC day HF stamps its lists with. */
export function trendingSince(period: TrendingRequest['period'], now: Date): Date {
  const start = now.getTime() - TRENDING_PERIOD_DAYS[period] * DAY_MS;
  return new Date(Math.floor(start / SUBMISSION_GRANULARITY_MS) * SUBMISSION_GRANULARITY_MS);
}

/** Creates the trending service. */
export function createTrendingService(deps: TrendingServiceDeps): TrendingService {
  return {
    async trending(request) {
      const now = deps.clock.now();
      const since = trendingSince(request.period, now);
      // Parse before touching the store, so a bad topic costs nothing.
      const topic = request.topic === undefined ? null : compileTopic(request.topic);
      // One topic at most: the store's own index beats indexing a month of papers for it.
      const pool = await deps.candidates.loadPool({ since, until: now, velocityWindowMs: VELOCITY_WINDOW_MS, topicIndex: 'corpus' });
      try {
        const scored = scorePool(pool.candidates, now);
        const topics = topic
          ? [
              {
                key: topic.key,
                label: topic.label,
                matches: (await pool.matchTopics([topic.query])).get(topic.key) ?? new Map<string, number>(),
              },
            ]
          : null;
        const end = request.offset + request.limit;
        // One more than the page tells whether a next page exists.
        const ranked = rankForChannel({ channel: { minUpvotes: 0 }, window: { since }, scored, topics, limit: end + 1 });
        const hits: SearchHit[] = ranked.slice(request.offset, end).map((p) => {
          const velocity = reasonLine({ velocity: p.trending.velocity }, VELOCITY_REASON_MIN_UPVOTES);
          // Every hit matches the asked topic and is trending: only a velocity is worth a reason line.
          return {
            card: toCard(p.candidate.paper, velocity === 'trending' ? null : velocity),
            score: p.score,
            snippet: '',
            source: 'local',
          };
        });
        deps.log.debug({ period: request.period, candidates: pool.candidates.length, hits: hits.length }, 'trending page');
        return { hits, hasMore: ranked.length > end, notes: [] };
      } finally {
        pool.close();
      }
    },
  };
}
