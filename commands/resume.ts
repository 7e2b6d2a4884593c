/** `/papers resume`: restart a paused channel's digests, publicly. */
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { publicReply } from '../src/core/reply.ts';
import { describeSchedule } from '../src/core/schedule/values.ts';
import { PAUSED_BY_COMMAND } from './pause.ts';
import { requireChannel } from './shared.ts';

/** The resume subcommand. */
export const resume = defineCommand({
  name: 'resume',
  description: "Resume this channel's scheduled digests",
  options: [],
  who: 'manager',
  managerAction: "resume this channel's digest",
  visibility: 'public',
  examples: ['resume'],
  precheck: async (ctx) => {
    const channel = await requireChannel(ctx);
    if (!channel.paused) throw new UserError(`The digest isn't paused. ${describeSchedule(channel)}.`);
  },
  async handler(ctx) {
    const channel = await requireChannel(ctx);
    await ctx.services.channels.setPaused(ctx.invocation.channel, false, null);
    // A pause the bot made itself (lost access) may come back if the cause was not fixed.
    const hint =
      channel.pauseReason && channel.pauseReason !== PAUSED_BY_COMMAND
        ? ` It was paused because: ${channel.pauseReason}. If that is not fixed, it will pause again.`
        : '';
    return publicReply(`Resumed this channel's digest. ${describeSchedule(channel)}.${hint}`);
  },
});
