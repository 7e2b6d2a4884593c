/**
 * Text for Discord markdown: paper text escaped so it shows literally, and the neutral reply markup
 * (`**bold**`, `*italic*`, `code`, fenced blocks, `• ` lists; see src/core/reply.ts) translated.
 */

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

// One inline token of the neutral markup: `code`, **bold** or *italic*.
const INLINE = /`([^`\n]+)`|\*\*(.+?)\*\*|(?<![*\w])\*([^*\s](?:[^*]*?[^*\s])?)\*(?![*\w])/g;

function renderInline(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    out += escapeText(line.slice(last, m.index));
    if (m[1] !== undefined) out += `\`${m[1]}\``;
    else if (m[2] !== undefined) out += `**${renderInline(m[2])}**`;
    else out += `*${escapeText(m[3] ?? '')}*`;
    last = m.index + m[0].length;
  }
  return out + escapeText(line.slice(last));
}

/** The neutral reply markup as Discord markdown; everything that is not markup is escaped. */
export function renderMarkup(text: string): string {
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '```') {
      fenced = !fenced;
      lines.push('```');
      continue;
    }
    // Inside a fence Discord shows text as is; only a stray fence marker could end the block early.
    if (fenced) lines.push(line.replace(/```/g, 'ʼʼʼ'));
    else if (line.startsWith('• ')) lines.push(`• ${renderInline(line.slice(2))}`);
    else lines.push(renderInline(line));
  }
  if (fenced) lines.push('```');
  return lines.join('\n');
}
