/** `/papers digest`: preview the channel's next digest privately, or (managers) post one now. */
import { defineCommand } from '../src/core/command.ts';
import { privateReply } from '../src/core/reply.ts';

/** The digest subcommand. */
export const digest = defineCommand({
  name: 'digest',
  description: "Preview this channel's digest, or post it now",
  options: [
    {
      kind: 'choice',
      name: 'mode',
      description: 'Preview it privately, or post it now',
      choices: [
        { value: 'preview', description: 'show it only to me' },
        { value: 'now', description: 'post it to the channel now' },
      ],
      default: 'preview',
    },
  ],
  who: (options) => (options.mode === 'now' ? 'manager' : 'anyone'),
  managerAction: 'post a digest to this channel',
  visibility: 'private',
  whoHelp: 'preview: anyone; now: channel managers',
  examples: ['digest', 'digest now'],
  async handler(ctx) {
    const ref = ctx.invocation.channel;
    if (ctx.options.mode === 'preview') {
      const preview = await ctx.services.digests.preview(ref);
      const notes = ['Only you can see this preview; nothing in it counts as shown.'];
      return { visibility: 'private', outcome: 'ok', title: 'Digest preview', digest: preview, notes };
    }
    const result = await ctx.services.digests.postNow(ref, ctx.invocation.user.id);
    if (!result.posted) return privateReply(`Nothing was posted: ${result.reason ?? 'nothing new matched this channel'}.`, 'declined');
    const n = result.digest.cards.length;
    return privateReply(`Posted the digest to this channel (${n === 1 ? '1 paper' : `${n} papers`}).`);
  },
});
