/** `/papers schedule`: show (anyone, privately) or change (managers, publicly) the channel's digest schedule. */
import type { ChannelPatch } from '../src/core/channel.ts';
import { defineCommand, type OptionMap } from '../src/core/command.ts';
import { code, privateReply } from '../src/core/reply.ts';
import { describeSchedule } from '../src/core/schedule/values.ts';
import { suggestTimezones } from '../src/core/timezone-suggest.ts';
import { NOT_SET_UP, ensureChannel, postingNotes } from './shared.ts';

/** Largest digest: Discord shows at most 10 embeds per message (docs/architecture.md §11). */
export const MAX_DIGEST_SIZE = 10;

function changes(options: OptionMap): boolean {
  return Object.values(options).some((v) => v !== undefined);
}

/** The schedule subcommand. */
export const schedule = defineCommand({
  name: 'schedule',
  description: "Show or change when this channel's digest is posted",
  options: [
    { kind: 'time', name: 'time', description: 'Local time of the digest, 24-hour HH:MM, e.g. 09:00' },
    {
      kind: 'timezone',
      name: 'timezone',
      description: 'IANA timezone, e.g. Europe/Berlin, America/New_York or UTC',
      autocomplete: (partial) => suggestTimezones(partial).map((z) => ({ name: z, value: z })),
    },
    { kind: 'days', name: 'days', description: 'weekdays, weekends, daily, a list like mon,wed,fri or a range like mon-fri' },
    { kind: 'integer', name: 'size', description: 'Papers per digest', min: 1, max: MAX_DIGEST_SIZE },
    { kind: 'integer', name: 'min_upvotes', description: 'Only papers with at least this many upvotes', min: 0, max: 100_000 },
    {
      kind: 'choice',
      name: 'empty',
      description: 'What a day with nothing new posts',
      choices: [
        { value: 'say', description: 'a short line' },
        { value: 'skip', description: 'nothing' },
      ],
    },
    {
      kind: 'choice',
      name: 'thread',
      description: 'Post each paper as a reply in a thread under one header message',
      choices: [
        { value: 'on', description: 'header + a thread of papers' },
        { value: 'off', description: 'one message with every paper' },
      ],
    },
  ],
  who: (options) => (changes(options) ? 'manager' : 'anyone'),
  managerAction: "change this channel's digest schedule",
  visibility: (options) => (changes(options) ? 'public' : 'private'),
  whoHelp: 'channel managers (anyone may see the schedule by giving no options)',
  examples: [
    'schedule',
    'schedule time:09:00 timezone:Europe/Berlin days:weekdays',
    'schedule 08:30 size:3 min_upvotes:10 empty:skip',
    'schedule thread:on',
  ],
  async handler(ctx) {
    const { time, timezone, days, size, min_upvotes: minUpvotes, empty, thread } = ctx.options;
    if (!changes(ctx.options)) {
      const channel = await ctx.services.channels.get(ctx.invocation.channel);
      if (!channel) return privateReply(NOT_SET_UP);
      const paused = channel.paused ? `\n**Paused:** ${channel.pauseReason ?? 'yes'}. ${code('/papers resume')} restarts it.` : '';
      return privateReply(`${describeSchedule(channel)}.${paused}`, 'ok', { title: 'Schedule' });
    }
    await ensureChannel(ctx, timezone);
    const patch: ChannelPatch = {};
    if (time !== undefined) patch.digestTime = time;
    if (timezone !== undefined) patch.timezone = timezone;
    if (days !== undefined) patch.days = days;
    if (size !== undefined) patch.size = size;
    if (minUpvotes !== undefined) patch.minUpvotes = minUpvotes;
    if (empty !== undefined) patch.empty = empty;
    if (thread !== undefined) patch.threadMode = thread === 'on';
    const updated = await ctx.services.channels.update(ctx.invocation.channel, patch);
    const paused = updated.paused ? ` The digest is paused; ${code('/papers resume')} restarts it.` : '';
    return { visibility: 'public', outcome: 'ok', text: `${describeSchedule(updated)}.${paused}`, notes: postingNotes(ctx) };
  },
});
