/**
 * The Discord Publisher: a digest as one channel message (or a header + thread), nonce'd with the slot
 * marker, and the lookup of the bot's own recent posts by that marker for reconciliation (docs/architecture.md §8).
 */
import { Routes, type APIMessage, type APIUser, type REST } from 'discord.js';
import type { ChannelRef, ChannelSettings } from '../../core/channel.ts';
import type { Digest } from '../../core/digest/model.ts';
import type { Logger } from '../../core/logger.ts';
import type { Publisher } from '../../core/ports.ts';
import { channelError } from './api-errors.ts';
import { PLATFORM } from './invocation.ts';
import { clip, LIMITS } from './limits.ts';
import { digestPost, digestThreadPosts, hasMarker, type DiscordPost } from './render-digest.ts';
import { NO_MENTIONS } from './respond.ts';

/** How far back `findByMarker` looks: Discord's page size; a bot posts a handful of digests a day per channel. */
const HISTORY_PAGE = 100;
/** Threads auto-archive after a day without activity, as a daily digest's thread should. */
const THREAD_ARCHIVE_MINUTES = 1440;

function body(post: DiscordPost, marker?: string): Record<string, unknown> {
  return {
    content: post.content,
    embeds: post.embeds,
    allowed_mentions: NO_MENTIONS,
    // enforce_nonce: Discord returns the earlier message for a repeated nonce (for a few minutes) instead of posting twice.
    ...(marker === undefined ? {} : { nonce: marker.slice(0, LIMITS.nonce), enforce_nonce: true }),
  };
}

/** Creates the publisher over a REST client that carries the bot token. */
export function createDiscordPublisher(rest: REST, log: Logger): Publisher {
  let botId: string | null = null;
  const me = async (): Promise<string> => {
    botId ??= ((await rest.get(Routes.user())) as APIUser).id;
    return botId;
  };
  const post = async (channelId: string, message: DiscordPost, marker?: string) =>
    (await rest.post(Routes.channelMessages(channelId), { body: body(message, marker) })) as APIMessage;

  async function publishThread(channel: ChannelSettings, digest: Digest): Promise<string> {
    const { header, papers } = digestThreadPosts(digest);
    const first = await post(channel.channelId, header, digest.marker);
    if (papers.length === 0) return first.id;
    const thread = (await rest.post(Routes.threads(channel.channelId, first.id), {
      body: { name: clip(digest.header, LIMITS.threadName), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
    })) as { id: string };
    for (const paper of papers) await post(thread.id, paper);
    return first.id;
  }

  return {
    platform: PLATFORM,

    async publish(channel, digest) {
      try {
        const messageId = channel.threadMode
          ? await publishThread(channel, digest)
          : (await post(channel.channelId, digestPost(digest), digest.marker)).id;
        log.debug({ channel: channel.channelId, messageId, papers: digest.cards.length }, 'discord digest posted');
        return { messageId };
      } catch (error) {
        throw channelError(error);
      }
    },

    async findByMarker(channel: ChannelRef, marker: string, since: Date) {
      try {
        const author = await me();
        const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
        const messages = (await rest.get(Routes.channelMessages(channel.channelId), { query })) as APIMessage[];
        const hit = messages.find(
          (m) => m.author.id === author && Date.parse(m.timestamp) >= since.getTime() && m.embeds.some((e) => hasMarker(e, marker)),
        );
        return hit ? { messageId: hit.id } : null;
      } catch (error) {
        throw channelError(error);
      }
    },
  };
}
