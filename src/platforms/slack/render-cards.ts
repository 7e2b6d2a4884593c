/** A neutral paper card as one Block Kit section: linked title, byline, signals, summary, links, reason, thumbnail. */
import { cardSignals, type PaperCard } from '../../core/card.ts';
import { truncate } from '../../core/text.ts';
import { image, MAX_SECTION_TEXT, section, type SectionBlock } from './blocks.ts';
import { clipMrkdwn, escapeMrkdwn, link, linkWithin, markupToMrkdwn } from './mrkdwn.ts';

/** Raw-text caps for readability; the section's character budget is enforced after escaping. */
const TITLE_CHARS = 250;
const BYLINE_CHARS = 200;
const SUMMARY_CHARS = 500;
const REASON_CHARS = 200;

/**
 * One card. `budget` caps the section's text (≤ 3000); the summary gets whatever the fixed lines leave, so the
 * title and the links always survive. `extra` lines (a search snippet) come after the summary, which
 * `summary: false` leaves out (when the snippet already starts with it).
 */
export function cardSection(
  card: PaperCard,
  position: number | null,
  budget = MAX_SECTION_TEXT,
  extra: readonly string[] = [],
  options: { summary?: boolean } = {},
): SectionBlock {
  const max = Math.min(budget, MAX_SECTION_TEXT);
  const prefix = position === null ? '' : `${position}. `;
  const title = `*${prefix}${linkWithin(card.url, truncate(card.title, TITLE_CHARS), Math.floor(max / 3) - prefix.length - 2)}*`;
  const byline = [card.authors, card.organization].filter((s): s is string => Boolean(s)).join(' · ');
  const fixed = [title];
  if (byline) fixed.push(clipMrkdwn(escapeMrkdwn(truncate(byline, BYLINE_CHARS)), Math.floor(max / 6)));
  const signals = cardSignals(card);
  if (signals.length > 0) fixed.push(signals.join('   '));
  const tail = [clipMrkdwn(card.links.map((l) => link(l.url, l.label)).join(' · '), Math.floor(max / 4))];
  if (card.reason) tail.push(clipMrkdwn(`↳ ${markupToMrkdwn(truncate(card.reason, REASON_CHARS))}`, Math.floor(max / 8)));
  const used = [...fixed, ...tail].reduce((n, line) => n + line.length + 1, 0);
  let room = max - used - 1;
  const middle: string[] = [];
  const summary = options.summary === false ? [] : [escapeMrkdwn(truncate(card.summary, SUMMARY_CHARS))];
  for (const line of [...summary, ...extra]) {
    if (room < 20 || line === '') continue;
    const clipped = clipMrkdwn(line, room);
    middle.push(clipped);
    room -= clipped.length + 1;
  }
  return section([...fixed, ...middle, ...tail].join('\n'), image(card.thumbnail, card.title));
}
