/** `/papers status`: sources' health, next digest, last delivery and pause state, privately. */
import { defineCommand } from '../src/core/command.ts';
import type { SourceHealth, StatusReport } from '../src/core/command-services.ts';
import { privateReply } from '../src/core/reply.ts';
import { truncate } from '../src/core/text.ts';
import { formatInstant } from './shared.ts';

function sourceLine(source: SourceHealth, timezone: string): string {
  const ok = source.lastOk ? `last success ${formatInstant(source.lastOk, timezone)}` : 'no success yet';
  const failed = source.lastError
    ? `; last error ${formatInstant(source.lastError.at, timezone)}: ${truncate(source.lastError.message, 200)}`
    : '';
  return `• **${source.name}**: ${ok}${failed}`;
}

function schedulerText(scheduler: NonNullable<StatusReport['scheduler']>, timezone: string): string {
  const last = scheduler.lastTickAt ? `last tick ${formatInstant(scheduler.lastTickAt, timezone)}` : 'no tick yet';
  return scheduler.healthy ? `running (${last})` : `not ticking (${last}); digests may be late`;
}

function statusText(report: StatusReport): string {
  const tz = report.timezone;
  const lines = ['**Sources**', ...(report.sources.length > 0 ? report.sources.map((s) => sourceLine(s, tz)) : ['• none has run yet']), ''];
  if (report.schedule === null) lines.push('**Channel:** not set up yet; `/papers subscribe <topic>` starts a digest.');
  else {
    lines.push(`**Schedule:** ${report.schedule}.`, `**Topics:** ${report.topics === 0 ? 'none (overall trending)' : report.topics}`);
    lines.push(`**Next digest:** ${report.paused ? 'none while paused' : (report.nextDigest ?? 'none scheduled')}`);
  }
  const last = report.lastDelivery;
  lines.push(`**Last delivery:** ${last ? `${formatInstant(last.postedAt, tz)} (${last.slotKey})` : 'none yet'}`);
  if (report.paused) lines.push(`**Paused:** ${report.pauseReason ?? 'yes'}. \`/papers resume\` restarts it.`);
  if (report.scheduler) lines.push(`**Scheduler:** ${schedulerText(report.scheduler, tz)}`);
  return lines.join('\n');
}

/** The status subcommand. */
export const status = defineCommand({
  name: 'status',
  description: 'Sources, next digest, last delivery and pause state of this channel',
  options: [],
  who: 'anyone',
  visibility: 'private',
  examples: ['status'],
  async handler(ctx) {
    const report = await ctx.services.status(ctx.invocation.channel);
    return privateReply(statusText(report), 'ok', { title: 'Status' });
  },
});
