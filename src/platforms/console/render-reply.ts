/** Renders a neutral command Reply (and a digest) as terminal text, for `paperboy cmd` and the demo. */
import type { Digest } from '../../core/digest/model.ts';
import type { Reply } from '../../core/reply.ts';
import { renderMarkup } from './markup.ts';
import { renderCard, renderCardList, renderHits } from './render-cards.ts';
import type { Style } from './terminal-style.ts';

/** A digest as it would be posted: header, cards (or the empty line), footer and marker. */
export function renderDigest(digest: Digest, style: Style): string {
  const body =
    digest.cards.length === 0
      ? `   ${style.dim(digest.emptyText ?? 'Nothing new.')}`
      : digest.cards.map((card, i) => renderCard(card, i + 1, style)).join('\n\n');
  const footer = [...digest.footer, `marker ${digest.marker}`].map((line) => style.dim(line)).join('\n');
  return `${style.bold(style.cyan(`━━ ${digest.header}`))}\n\n${body}\n\n${footer}\n`;
}

/** One reply and its follow-ups, each labelled with who would see it. */
export function renderReply(reply: Reply, style: Style): string {
  const parts: string[] = [style.dim(reply.visibility === 'private' ? '[private reply]' : '[posted in the channel]')];
  // Hits and cards carry the title as their heading.
  if (reply.title && !reply.hits?.length && !reply.cards?.length) parts.push(style.bold(reply.title));
  // A paper's card comes before its abstract; a result list's summary line before the results.
  if (reply.cards && reply.cards.length > 0) parts.push(renderCardList(reply.title ?? 'Papers', reply.cards, style));
  if (reply.text) parts.push(renderMarkup(reply.text, style));
  if (reply.hits && reply.hits.length > 0) parts.push(renderHits(reply.title ?? 'Results', reply.hits, style));
  if (reply.digest) parts.push(renderDigest(reply.digest, style));
  for (const note of reply.notes ?? []) parts.push(style.dim(renderMarkup(note, style)));
  if (reply.paging && (reply.hits?.length ?? 0) > 0) {
    const { offset, limit, hasMore } = reply.paging;
    parts.push(style.dim(`results ${offset + 1}–${offset + (reply.hits?.length ?? limit)}${hasMore ? ' · more available' : ''}`));
  }
  const followUps = (reply.followUps ?? []).map((f) => renderReply(f, style));
  return [parts.join('\n'), ...followUps].join('\n\n');
}
