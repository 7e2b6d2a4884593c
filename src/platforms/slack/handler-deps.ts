/**
 * What the Slack listeners share, and the two steps every one of them takes: building the neutral invocation
 * context (permission and posting checks only where a subcommand needs them) and sending a Reply through
 * `respond()` with its visibility and buttons.
 */
import type { RespondFn } from '@slack/bolt';
import type { CommandSpec } from '../../core/command.ts';
import type { CommandServices } from '../../core/command-services.ts';
import type { InvocationContext } from '../../core/dispatch.ts';
import type { Logger } from '../../core/logger.ts';
import type { Replay, ReplayStore } from '../../core/ports.ts';
import type { Reply } from '../../core/reply.ts';
import type { PostingCheck } from './channel-access.ts';
import type { SlackPeople } from './people.ts';
import type { SlackPublisher } from './publisher.ts';
import { renderReply } from './render-reply.ts';

export interface HandlerDeps {
  services: CommandServices;
  registry: readonly CommandSpec[];
  people: SlackPeople;
  postingCheck: PostingCheck;
  publisher: SlackPublisher;
  replays: ReplayStore;
  log: Logger;
}

/** Where an interaction happened. */
export interface Where {
  userId: string;
  channelId: string;
  teamId: string | null;
}

/** Subcommands that tell the channel when the bot cannot post there (docs/architecture.md §6). */
const POSTING_CHECKED = new Set(['subscribe', 'schedule']);

/** The invocation context for `subcommand` (null = unknown): users.info and conversations.info only when it matters. */
export async function invocationContext(deps: HandlerDeps, where: Where, subcommand: string | null): Promise<InvocationContext> {
  const spec = deps.registry.find((s) => s.name === subcommand);
  const isManager = spec !== undefined && spec.who !== 'anyone' ? await deps.people.isManager(where.userId) : false;
  const postingProblem = subcommand !== null && POSTING_CHECKED.has(subcommand) ? await deps.postingCheck(where.channelId) : undefined;
  return {
    channel: { platform: 'slack', channelId: where.channelId },
    workspaceId: where.teamId,
    user: { id: where.userId, isManager },
    managerRule: deps.people.managerRule,
    ...(postingProblem ? { postingProblem } : {}),
  };
}

/** What a reply's buttons replay, and who may press them. */
function replayOf(where: Where, reply: Reply): Replay {
  const channel = { platform: 'slack', channelId: where.channelId };
  return { userId: where.userId, channel, workspaceId: where.teamId, origin: reply.origin ?? null, paging: reply.paging ?? null };
}

/**
 * Sends a reply and its follow-ups through the response_url, each with its own visibility; replies with paging
 * or Share get buttons backed by a replay token. `replaceOriginal` swaps the message a button was on.
 */
export async function sendReply(deps: HandlerDeps, reply: Reply, respond: RespondFn, where: Where, replaceOriginal = false): Promise<void> {
  for (const [i, part] of [reply, ...(reply.followUps ?? [])].entries()) {
    const wantsButtons = part.paging !== undefined || (part.shareable === true && part.origin !== undefined);
    const token = wantsButtons ? await deps.replays.put(replayOf(where, part)) : null;
    const message = renderReply(part, { token });
    await respond({
      response_type: part.visibility === 'public' ? 'in_channel' : 'ephemeral',
      ...(replaceOriginal ? { replace_original: i === 0 } : {}),
      text: message.text,
      blocks: message.blocks,
    });
  }
}

/** A private apology when a listener fails outside the dispatcher's own error boundary. */
export async function apologize(deps: HandlerDeps, respond: RespondFn | undefined, error: unknown, what: string): Promise<void> {
  deps.log.error({ err: error, what }, 'slack listener failed');
  await respond?.({
    response_type: 'ephemeral',
    replace_original: false,
    text: 'Sorry — something went wrong on our side. Please try again in a minute.',
  }).catch(() => {});
}
