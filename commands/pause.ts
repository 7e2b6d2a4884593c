/** `/papers pause`: stop this channel's scheduled digests until resumed, publicly. */
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { code, publicReply } from '../src/core/reply.ts';
import { requireChannel } from './shared.ts';

/** Stored as the pause reason, shown by `/papers status` and `/papers topics`. */
export const PAUSED_BY_COMMAND = 'paused with /papers pause';

/** The pause subcommand. */
export const pause = defineCommand({
  name: 'pause',
  description: "Pause this channel's scheduled digests",
  options: [],
  who: 'manager',
  managerAction: "pause this channel's digest",
  visibility: 'public',
  examples: ['pause'],
  precheck: async (ctx) => {
    const channel = await requireChannel(ctx);
    if (channel.paused)
      throw new UserError(
        `The digest is already paused (${channel.pauseReason ?? 'no reason given'}). ${code('/papers resume')} restarts it.`,
      );
  },
  async handler(ctx) {
    await ctx.services.channels.setPaused(ctx.invocation.channel, true, PAUSED_BY_COMMAND);
    return publicReply(`Paused this channel's digest. ${code('/papers resume')} restarts it; topics and schedule are kept.`);
  },
});
