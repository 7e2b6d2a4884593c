/**
 * Fits a list of cards into one message: at most 10 embeds and 6000 characters for all of them together
 * (EmbedBuilder checks neither). Short cards keep everything; the longest are cut to a common budget.
 */
import type { APIEmbed } from 'discord.js';
import type { PaperCard } from '../../core/card.ts';
import { LIMITS } from './limits.ts';
import { cardEmbed, embedChars, type CardExtras } from './render-card.ts';

/** A card and what to show with it. */
export interface CardItem {
  card: PaperCard;
  extras: CardExtras;
}

/** The largest cap C with Σ min(size, C) ≤ total, applied to every size ("water filling"). */
export function waterFill(sizes: readonly number[], total: number): number[] {
  const sum = (cap: number) => sizes.reduce((n, s) => n + Math.min(s, cap), 0);
  if (sum(Number.POSITIVE_INFINITY) <= total) return [...sizes];
  let low = 0;
  let high = Math.max(0, ...sizes);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sum(mid) <= total) low = mid;
    else high = mid - 1;
  }
  return sizes.map((s) => Math.min(s, low));
}

/** The embeds of up to `maxEmbeds` cards whose characters together stay within `available`. */
export function fitCards(items: readonly CardItem[], available: number, maxEmbeds: number = LIMITS.embedsPerMessage): APIEmbed[] {
  const shown = items.slice(0, Math.max(0, maxEmbeds));
  const natural = shown.map((item) => embedChars(cardEmbed(item.card, item.extras, Number.POSITIVE_INFINITY)));
  const budgets = waterFill(natural, Math.max(0, available));
  const embeds = shown.map((item, i) => cardEmbed(item.card, item.extras, budgets[i] ?? 0));
  // A budget below a card's bare minimum (title + signals + core links) can overshoot: drop cards from the end.
  while (embeds.length > 0 && embeds.reduce((n, e) => n + embedChars(e), 0) > available) embeds.pop();
  return embeds;
}
