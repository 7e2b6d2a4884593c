/** Renders neutral paper cards as readable terminal text. */
import { cardSignals, type PaperCard } from '../../core/card.ts';
import type { SearchHit } from '../../core/search-types.ts';
import { renderMarkup } from './markup.ts';
import type { Style } from './terminal-style.ts';

/** One card: numbered title, authors, signals, summary, links, reason. */
export function renderCard(card: PaperCard, position: number, style: Style): string {
  const signals = cardSignals(card);
  const byline = [card.authors || 'authors not listed', card.organization].filter(Boolean).join(' · ');
  const lines = [
    `${style.bold(`${position}. ${card.title}`)}`,
    `   ${style.dim(byline)}`,
    signals.length > 0 ? `   ${style.yellow(signals.join('  '))}   ${style.cyan(card.url)}` : `   ${style.cyan(card.url)}`,
    `   ${card.summary}`,
    `   ${style.dim(card.links.map((l) => `${l.label}: ${l.url}`).join('  ·  '))}`,
  ];
  if (card.reason) lines.push(`   ${style.green(renderMarkup(card.reason, style))}`);
  return lines.join('\n');
}

/** A titled list of cards, or a short line when there are none. */
export function renderCardList(heading: string, cards: PaperCard[], style: Style, empty = 'No papers.'): string {
  const body = cards.length === 0 ? `   ${style.dim(empty)}` : cards.map((card, i) => renderCard(card, i + 1, style)).join('\n\n');
  return `${style.bold(style.cyan(`━━ ${heading}`))}\n\n${body}\n`;
}

/** Search or trending hits: each card, its marked snippet, and where it came from. */
export function renderHits(heading: string, hits: SearchHit[], style: Style, empty = 'No matching papers.'): string {
  if (hits.length === 0) return renderCardList(heading, [], style, empty);
  const body = hits.map((hit, i) => {
    const lines = [renderCard(hit.card, i + 1, style)];
    if (hit.snippet) lines.push(`   ${style.dim('“')}${markSnippet(hit.snippet, style)}${style.dim('”')}`);
    if (hit.source === 'huggingface') lines.push(`   ${style.dim('(from Hugging Face search)')}`);
    return lines.join('\n');
  });
  return `${style.bold(style.cyan(`━━ ${heading}`))}\n\n${body.join('\n\n')}\n`;
}

/** Turns the `**word**` marks of a snippet into bold on a terminal; plain output keeps the marks. */
function markSnippet(snippet: string, style: Style): string {
  const marked = snippet.replace(/\s+/g, ' ');
  return style.bold('x') === 'x' ? marked : marked.replace(/\*\*(.+?)\*\*/g, (_m, word: string) => style.bold(style.yellow(word)));
}
