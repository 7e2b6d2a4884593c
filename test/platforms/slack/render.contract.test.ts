/** The Slack renderers run the chat renderer contract, with buttons carrying a token as long as a ReplayStore's. */
import { digestMessage, digestThread } from '../../../src/platforms/slack/render-digest.ts';
import { renderReply } from '../../../src/platforms/slack/render-reply.ts';
import { describeChatRendererContract } from '../../contracts/chat-renderer.contract.ts';
import { blockKitProblems, type MessageLike } from './block-kit-check.ts';

/** The longest token a ReplayStore hands out (src/core/ports.ts). */
const TOKEN = 'x'.repeat(40);

describeChatRendererContract('Slack', {
  channel: { platform: 'slack', channelId: 'C0HOSTILE' },
  digest(digest, threadMode) {
    if (!threadMode) return [digestMessage(digest)];
    const { parent, replies } = digestThread(digest);
    return [parent, ...replies];
  },
  reply: (reply) => [reply, ...(reply.followUps ?? [])].map((part) => renderReply(part, { token: TOKEN })),
  problems: (message) => blockKitProblems(message as MessageLike),
});
