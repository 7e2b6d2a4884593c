/** Helpers the subcommand handlers share: channel lookups, paging, instants in a channel's timezone. */
import type { ChannelSettings } from '../src/core/channel.ts';
import type { CommandContext } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import type { Paging } from '../src/core/reply.ts';

/** Said whenever a command needs a channel that no subscribe or schedule has set up yet. */
export const NOT_SET_UP =
  'This channel has no digest yet. A channel manager can start one with `/papers subscribe <topic>` or `/papers schedule time:09:00`.';

/** The channel's settings, or a UserError saying how to set it up. */
export async function requireChannel(ctx: CommandContext): Promise<ChannelSettings> {
  const channel = await ctx.services.channels.get(ctx.invocation.channel);
  if (!channel) throw new UserError(NOT_SET_UP, 'not_found');
  return channel;
}

/** The channel's settings, creating the channel (with `timezone`, else the default) on first use. */
export function ensureChannel(ctx: CommandContext, timezone?: string): Promise<ChannelSettings> {
  const { invocation, services, now } = ctx;
  const init = { timezone: timezone ?? services.defaults.timezone, createdBy: invocation.user.id, workspaceId: invocation.workspaceId };
  return services.channels.ensure(invocation.channel, init, now);
}

/** Prev/Next for a page of `limit` results at the context's offset. */
export function pagingFor(ctx: CommandContext, limit: number, hasMore: boolean): Paging {
  return { subcommand: ctx.invocation.subcommand.toLowerCase(), options: ctx.invocation.options, offset: ctx.offset, limit, hasMore };
}

/** "Tue 4 Mar, 09:10 Europe/Berlin": an ISO instant in a channel's timezone. */
export function formatInstant(iso: string, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  try {
    return `${format(timezone)} ${timezone}`;
  } catch {
    return `${format('UTC')} UTC`;
  }
}

/** The note subscribe and schedule add when the adapter says the bot cannot post here. */
export function postingNotes(ctx: CommandContext): string[] {
  const problem = ctx.invocation.postingProblem;
  return problem ? [`⚠️ ${problem}`] : [];
}
