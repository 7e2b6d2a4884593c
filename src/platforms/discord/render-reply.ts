/**
 * A neutral command Reply as a Discord message: title, text and notes as markdown content (long text moves
 * into an embed), paper cards as embeds within every limit, and at most one action row of buttons.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Reply } from '../../core/reply.ts';
import { fitCards, type CardItem } from './fit-embeds.ts';
import { clip, LIMITS } from './limits.ts';
import { escapeText, renderMarkup } from './markdown.ts';
import { digestEmbeds, totalChars } from './render-digest.ts';

/** Button custom ids for a reply; null shows the button disabled, undefined leaves it out. */
export interface ReplyControls {
  prev?: string | null;
  next?: string | null;
  share?: string | null;
}

/** A rendered reply; the caller adds visibility flags and the mention policy. */
export interface DiscordReply {
  content: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
}

/** Cuts rendered markdown and closes a code fence the cut left open. */
export function clipMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = clip(text, max - 4);
  return (cut.match(/```/g)?.length ?? 0) % 2 === 1 ? `${cut}\n\`\`\`` : cut;
}

function button(label: string, id: string | null | undefined, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponent[] {
  if (id === undefined) return [];
  // A disabled button still needs a unique custom id.
  return [{ type: ComponentType.Button, style, label, custom_id: id ?? `pb:off:${label}`, disabled: id === null }];
}

/** The one action row: Prev, Next, Share (only those given). */
export function controlsRow(controls: ReplyControls): Array<APIActionRowComponent<APIButtonComponent>> {
  const buttons = [
    ...button('◀ Prev', controls.prev, ButtonStyle.Secondary),
    ...button('Next ▶', controls.next, ButtonStyle.Secondary),
    ...button('Share in channel', controls.share, ButtonStyle.Primary),
  ];
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

function cardItems(reply: Reply): CardItem[] {
  const hits = (reply.hits ?? []).map((hit, i) => ({
    card: hit.card,
    extras: {
      position: (reply.paging?.offset ?? 0) + i + 1,
      ...(hit.snippet ? { snippet: hit.snippet } : {}),
      ...(hit.source === 'huggingface' ? { note: 'from Hugging Face search' } : {}),
    },
  }));
  const cards = reply.cards ?? [];
  return [...hits, ...cards.map((card, i) => ({ card, extras: cards.length > 1 ? { position: i + 1 } : {} }))];
}

/** Renders a reply (without its follow-ups, which are messages of their own). */
export function renderReply(reply: Reply, controls: ReplyControls = {}): DiscordReply {
  const heading = reply.title ? `**${escapeText(reply.title)}**` : null;
  const digestHeader = reply.digest ? `**${escapeText(reply.digest.header)}**` : null;
  const text = reply.text ? renderMarkup(reply.text) : null;
  // Subtext (`-# `) works per line.
  const notes = (reply.notes ?? []).map((note) =>
    renderMarkup(note)
      .split('\n')
      .map((line) => `-# ${line}`)
      .join('\n'),
  );
  const join = (parts: Array<string | null>) => parts.filter((p): p is string => p !== null && p !== '').join('\n');
  let content = join([heading, digestHeader, text, ...notes]);
  const embeds: APIEmbed[] = [];
  if (content.length > LIMITS.content && text !== null) {
    embeds.push({ description: clipMarkdown(text, LIMITS.embedDescription) });
    content = join([heading, digestHeader, ...notes]);
  }
  content = clipMarkdown(content, LIMITS.content);
  const items = cardItems(reply);
  const room = () => LIMITS.embedTotal - totalChars(embeds);
  if (reply.digest) {
    const maxDigest = LIMITS.embedsPerMessage - embeds.length - Math.min(items.length, 1);
    embeds.push(...digestEmbeds(reply.digest, room(), maxDigest));
  }
  embeds.push(...fitCards(items, room(), LIMITS.embedsPerMessage - embeds.length));
  // Discord rejects a message with neither content nor embeds.
  if (content === '' && embeds.length === 0) content = 'Done.';
  return { content, embeds, components: controlsRow(controls) };
}
