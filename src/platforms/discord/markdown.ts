/**
 * Text for Discord markdown: paper text escaped so it shows literally, and the neutral reply markup
 * (`**bold**`, `*italic*`, `code`, fenced blocks, `• ` lists; see src/core/reply.ts) translated.
 */
import { parseMarkup, type MarkupSpan } from '../../core/markup.ts';

// Characters that start Discord formatting anywhere in a line: emphasis, strike, spoiler, code, masked
// links and mentions/timestamps (`<@id>`, `<t:…>`). A backslash before any punctuation hides itself.
const INLINE_SPECIALS = /[\\*_~|`[\]<]/g;
// Headings, block quotes, list bullets and subtext (`-# `) only matter at the start of a line.
const LINE_START_SPECIALS = /^(\s*)(#|>|-(?=[\s#])|\+(?=\s))/gm;
const NUMBERED_LIST = /^(\s*\d+)\.(?=\s)/gm;
// `@everyone` and `@here` never ping (allowed_mentions is empty) but would still render as a mention.
const MASS_MENTION = /@(everyone|here)/g;

/** Paper titles, abstracts, author names, anything not written by us: every markdown character literal. */
export function escapeText(text: string): string {
  return text
    .replace(INLINE_SPECIALS, '\\$&')
    .replace(LINE_START_SPECIALS, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(NUMBERED_LIST, '$1\\.')
    .replace(MASS_MENTION, '@\u200b$1');
}

/** A search snippet: its `**matched**` words bold, everything else literal. */
export function renderSnippet(snippet: string): string {
  return snippet
    .replace(/\s+/g, ' ')
    .split(/\*\*(.+?)\*\*/)
    .map((part, i) => (i % 2 === 1 ? `**${escapeText(part)}**` : escapeText(part)))
    .join('');
}

function renderSpans(spans: readonly MarkupSpan[]): string {
  return spans
    .map((span) => {
      if (span.kind === 'text') return escapeText(span.text);
      if (span.kind === 'code') return `\`${span.text}\``;
      if (span.kind === 'bold') return `**${renderSpans(span.spans)}**`;
      return `*${escapeText(span.text)}*`;
    })
    .join('');
}

/** The neutral reply markup as Discord markdown; everything that is not markup is escaped. */
export function renderMarkup(text: string): string {
  let fenced = false;
  const lines = parseMarkup(text).map((line) => {
    if (line.kind === 'fence') {
      fenced = !fenced;
      return '```';
    }
    // Inside a fence Discord shows text as is; only a stray fence marker could end the block early.
    if (line.kind === 'pre') return line.text.replace(/```/g, 'ʼʼʼ');
    return `${line.bullet ? '• ' : ''}${renderSpans(line.spans)}`;
  });
  if (fenced) lines.push('```');
  return lines.join('\n');
}
