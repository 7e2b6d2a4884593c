/** A neutral command Reply as a Slack message: title, text, results, cards, a digest preview, notes and buttons. */
import type { Reply } from '../../core/reply.ts';
import type { SearchHit } from '../../core/search-types.ts';
import {
  blockChars,
  button,
  context,
  fallback,
  fitBlocks,
  header,
  MAX_BLOCKS,
  MAX_MESSAGE_CHARS,
  MAX_SECTION_TEXT,
  section,
  type ActionsBlock,
  type ButtonElement,
  type SlackBlock,
  type SlackMessage,
} from './blocks.ts';
import { clipMrkdwn, escapeMrkdwn, markupToMrkdwn, splitMrkdwn, stripMarkup } from './mrkdwn.ts';
import { cardSection } from './render-cards.ts';
import { digestBlocks } from './render-digest.ts';

/** Action ids of the reply buttons; the value of each is the replay token. */
export const ACTION_PREV = 'papers_prev';
export const ACTION_NEXT = 'papers_next';
export const ACTION_SHARE = 'papers_share';

/** Text budget when results follow it, so they are never squeezed out. */
const TEXT_WITH_RESULTS = 3_000;
/** Room kept for the notes (at most 10 elements of NOTE_CHARS). */
const NOTE_CHARS = 150;
const NOTES_ROOM = 1_500;

/** How a reply is shown: with buttons (`token` set), or as a public copy someone shared. */
export interface ReplyRenderOptions {
  /** The replay token the buttons carry; no buttons without one. */
  token?: string | null;
  /** The sharer's display name, for a public copy's credit line. */
  sharedBy?: string;
}

/** Word characters only, for comparing a snippet with a summary. */
const letters = (text: string) =>
  text
    .replace(/\*\*|…/g, '')
    .replace(/\W+/g, '')
    .toLowerCase();

function hitSection(hit: SearchHit, position: number, budget: number) {
  const extra: string[] = [];
  if (hit.snippet) extra.push(`“${markupToMrkdwn(hit.snippet.replace(/\s+/g, ' '))}”`);
  if (hit.source === 'huggingface') extra.push('_from Hugging Face search_');
  // A snippet from the abstract's start repeats the summary; the snippet (with its marked words) is the better one.
  const repeats = hit.snippet !== '' && letters(hit.snippet).startsWith(letters(hit.card.summary).slice(0, 60));
  return cardSection(hit.card, position, budget, extra, { summary: !repeats });
}

function buttons(reply: Reply, token: string): ActionsBlock | null {
  const elements: ButtonElement[] = [];
  if (reply.paging && reply.paging.offset > 0) elements.push(button('◀ Prev', ACTION_PREV, token));
  if (reply.paging?.hasMore) elements.push(button('Next ▶', ACTION_NEXT, token));
  if (reply.shareable) elements.push(button('Share in channel', ACTION_SHARE, token, true));
  return elements.length > 0 ? { type: 'actions', elements } : null;
}

function fallbackText(reply: Reply): string {
  const lines = [
    reply.title,
    reply.text?.split('\n')[0],
    ...(reply.hits ?? []).map((h) => h.card.title),
    ...(reply.cards ?? []).map((c) => c.title),
  ];
  if (reply.digest) lines.push(reply.digest.header);
  return fallback(escapeMrkdwn(stripMarkup(lines.filter((l): l is string => Boolean(l)).join('\n'))));
}

/** The content blocks, before the buttons. */
function contentBlocks(reply: Reply, options: ReplyRenderOptions): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const title = reply.title ?? (reply.digest ? reply.digest.header : undefined);
  if (title) blocks.push(header(stripMarkup(title)));
  const credit = options.sharedBy ? context([`Shared by ${escapeMrkdwn(options.sharedBy)} with \`/papers\``]) : null;
  if (credit) blocks.push(credit);
  const items = (reply.hits?.length ?? 0) + (reply.cards?.length ?? 0);
  if (reply.text) {
    // Text never crowds out the results below it.
    const budget = items > 0 || reply.digest ? TEXT_WITH_RESULTS : MAX_MESSAGE_CHARS - NOTES_ROOM;
    blocks.push(...splitMrkdwn(clipMrkdwn(markupToMrkdwn(reply.text), budget), MAX_SECTION_TEXT).map((chunk) => section(chunk)));
  }
  const used = blocks.reduce((n, b) => n + blockChars(b), 0);
  const room = Math.max(2000, MAX_MESSAGE_CHARS - NOTES_ROOM - used);
  const perItem = Math.floor(room / Math.max(1, items));
  const first = (reply.paging?.offset ?? 0) + 1;
  (reply.hits ?? []).forEach((hit, i) => blocks.push(hitSection(hit, first + i, perItem)));
  (reply.cards ?? []).forEach((card, i) => blocks.push(cardSection(card, (reply.cards?.length ?? 0) > 1 ? i + 1 : null, perItem)));
  if (reply.digest) {
    if (reply.title) blocks.push(section(`*${escapeMrkdwn(reply.digest.header)}*`));
    blocks.push(...digestBlocks(reply.digest, { withHeader: false, budget: room }));
  }
  const small = context((reply.notes ?? []).map((note) => clipMrkdwn(markupToMrkdwn(note), NOTE_CHARS)));
  if (small) blocks.push(small);
  return blocks;
}

/** Renders one reply (not its follow-ups); buttons only with a token, never on a shared copy. */
export function renderReply(reply: Reply, options: ReplyRenderOptions = {}): SlackMessage {
  const actions = options.token && !options.sharedBy ? buttons(reply, options.token) : null;
  const blocks = fitBlocks(contentBlocks(reply, options), actions ? MAX_BLOCKS - 1 : MAX_BLOCKS);
  return { text: fallbackText(reply), blocks: actions ? [...blocks, actions] : blocks };
}
