/** Renders neutral paper cards as readable terminal text. */
import type { PaperCard } from '../../core/card.ts';
import type { Style } from './terminal-style.ts';

/** One card: numbered title, authors, signals, summary, links, reason. */
export function renderCard(card: PaperCard, position: number, style: Style): string {
  const signals = [`▲ ${card.upvotes}`, `💬 ${card.comments}`];
  if (card.stars > 0) signals.push(`★ ${card.stars}`);
  const byline = [card.authors || 'authors not listed', card.organization].filter(Boolean).join(' · ');
  const lines = [
    `${style.bold(`${position}. ${card.title}`)}`,
    `   ${style.dim(byline)}`,
    `   ${style.yellow(signals.join('  '))}   ${style.cyan(card.url)}`,
    `   ${card.summary}`,
    `   ${style.dim(card.links.map((l) => `${l.label}: ${l.url}`).join('  ·  '))}`,
  ];
  if (card.reason) lines.push(`   ${style.green(card.reason)}`);
  return lines.join('\n');
}

/** A titled list of cards, or a short line when there are none. */
export function renderCardList(heading: string, cards: PaperCard[], style: Style, empty = 'No papers.'): string {
  const body = cards.length === 0 ? `   ${style.dim(empty)}` : cards.map((card, i) => renderCard(card, i + 1, style)).join('\n\n');
  return `${style.bold(style.cyan(`━━ ${heading}`))}\n\n${body}\n`;
}
