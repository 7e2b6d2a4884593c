/**
 * Whether the bot can post digests where a command was typed, for subscribe and schedule (docs/architecture.md §6).
 * Public channels are fine (the publisher joins them); a private channel the bot is not in is invisible to it
 * (`conversations.info` → `channel_not_found`), so the channel is told to invite the bot.
 */
import { describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { platformError, type RateGate, type SlackClient } from './slack-api.ts';

export interface ChannelAccessDeps {
  client: SlackClient;
  gate: RateGate;
  log: Logger;
  botName: () => Promise<string>;
}

/** What to fix so digests can be posted in `channelId`, or undefined when nothing needs fixing (or it is unknown). */
export type PostingCheck = (channelId: string) => Promise<string | undefined>;

/** Creates the check. Unknown answers never block a command: the first post reports any real problem. */
export function createPostingCheck(deps: ChannelAccessDeps): PostingCheck {
  return async (channelId) => {
    const invite = async () =>
      `paperboy is not in this private channel, so it cannot post digests here. Invite it with \`/invite @${await deps.botName()}\`.`;
    if (channelId.startsWith('D'))
      return 'Digests are posted in channels, not in direct messages: run this in the channel that should get them.';
    try {
      const { channel } = await deps.gate.call(channelId, () => deps.client.conversations.info({ channel: channelId }));
      if (channel?.is_archived) return 'This channel is archived, so paperboy cannot post digests here.';
      if (channel?.is_private && !channel.is_member) return await invite();
      return undefined;
    } catch (error) {
      // With groups:read, the only private channels conversations.info cannot see are those the bot is not in.
      if (platformError(error) === 'channel_not_found') return await invite();
      deps.log.debug({ channel: channelId, err: describeError(error) }, 'conversations.info failed; not warning about posting');
      return undefined;
    }
  };
}
