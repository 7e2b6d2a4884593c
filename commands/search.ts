/** `/papers search`: the query language over stored papers (federated with Hugging Face), privately, with paging. */
import { defineCommand } from '../src/core/command.ts';
import { QUERY_GRAMMAR, describeQuery } from '../src/core/query/index.ts';
import { code } from '../src/core/reply.ts';
import { pagingFor } from './shared.ts';

/** Results per page when `limit` is not given. */
export const DEFAULT_SEARCH_LIMIT = 5;

/** The search subcommand. */
export const search = defineCommand({
  name: 'search',
  description: 'Search papers: words, "phrases", -exclude, a OR b, author:, cat:, org:, since:',
  options: [
    {
      kind: 'query',
      name: 'query',
      description: 'What to look for, e.g. "diffusion transformers" -survey author:"Yann LeCun"',
      required: true,
    },
    { kind: 'since', name: 'since', description: 'Only papers since then: 7d, 2w, 3m or a date like 2025-01-01' },
    { kind: 'integer', name: 'limit', description: 'Results per page', min: 1, max: 10, default: DEFAULT_SEARCH_LIMIT },
  ],
  who: 'anyone',
  visibility: 'private',
  actions: { paging: true, share: true },
  examples: [
    'search "diffusion transformers" -survey since:30d',
    'search author:"Yann LeCun" limit:10',
    'search cat:cs.CL retrieval OR RAG',
  ],
  details: `\`\`\`\n${QUERY_GRAMMAR}\n\`\`\``,
  async handler(ctx) {
    const { query, since, limit } = ctx.options;
    const request = { text: query.text, limit, offset: ctx.offset, ...(since === undefined ? {} : { since }) };
    const result = await ctx.services.search.search(request);
    const found = result.hits.length;
    const window = since === undefined ? '' : ` since ${since}`;
    let text: string;
    if (found > 0) text = `Papers ${ctx.offset + 1}–${ctx.offset + found}${window}, best first.`;
    else if (ctx.offset > 0) text = 'No more results.';
    else text = `No papers matched ${code(query.text)}${window}. Try fewer words, a OR b, or a longer since:.`;
    return {
      visibility: 'private',
      outcome: 'ok',
      title: `Search: ${describeQuery(query.query)}`,
      text,
      hits: result.hits,
      notes: result.notes,
      paging: pagingFor(ctx, limit, result.hasMore),
      shareable: found > 0,
    };
  },
});
