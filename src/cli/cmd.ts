/**
 * `paperboy cmd --channel <platform>:<channel-id> --user <id> [--manager] '<argument text>'`: runs a `/papers`
 * subcommand through the same dispatcher as the platforms and prints the reply. A refusal or a validation
 * message is a reply, so it exits 0.
 */
import type { App } from '../app.ts';
import type { ChannelRef } from '../core/channel.ts';
import { dispatchText } from '../core/dispatch.ts';
import { renderReply } from '../platforms/console/render-reply.ts';
import { registry } from '../../commands/index.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const CMD_USAGE = "paperboy cmd --channel <platform>:<channel-id> --user <id> [--manager] '<argument text>'";

/** `discord:1300000000000000011` → { platform, channelId }. */
export function parseChannelRef(text: string, usage: string): ChannelRef {
  const m = /^([a-z][a-z0-9_-]{0,31}):([A-Za-z0-9._-]{1,64})$/.exec(text);
  if (!m?.[1] || !m[2])
    throw new UsageError(
      `--channel ${JSON.stringify(text)} is not <platform>:<channel-id> (e.g. console:lab, slack:C0PAPERS)\nusage: ${usage}`,
    );
  return { platform: m[1], channelId: m[2] };
}

/** Runs one subcommand from argument text and prints the reply and its follow-ups. */
export async function runCmd(app: App, argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { channel: { type: 'string' }, user: { type: 'string' }, manager: { type: 'boolean' }, workspace: { type: 'string' } },
    CMD_USAGE,
  );
  if (!values.channel || !values.user) throw new UsageError(`--channel and --user are required\nusage: ${CMD_USAGE}`);
  const channel = parseChannelRef(values.channel, CMD_USAGE);
  const reply = await dispatchText(
    positionals.join(' '),
    {
      channel,
      workspaceId: values.workspace ?? null,
      user: { id: values.user, isManager: values.manager ?? false },
      managerRule: 'operators running paperboy cmd with --manager',
    },
    app.services,
    registry,
  );
  out.line(renderReply(reply, out.style));
  return 0;
}
