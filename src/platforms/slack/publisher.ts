/**
 * Posting to Slack channels: digests with the slot marker in message metadata, lookups of the bot's own posts
 * by marker, one join attempt for public channels, per-channel 429 waits, and ChannelUnavailableError for a
 * channel the bot can no longer post to (the delivery path pauses it with the reason).
 */
import type { ChannelRef } from '../../core/channel.ts';
import { ChannelUnavailableError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Publisher } from '../../core/ports.ts';
import type { SlackMessage } from './blocks.ts';
import type { BotIdentity } from './bot-identity.ts';
import { digestMessage, digestThread } from './render-digest.ts';
import { platformError, type RateGate, type SlackClient } from './slack-api.ts';

/** The `event_type` of paperboy's digest metadata. */
export const DIGEST_EVENT_TYPE = 'paperboy_digest';
/** conversations.history pages read when looking for a marker (200 messages each). */
const HISTORY_PAGES = 5;

/** Optional parts of a post. */
export interface PostOptions {
  threadTs?: string;
  metadata?: { event_type: string; event_payload: Record<string, string> };
}

/** The Slack publisher, plus the raw post that Share uses and the off switch for an uninstalled app. */
export interface SlackPublisher extends Publisher {
  /** Posts a message; joins a public channel once on `not_in_channel`; returns the message `ts`. */
  post(channelId: string, message: SlackMessage, options?: PostOptions): Promise<string>;
  /** Refuses every further post (the app was uninstalled or its bot token revoked). */
  disable(reason: string): void;
}

export interface SlackPublisherDeps {
  client: SlackClient;
  gate: RateGate;
  identity: () => Promise<BotIdentity>;
  log: Logger;
}

/** The reason a channel is unavailable, in words for its members (shown by `/papers status`), or null. */
function unavailableReason(code: string | null, botName: string): string | null {
  const invite = `invite it with /invite @${botName}, then /papers resume`;
  switch (code) {
    case 'channel_not_found':
      return `Slack cannot find this channel for paperboy: it was deleted, or it is private and paperboy is not in it (${invite})`;
    case 'is_archived':
      return 'the channel is archived';
    case 'not_in_channel':
    case 'method_not_supported_for_channel_type':
      return `paperboy is not a member of this channel (${invite})`;
    case 'restricted_action':
    case 'restricted_action_read_only_channel':
    case 'restricted_action_non_threadable_channel':
      return 'the workspace does not let paperboy post in this channel';
    default:
      return null;
  }
}

/** Creates the publisher over the bot's WebClient. */
export function createSlackPublisher(deps: SlackPublisherDeps): SlackPublisher {
  const { client, gate, log } = deps;
  let disabled: string | null = null;

  const botName = async () => (await deps.identity().catch(() => null))?.name ?? 'paperboy';
  const unavailable = async (error: unknown): Promise<unknown> => {
    const reason = unavailableReason(platformError(error), await botName());
    return reason === null ? error : new ChannelUnavailableError(reason, { cause: error });
  };

  async function join(channelId: string): Promise<void> {
    try {
      await gate.call(channelId, () => client.conversations.join({ channel: channelId }));
      log.info({ channel: channelId }, 'joined the public channel to post');
    } catch (error) {
      throw await unavailable(error);
    }
  }

  async function post(channelId: string, message: SlackMessage, options: PostOptions = {}): Promise<string> {
    if (disabled !== null) throw new ChannelUnavailableError(disabled);
    const args = {
      channel: channelId,
      text: message.text,
      blocks: message.blocks,
      // Nobody is pinged and nothing unfurls: the digest is compact and only says what its blocks say.
      link_names: false,
      unfurl_links: false,
      unfurl_media: false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    };
    for (let joined = false; ; joined = true) {
      try {
        const result = await gate.call(channelId, () => client.chat.postMessage(args));
        return result.ts ?? '';
      } catch (error) {
        // A public channel the bot has not joined: join once and retry; a second not_in_channel means it cannot.
        if (platformError(error) === 'not_in_channel' && !joined) {
          await join(channelId);
          continue;
        }
        throw await unavailable(error);
      }
    }
  }

  return {
    platform: 'slack',
    post,
    disable(reason) {
      disabled = reason;
    },

    async publish(channel, digest) {
      const metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { marker: digest.marker, slot: digest.slotKey } };
      if (!channel.threadMode) return { messageId: await post(channel.channelId, digestMessage(digest), { metadata }) };
      const thread = digestThread(digest);
      const parent = await post(channel.channelId, thread.parent, { metadata });
      for (const reply of thread.replies) {
        try {
          await post(channel.channelId, reply, { threadTs: parent });
        } catch (error) {
          // The parent (with the marker) is posted: the slot counts as delivered; a retry would only duplicate it.
          if (error instanceof ChannelUnavailableError) throw error;
          log.warn({ channel: channel.channelId, err: error }, 'a thread reply of a digest failed');
        }
      }
      return { messageId: parent };
    },

    async findByMarker(channel: ChannelRef, marker: string, since: Date) {
      const { botId } = await deps.identity();
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const request = {
          channel: channel.channelId,
          oldest: (since.getTime() / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        };
        let result;
        try {
          result = await gate.call(channel.channelId, () => client.conversations.history(request));
        } catch (error) {
          // Not a member: the bot cannot have posted there since it left, so there is nothing to find.
          if (platformError(error) === 'not_in_channel') return null;
          throw await unavailable(error);
        }
        for (const message of result.messages ?? []) {
          const meta = message.metadata;
          if (
            message.bot_id === botId &&
            meta?.event_type === DIGEST_EVENT_TYPE &&
            (meta.event_payload as { marker?: unknown } | undefined)?.marker === marker
          ) {
            return { messageId: message.ts ?? '' };
          }
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return null;
    },
  };
}
