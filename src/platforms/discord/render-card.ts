/**
 * One paper card as one Discord embed that fits a character budget: the title links to the paper, the
 * description holds byline, signals, summary, snippet, a links line and the reason. A tight budget cuts
 * snippet, byline and reason before the summary, and never the title or the links to the paper.
 */
import type { APIEmbed } from 'discord.js';
import { cardSignals, type CardLink, type PaperCard } from '../../core/card.ts';
import { clip, LIMITS } from './limits.ts';
import { escapeText, renderMarkup, renderSnippet } from './markdown.ts';

/** What a card shows besides the paper itself. */
export interface CardExtras {
  /** 1-based place in a list; omitted for a single paper. */
  position?: number;
  /** A search excerpt with `**marked**` words. */
  snippet?: string;
  /** Shown for hits merged in from Hugging Face search. */
  note?: string;
}

/**
 * A description line. Under a tight budget lines are first cut towards `min` in `shrink` order (lowest first),
 * then dropped in the same order (a line with a `fallback` is replaced by it instead); Infinity never shrinks.
 */
interface Line {
  text: string;
  shrink: number;
  min: number;
  fallback?: string;
}

/** Longest link URL kept: arXiv links are ~35 characters; anything near this is junk metadata. */
const MAX_LINK_URL = 300;
/** Caps on the parts that have no reason to be long. */
const MAX_BYLINE = 200;
const MAX_REASON = 200;
const MAX_SNIPPET = 300;
/** How short a tight budget may cut a byline, reason or snippet; a summary keeps a little more. */
const MIN_PROSE = 40;
const MIN_SUMMARY = 80;
/** The title takes at most this share of a tight budget, so the summary keeps some room. */
const TITLE_SHARE = 0.35;
const MIN_TITLE = 24;

/** True for an http(s) URL Discord will accept in an embed or a markdown link. */
export function safeUrl(url: string | null | undefined, max = 2048): url is string {
  return typeof url === 'string' && url.length <= max && /^https?:\/\/[^\s<>]+$/i.test(url);
}

/** A markdown link whose URL cannot end the link early. */
function link(l: CardLink): string {
  return `[${l.label}](${l.url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

function linksLine(links: readonly CardLink[], onlyCore: boolean): string {
  const usable = links.filter((l) => safeUrl(l.url, MAX_LINK_URL) && (!onlyCore || l.label === 'arXiv' || l.label === 'PDF'));
  return usable.map(link).join(' · ');
}

/** The non-zero signals, or nothing (an empty line is left out). */
function signalsLine(card: PaperCard): string {
  return cardSignals(card).join(' · ');
}

/** A snippet that starts like the summary only repeats it (the match was in the first sentence). */
function repeatsSummary(snippet: string, summary: string): boolean {
  const start = (text: string) => text.replace(/\*\*/g, '').replace(/^…/, '').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 60);
  return start(snippet) === start(summary);
}

const length = (lines: readonly Line[]) =>
  lines.reduce((n, l) => n + l.text.length, 0) + Math.max(0, lines.filter((l) => l.text !== '').length - 1);

/** Joins lines within `room` characters, cutting, then dropping, the most expendable ones first. */
export function fitLines(lines: Line[], room: number): string {
  const order = lines.filter((l) => l.shrink !== Infinity).sort((a, b) => a.shrink - b.shrink);
  for (const line of order) {
    const excess = length(lines) - room;
    if (excess <= 0) break;
    if (line.text.length > line.min) line.text = clip(line.text, Math.max(line.min, line.text.length - excess));
  }
  for (const line of order) {
    if (length(lines) <= room) break;
    line.text = line.fallback !== undefined && line.fallback.length < line.text.length ? line.fallback : '';
  }
  return clip(
    lines
      .filter((l) => l.text !== '')
      .map((l) => l.text)
      .join('\n'),
    room,
  );
}

/** Discord's count of an embed's characters: title, description, fields, footer and author name. */
export function embedChars(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

function build(card: PaperCard, extras: CardExtras, titleRoom: number, descriptionRoom: number): APIEmbed {
  const prefix = extras.position === undefined ? '' : `${extras.position}. `;
  const title = clip(`${prefix}${escapeText(card.title)}`, titleRoom);
  const byline = [card.authors, card.organization]
    .filter((s): s is string => Boolean(s))
    .map(escapeText)
    .join(' · ');
  const lines: Line[] = [
    { text: clip(byline, MAX_BYLINE), shrink: 1, min: MIN_PROSE },
    { text: signalsLine(card), shrink: Infinity, min: 0 },
    { text: escapeText(card.summary), shrink: 3, min: MIN_SUMMARY },
    {
      text: extras.snippet && !repeatsSummary(extras.snippet, card.summary) ? `> ${clip(renderSnippet(extras.snippet), MAX_SNIPPET)}` : '',
      shrink: 0,
      min: MIN_PROSE,
    },
    { text: linksLine(card.links, false), shrink: 4, min: Number.POSITIVE_INFINITY, fallback: linksLine(card.links, true) },
    { text: card.reason ? `↳ ${clip(renderMarkup(card.reason), MAX_REASON)}` : '', shrink: 2, min: MIN_PROSE },
    { text: extras.note ? `-# ${escapeText(extras.note)}` : '', shrink: 2, min: MIN_PROSE },
  ];
  const description = fitLines(lines, Math.min(LIMITS.embedDescription, descriptionRoom - title.length));
  const embed: APIEmbed = { title };
  // Discord rejects an empty description; only a budget too small for anything leaves it empty.
  if (description !== '') embed.description = description;
  if (safeUrl(card.url)) embed.url = card.url;
  if (safeUrl(card.thumbnail)) embed.thumbnail = { url: card.thumbnail };
  return embed;
}

/** The embed of one card, its title + description at most `budget` characters (and within every field limit). */
export function cardEmbed(card: PaperCard, extras: CardExtras, budget: number): APIEmbed {
  const full = build(card, extras, LIMITS.embedTitle, LIMITS.embedTitle + LIMITS.embedDescription);
  if (embedChars(full) <= budget) return full;
  const titleRoom = Math.min(LIMITS.embedTitle, Math.max(MIN_TITLE, Math.floor(budget * TITLE_SHARE)));
  return build(card, extras, titleRoom, budget);
}
