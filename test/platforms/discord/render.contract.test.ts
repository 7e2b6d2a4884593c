/** The Discord renderers run the chat renderer contract, with button ids as long as a stored replay's token makes them. */
import { digestPost, digestThreadPosts } from '../../../src/platforms/discord/render-digest.ts';
import { renderReply } from '../../../src/platforms/discord/render-reply.ts';
import { describeChatRendererContract } from '../../contracts/chat-renderer.contract.ts';
import { discordMessageProblems } from './message-check.ts';

/** The longest token a ReplayStore hands out (src/core/ports.ts). */
const TOKEN = 'x'.repeat(40);

describeChatRendererContract('Discord', {
  channel: { platform: 'discord', channelId: '1300000000000000001' },
  digest(digest, threadMode) {
    if (!threadMode) return [digestPost(digest)];
    const { header, papers } = digestThreadPosts(digest);
    return [header, ...papers];
  },
  reply: (reply) =>
    [reply, ...(reply.followUps ?? [])].map((part) =>
      renderReply(
        part,
        part.paging || part.shareable ? { prev: `pb:prev:${TOKEN}`, next: `pb:next:${TOKEN}`, share: `pb:share:${TOKEN}` } : {},
      ),
    ),
  problems: (message) => discordMessageProblems(message as Parameters<typeof discordMessageProblems>[0]),
});
