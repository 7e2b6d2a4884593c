/**
 * Hostile digests and replies for the chat platform contracts: each platform faces both platforms' adversarial
 * papers (Discord's markdown and mass mentions, Slack's `<!channel>` and `&<>`), 10 kB abstracts and summaries,
 * overlong titles, bad URLs, floods of status lines and notes.
 */
import type { ChannelRef } from '../../src/core/channel.ts';
import type { Digest } from '../../src/core/digest/model.ts';
import type { Reply } from '../../src/core/reply.ts';
import { adversarialCards as discordCards, HOSTILE as DISCORD_HOSTILE } from '../platforms/discord/adversarial.ts';
import { adversarialCards as slackCards, HOSTILE as SLACK_HOSTILE } from '../platforms/slack/adversarial.ts';

/** One line of text that would format, link or ping on either platform if it reached it unescaped. */
const HOSTILE_TEXT = [DISCORD_HOSTILE, ...SLACK_HOSTILE].join(' ');

/** The neutral markup with hostility inside it, as a handler might produce around user text. */
const HOSTILE_MARKUP = `**bold** & *it* \`code\` <!here> @everyone ${DISCORD_HOSTILE}`;

/** Ten papers of each platform's adversarial set. */
const hostileCards = () => [...discordCards(), ...slackCards()];

/** Hostile digests for `channel`, each with `marker`: ten Discord-hostile papers, ten Slack-hostile ones, an empty one. */
export function hostileDigests(channel: ChannelRef, marker: string): Digest[] {
  const base = (cards: Digest['cards'], emptyText: string | null): Digest => ({
    channel,
    slotKey: '2026-01-05',
    header: `Trending papers · ${HOSTILE_TEXT}`,
    cards,
    emptyText,
    footer: Array.from(
      { length: 12 },
      (_, i) => `status line ${i}: ${SLACK_HOSTILE[i % SLACK_HOSTILE.length] ?? ''} @here since 09:10 UTC`,
    ),
    marker,
  });
  return [base(discordCards(), null), base(slackCards(), null), base([], `Nothing new matched ${HOSTILE_TEXT} since <Monday>.`)];
}

/** Hostile replies as commands produce them: results with paging and Share, a paper, a preview, help, follow-ups. */
export function hostileReplies(channel: ChannelRef): Reply[] {
  const [digest] = hostileDigests(channel, 'pb-preview');
  const origin = { subcommand: 'search', options: { query: HOSTILE_TEXT.slice(0, 200) }, offset: 10 };
  return [
    {
      visibility: 'private',
      outcome: 'ok',
      title: `Search: ${HOSTILE_TEXT}`,
      text: `${HOSTILE_TEXT}\n${`${HOSTILE_MARKUP}\n`.repeat(400)}`,
      hits: hostileCards().map((card) => ({
        card,
        score: 1,
        snippet: `…**${SLACK_HOSTILE[0] ?? ''}** ${'&'.repeat(3000)} ${DISCORD_HOSTILE}…`,
        source: 'huggingface' as const,
      })),
      notes: Array.from({ length: 15 }, (_, i) => `${SLACK_HOSTILE[i % SLACK_HOSTILE.length] ?? ''} note ${i} @everyone`),
      paging: { ...origin, limit: 10, hasMore: true },
      shareable: true,
      origin,
    },
    { visibility: 'public', outcome: 'ok', text: `**Abstract.** ${HOSTILE_TEXT.repeat(40)}`, cards: discordCards(1) },
    {
      visibility: 'private',
      outcome: 'ok',
      title: 'Digest preview',
      ...(digest ? { digest } : {}),
      notes: ['Only you can see this preview.', HOSTILE_TEXT],
    },
    {
      visibility: 'private',
      outcome: 'help',
      text: `**Usage:** \`/papers search\`\n\`\`\`\n${'words -word "phrase" author:x <!here> @everyone ``` *x*\n'.repeat(300)}\`\`\``,
    },
    {
      visibility: 'public',
      outcome: 'ok',
      text: `Subscribed this channel to \`${HOSTILE_TEXT}\`.`,
      followUps: [{ visibility: 'private', outcome: 'ok', title: `Preview: ${HOSTILE_TEXT}`, cards: slackCards() }],
    },
  ];
}
