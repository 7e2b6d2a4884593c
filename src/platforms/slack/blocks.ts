/**
 * The Block Kit subset paperboy sends, with every limit enforced where a block is built, so a message is
 * truncated by design and never refused by Slack (docs/architecture.md §12).
 */
import { truncate } from '../../core/text.ts';
import { clipMrkdwn, safeUrl } from './mrkdwn.ts';

/** Blocks per message (100 in modals and the Home tab). */
export const MAX_BLOCKS = 50;
/** Blocks in a Home tab view. */
export const MAX_HOME_BLOCKS = 100;
/** A section's text. */
export const MAX_SECTION_TEXT = 3000;
/** A header's plain text. */
export const MAX_HEADER_TEXT = 150;
/** Elements of a context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** A button's plain-text label. */
export const MAX_BUTTON_TEXT = 75;
/** The top-level fallback `text`: Slack allows far more; notifications show a line or two. */
export const MAX_FALLBACK_TEXT = 3000;
/** All block text of one message: Slack has answered `msg_blocks_too_long` near 13.2k (bolt-js#2509). */
export const MAX_MESSAGE_CHARS = 12_000;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: boolean;
}
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
export interface ImageElement {
  type: 'image';
  image_url: string;
  alt_text: string;
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary';
}
export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  text: MrkdwnText;
  accessory?: ImageElement;
}
export interface ContextBlock {
  type: 'context';
  elements: Array<MrkdwnText | ImageElement>;
}
export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
}
export interface DividerBlock {
  type: 'divider';
}
export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

/** A message body: blocks plus the plain fallback `text` Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** A header; the text is plain (no markup, nothing parsed), at most 150 characters. */
export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text.replace(/\s+/g, ' ').trim() || '…', MAX_HEADER_TEXT), emoji: true },
  };
}

/** A mrkdwn section (text clipped to 3000), optionally with an image on the right. */
export function section(mrkdwn: string, accessory?: ImageElement): SectionBlock {
  const block: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(mrkdwn.trim() || ' ', MAX_SECTION_TEXT) } };
  if (accessory) block.accessory = accessory;
  return block;
}

/** An image element for an http(s) URL, or undefined (Slack rejects a message with an unusable image). */
export function image(url: string | null, altText: string): ImageElement | undefined {
  if (url === null || safeUrl(url) === null || url.length > 3000) return undefined;
  return { type: 'image', image_url: url, alt_text: truncate(altText.trim() || 'thumbnail', 2000) };
}

/** Small grey lines; beyond 10 elements the rest are joined into the last one. */
export function context(lines: readonly string[]): ContextBlock | null {
  const texts = lines.filter((line) => line.trim() !== '');
  if (texts.length === 0) return null;
  const kept =
    texts.length > MAX_CONTEXT_ELEMENTS
      ? [...texts.slice(0, MAX_CONTEXT_ELEMENTS - 1), texts.slice(MAX_CONTEXT_ELEMENTS - 1).join(' · ')]
      : texts;
  return { type: 'context', elements: kept.map((text) => ({ type: 'mrkdwn', text: clipMrkdwn(text, MAX_SECTION_TEXT) })) };
}

/** A button carrying `value` (a short interaction token). */
export function button(label: string, actionId: string, value: string, primary = false): ButtonElement {
  const element: ButtonElement = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(label, MAX_BUTTON_TEXT), emoji: true },
    action_id: actionId,
    value,
  };
  if (primary) element.style = 'primary';
  return element;
}

/** A thin rule between cards. */
export function divider(): DividerBlock {
  return { type: 'divider' };
}

/** Characters of text a block carries, for the per-message budget. */
export function blockChars(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, e) => n + (e.type === 'mrkdwn' ? e.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce((n, e) => n + e.text.text.length, 0);
    default:
      return 0;
  }
}

/**
 * Keeps a message within the block count and the total-size budget: blocks past either limit are dropped
 * (the last kept one says so); `max` is 50 for messages, 100 for the Home tab.
 */
export function fitBlocks(blocks: readonly SlackBlock[], max = MAX_BLOCKS): SlackBlock[] {
  const notice = context(['_Some items were left out to fit one Slack message._']) as ContextBlock;
  const room = MAX_MESSAGE_CHARS - blockChars(notice);
  const kept: SlackBlock[] = [];
  let chars = 0;
  for (const [i, block] of blocks.entries()) {
    const size = blockChars(block);
    const last = i === blocks.length - 1;
    if (kept.length + (last ? 1 : 2) > max || chars + size > (last ? MAX_MESSAGE_CHARS : room)) {
      kept.push(notice);
      return kept;
    }
    kept.push(block);
    chars += size;
  }
  return kept;
}

/** The fallback `text`: mrkdwn clipped to a notification-sized length. */
export function fallback(text: string): string {
  return clipMrkdwn(text.trim() || 'paperboy', MAX_FALLBACK_TEXT);
}
