/** Discord's message, embed, component and command limits (docs/architecture.md §11), and clipping to them. */
import { truncate } from '../../core/text.ts';

/** Every limit the renderers and the command JSON respect; Discord answers 400 past any of them. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  /** Title, description, field names and values, footer and author name of all embeds of one message. */
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  choiceName: 100,
  choiceValue: 100,
  autocompleteChoices: 25,
  description: 100,
  nonce: 25,
  threadName: 100,
} as const;

/**
 * Cuts `text` to at most `max` UTF-16 code units, on a word boundary with `…` where possible. Discord counts
 * characters; counting code units is never less, so a clipped text always fits.
 */
export function clip(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  let cut = truncate(text, max);
  // truncate counts code points: astral characters (emoji, math letters) can leave it a little long.
  while (cut.length > max) {
    const chars = Array.from(cut.endsWith('…') ? cut.slice(0, -1) : cut);
    chars.splice(Math.max(0, chars.length - Math.max(1, cut.length - max)));
    cut = max > 1 ? `${chars.join('')}…` : chars.join('');
  }
  return cut;
}
