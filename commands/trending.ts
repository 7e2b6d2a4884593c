/** `/papers trending`: what is trending today, this week or this month, optionally within a topic. */
import { defineCommand } from '../src/core/command.ts';
import type { TrendingPeriod } from '../src/core/command-services.ts';
import { describeQuery } from '../src/core/query/index.ts';
import { pagingFor } from './shared.ts';

/** Papers per trending page; trending has no limit option. */
export const TRENDING_PAGE_SIZE = 5;

const LABEL: Record<TrendingPeriod, string> = { day: 'today', week: 'this week', month: 'this month' };

/** The trending subcommand. */
export const trending = defineCommand({
  name: 'trending',
  description: 'The most upvoted papers today, this week or this month',
  options: [
    {
      kind: 'choice',
      name: 'period',
      description: 'Trending over which period',
      choices: [
        { value: 'day', description: 'today' },
        { value: 'week', description: 'this week' },
        { value: 'month', description: 'this month' },
      ],
      default: 'day',
    },
    { kind: 'topic', name: 'topic', description: 'Only papers matching this topic, e.g. cat:cs.CV or "video generation"' },
  ],
  who: 'anyone',
  visibility: 'private',
  actions: { paging: true, share: true },
  examples: ['trending', 'trending week', 'trending month topic:"video generation"'],
  async handler(ctx) {
    const period: TrendingPeriod = ctx.options.period;
    const topic = ctx.options.topic;
    const result = await ctx.services.trending({
      period,
      limit: TRENDING_PAGE_SIZE,
      offset: ctx.offset,
      ...(topic === undefined ? {} : { topic: topic.text }),
    });
    const found = result.hits.length;
    const about = topic === undefined ? '' : ` · ${describeQuery(topic.query)}`;
    return {
      visibility: 'private',
      outcome: 'ok',
      title: `Trending ${LABEL[period]}${about}`,
      text:
        found > 0
          ? undefined
          : ctx.offset > 0
            ? 'No more papers.'
            : `Nothing is trending ${LABEL[period]}${topic ? ' for that topic' : ''} yet.`,
      hits: result.hits,
      notes: result.notes,
      paging: pagingFor(ctx, TRENDING_PAGE_SIZE, result.hasMore),
      shareable: found > 0,
    };
  },
});
