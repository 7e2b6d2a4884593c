/**
 * A neutral Digest as Discord messages: one message (header line + one embed per paper, the status lines and
 * the slot marker in the last embed's footer), or for thread mode a header message and one message per paper.
 */
import type { APIEmbed } from 'discord.js';
import type { Digest } from '../../core/digest/model.ts';
import { fitCards } from './fit-embeds.ts';
import { clip, LIMITS } from './limits.ts';
import { escapeText } from './markdown.ts';
import { cardEmbed, embedChars } from './render-card.ts';

/** A message body before the mention policy and nonce are added. */
export interface DiscordPost {
  content: string;
  embeds: APIEmbed[];
}

/** Status lines get at most this much of the footer; the marker always follows them. */
const MAX_FOOTER_STATUS = 900;

/** The footer text: status lines, then the marker alone on the last line (what `findByMarker` looks for). */
export function digestFooter(digest: Digest): string {
  const status = clip(digest.footer.join('\n'), MAX_FOOTER_STATUS);
  return status === '' ? digest.marker : `${status}\n${digest.marker}`;
}

/** True when an embed's footer carries `marker` as its own line. */
export function hasMarker(embed: { footer?: { text?: string } }, marker: string): boolean {
  return (embed.footer?.text ?? '').split('\n').includes(marker);
}

/** The digest's header as the message content. */
export function digestHeading(digest: Digest): string {
  return clip(`**${escapeText(digest.header)}**`, LIMITS.content);
}

/** The digest's embeds within `available` characters (and `maxEmbeds`), the footer on the last one. */
export function digestEmbeds(
  digest: Digest,
  available: number = LIMITS.embedTotal,
  maxEmbeds: number = LIMITS.embedsPerMessage,
): APIEmbed[] {
  const footer = { text: digestFooter(digest) };
  if (digest.cards.length === 0) {
    return [{ description: clip(escapeText(digest.emptyText ?? 'Nothing new today.'), LIMITS.embedDescription), footer }];
  }
  const items = digest.cards.map((card, i) => ({ card, extras: { position: i + 1 } }));
  const embeds = fitCards(items, available - footer.text.length, maxEmbeds);
  const last = embeds[embeds.length - 1];
  if (last) last.footer = footer;
  return embeds;
}

/** The whole digest as one message. */
export function digestPost(digest: Digest): DiscordPost {
  return { content: digestHeading(digest), embeds: digestEmbeds(digest) };
}

/** Thread mode: the header message (marker in its footer) and one message per paper for the thread. */
export function digestThreadPosts(digest: Digest): { header: DiscordPost; papers: DiscordPost[] } {
  const n = digest.cards.length;
  const summary =
    n === 0 ? escapeText(digest.emptyText ?? 'Nothing new today.') : `${n === 1 ? '1 paper' : `${n} papers`} in the thread below.`;
  const header = { content: digestHeading(digest), embeds: [{ description: summary, footer: { text: digestFooter(digest) } }] };
  const papers = digest.cards.map((card, i) => ({ content: '', embeds: [cardEmbed(card, { position: i + 1 }, LIMITS.embedTotal)] }));
  return { header, papers };
}

/** The characters Discord counts for a list of embeds. */
export function totalChars(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((n, e) => n + embedChars(e), 0);
}
