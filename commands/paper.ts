/** `/papers paper`: one paper in full, by arXiv id or arXiv / Hugging Face URL. */
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { code } from '../src/core/reply.ts';
import { readableLatex, truncate } from '../src/core/text.ts';

/** Long abstracts are cut so the reply fits a Discord embed description and a Slack section. */
const MAX_ABSTRACT = 1500;

/** The paper subcommand. */
export const paper = defineCommand({
  name: 'paper',
  description: 'One paper in detail, by arXiv id or arXiv / Hugging Face link',
  options: [{ kind: 'paperId', name: 'id', description: 'An arXiv id, or an arXiv or Hugging Face paper URL', required: true }],
  who: 'anyone',
  visibility: 'private',
  actions: { share: true },
  examples: ['paper 2409.12917', 'paper https://arxiv.org/abs/2409.12917', 'paper https://huggingface.co/papers/2409.12917'],
  async handler(ctx) {
    const id = ctx.options.id;
    const detail = await ctx.services.paper(id);
    if (!detail) {
      throw new UserError(
        `I couldn't find ${code(id)} on arXiv or Hugging Face. Check the id, or look for the paper with ${code('/papers search')}.`,
        'not_found',
      );
    }
    const facts = [detail.publishedAt ? `Published ${detail.publishedAt.slice(0, 10)}` : null, detail.categories.join(', ') || null].filter(
      Boolean,
    );
    const abstract = detail.abstract.trim() === '' ? 'No abstract available.' : truncate(readableLatex(detail.abstract), MAX_ABSTRACT);
    return {
      visibility: 'private',
      outcome: 'ok',
      cards: [detail.card],
      text: [`**Abstract.** ${abstract}`, facts.join(' · ')].filter(Boolean).join('\n\n'),
      notes: detail.sourceNote ? [detail.sourceNote] : [],
      shareable: true,
    };
  },
});
