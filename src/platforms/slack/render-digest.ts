/** A neutral digest as Block Kit: one message (header, cards, footer with the marker), or a thread of them. */
import type { Digest } from '../../core/digest/model.ts';
import {
  context,
  divider,
  fallback,
  fitBlocks,
  header,
  MAX_CONTEXT_ELEMENTS,
  MAX_MESSAGE_CHARS,
  section,
  type SlackBlock,
  type SlackMessage,
} from './blocks.ts';
import { clipMrkdwn, escapeMrkdwn } from './mrkdwn.ts';
import { cardSection } from './render-cards.ts';

/** Room left for the cards after the header, footer and dividers. */
const CARD_ROOM = MAX_MESSAGE_CHARS - 1500;

/** Status lines get at most this much of the footer, so the block always fits and the marker always follows. */
const MAX_FOOTER_STATUS = 900;

/** The footer: status lines (within MAX_FOOTER_STATUS), then the slot marker as its own element, always last. */
function footer(digest: Digest): SlackBlock | null {
  const status: string[] = [];
  let room = MAX_FOOTER_STATUS;
  for (const line of digest.footer.map(escapeMrkdwn).filter((l) => l.trim() !== '')) {
    // One element is kept for the marker; a line that does not fit ends the list, clipped.
    if (room <= 1 || status.length === MAX_CONTEXT_ELEMENTS - 1) break;
    status.push(line.length <= room ? line : clipMrkdwn(line, room));
    room -= line.length;
  }
  return context([...status, `\`${escapeMrkdwn(digest.marker)}\``]);
}

/** Plain fallback text: the header and the numbered titles (shown in notifications and by screen readers). */
function fallbackText(digest: Digest): string {
  const titles = digest.cards.map((card, i) => `${i + 1}. ${card.title}`);
  const body = titles.length > 0 ? titles.join('\n') : (digest.emptyText ?? 'Nothing new.');
  return fallback(escapeMrkdwn(`${digest.header}\n${body}`));
}

/** The digest's blocks: header, each card (or the empty line), footer; `withHeader: false` for a preview under a title. */
export function digestBlocks(digest: Digest, options: { withHeader?: boolean; budget?: number } = {}): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  if (options.withHeader !== false) blocks.push(header(digest.header));
  if (digest.cards.length === 0) blocks.push(section(escapeMrkdwn(digest.emptyText ?? 'Nothing new.')));
  const perCard = Math.floor((options.budget ?? CARD_ROOM) / Math.max(1, digest.cards.length));
  digest.cards.forEach((card, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(cardSection(card, i + 1, perCard));
  });
  const foot = footer(digest);
  if (foot) blocks.push(foot);
  return blocks;
}

/** The whole digest as one message. */
export function digestMessage(digest: Digest): SlackMessage {
  return { text: fallbackText(digest), blocks: fitBlocks(digestBlocks(digest)) };
}

/** Thread mode: the header message (with the footer), then one reply per card. */
export function digestThread(digest: Digest): { parent: SlackMessage; replies: SlackMessage[] } {
  const parentBlocks: SlackBlock[] = [header(digest.header)];
  if (digest.cards.length === 0) parentBlocks.push(section(escapeMrkdwn(digest.emptyText ?? 'Nothing new.')));
  const foot = footer(digest);
  const replies = digest.cards.map((card, i) => ({
    text: fallback(escapeMrkdwn(`${i + 1}. ${card.title}`)),
    blocks: [cardSection(card, i + 1)],
  }));
  return { parent: { text: fallbackText(digest), blocks: foot ? [...parentBlocks, foot] : parentBlocks }, replies };
}
