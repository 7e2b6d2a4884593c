/**
 * The reply buttons (`block_actions`): Prev/Next replay the invocation at another offset for the person who ran
 * it and replace their private message; Share replays it and posts the result publicly with chat.postMessage.
 */
import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import { dispatch } from '../../core/dispatch.ts';
import { ChannelUnavailableError } from '../../core/errors.ts';
import type { Replay } from '../../core/ports.ts';
import type { ReplyOrigin } from '../../core/reply.ts';
import { apologize, invocationContext, sendReply, type HandlerDeps, type Where } from './handler-deps.ts';
import { ACTION_NEXT, ACTION_PREV, ACTION_SHARE, renderReply } from './render-reply.ts';

const ACTIONS = new RegExp(`^(${ACTION_PREV}|${ACTION_NEXT}|${ACTION_SHARE})$`);

function say(respond: RespondFn, text: string): Promise<unknown> {
  return respond({ response_type: 'ephemeral', replace_original: false, text });
}

async function replay(deps: HandlerDeps, where: Where, origin: ReplyOrigin) {
  const context = await invocationContext(deps, where, origin.subcommand);
  return dispatch(
    { ...context, subcommand: origin.subcommand, options: origin.options, offset: origin.offset },
    deps.services,
    deps.registry,
  );
}

async function page(deps: HandlerDeps, respond: RespondFn, where: Where, entry: Replay, forward: boolean): Promise<void> {
  if (!entry.paging) return;
  if (where.userId !== entry.userId) {
    await say(respond, 'Only the person who ran this command can page through its results.');
    return;
  }
  const { limit, offset } = entry.paging;
  const reply = await replay(deps, where, { ...entry.paging, offset: Math.max(0, forward ? offset + limit : offset - limit) });
  await sendReply(deps, reply, respond, where, true);
}

async function share(deps: HandlerDeps, respond: RespondFn, where: Where, entry: Replay): Promise<void> {
  if (!entry.origin) return;
  const reply = await replay(deps, { ...where, channelId: entry.channel.channelId }, entry.origin);
  if (reply.outcome !== 'ok') {
    await sendReply(deps, reply, respond, where);
    return;
  }
  const sharedBy = (await deps.people.displayName(where.userId)) ?? 'a channel member';
  const message = renderReply({ ...reply, visibility: 'public', followUps: [] }, { sharedBy });
  try {
    await deps.publisher.post(entry.channel.channelId, message);
  } catch (error) {
    if (!(error instanceof ChannelUnavailableError)) throw error;
    await say(respond, `Could not share it here: ${error.reason}.`);
  }
}

/** Registers the button listener. */
export function onActions(app: App, deps: HandlerDeps): void {
  app.action<BlockButtonAction>(ACTIONS, async ({ ack, body, action, respond }) => {
    await ack();
    const where: Where = { userId: body.user.id, channelId: body.channel?.id ?? '', teamId: body.team?.id ?? null };
    try {
      const entry = await deps.replays.get(action.value ?? '');
      if (!entry) {
        await say(respond, 'These buttons have expired. Run the command again.');
        return;
      }
      if (action.action_id === ACTION_SHARE) await share(deps, respond, where, entry);
      else await page(deps, respond, where, entry, action.action_id === ACTION_NEXT);
    } catch (error) {
      await apologize(deps, respond, error, 'button');
    }
  });
}
