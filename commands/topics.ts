/** `/papers topics`: the channel's topics and schedule, privately. */
import { MAX_TOPICS_PER_CHANNEL } from '../src/core/channel.ts';
import { defineCommand } from '../src/core/command.ts';
import { code, privateReply } from '../src/core/reply.ts';
import { describeSchedule } from '../src/core/schedule/values.ts';
import { NOT_SET_UP } from './shared.ts';

/** The topics subcommand. */
export const topics = defineCommand({
  name: 'topics',
  description: "This channel's topics and digest schedule",
  options: [],
  who: 'anyone',
  visibility: 'private',
  examples: ['topics'],
  async handler(ctx) {
    const ref = ctx.invocation.channel;
    const channel = await ctx.services.channels.get(ref);
    if (!channel) return privateReply(`${NOT_SET_UP}\nFor example: ${code('/papers subscribe "diffusion models"')}`);
    const list = await ctx.services.channels.topics(ref);
    const lines =
      list.length === 0
        ? [`No topics: the digest shows overall trending papers. Add one with ${code('/papers subscribe <topic>')}.`]
        : [`**Topics (${list.length} of ${MAX_TOPICS_PER_CHANNEL})**`, ...list.map((t) => `• ${code(t.raw)}`)];
    lines.push('', `**Schedule:** ${describeSchedule(channel)}.`);
    if (channel.paused) lines.push(`**Paused:** ${channel.pauseReason ?? 'yes'}. ${code('/papers resume')} restarts it.`);
    return privateReply(lines.join('\n'), 'ok', { title: 'Topics' });
  },
});
