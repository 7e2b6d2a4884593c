/**
 * `/papers <text>`: ack first (Slack shows "operation_timeout" after 3 s), then parse with the core argument
 * parser, dispatch, and answer through the response_url with the reply's visibility. Validation failures and
 * refusals come back the same way, privately, within moments of the ack.
 */
import type { App } from '@slack/bolt';
import { parseArgumentText } from '../../core/argument-text.ts';
import { dispatchText } from '../../core/dispatch.ts';
import { apologize, invocationContext, sendReply, type HandlerDeps, type Where } from './handler-deps.ts';

/** Registers the slash command listener. */
export function onCommand(app: App, deps: HandlerDeps): void {
  // Any command name: the manifest defines only /papers, and a workspace may rename it to avoid a clash.
  app.command(/^\//, async ({ command, ack, respond }) => {
    await ack();
    const where: Where = { userId: command.user_id, channelId: command.channel_id, teamId: command.team_id || null };
    const log = deps.log.child({ channel: command.channel_id, user: command.user_id });
    try {
      const parsed = parseArgumentText(command.text, deps.registry);
      const context = await invocationContext(deps, where, parsed.ok ? parsed.subcommand : null);
      const reply = await dispatchText(command.text, context, deps.services, deps.registry);
      await sendReply(deps, reply, respond, where);
      log.info(
        { subcommand: parsed.ok ? parsed.subcommand : null, outcome: reply.outcome, messages: 1 + (reply.followUps?.length ?? 0) },
        'slack command answered',
      );
    } catch (error) {
      await apologize(deps, respond, error, 'command');
    }
  });
}
