/**
 * Slack mrkdwn from untrusted text: escaping (so nothing pings and nothing turns into a link), links, the
 * neutral reply markup translated, and truncation that never cuts an entity or a link in half.
 */
import { parseMarkup, type MarkupSpan } from '../../core/markup.ts';

/** `@channel`, `@here` and `@everyone` typed as plain words: a word joiner after `@` keeps Slack from reading them. */
const BROADCAST_WORD = /@(channel|here|everyone)\b/gi;

/**
 * Escapes text for mrkdwn: `&`, `<`, `>` become entities, so `<!channel>` and `<@U123>` show as typed and ping
 * nobody, and plain `@here` is broken by an invisible word joiner.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BROADCAST_WORD, '@\u2060$1');
}

/** An http(s) URL made safe inside `<…|…>`; null for anything else (javascript:, mailto:, overlong). */
export function safeUrl(url: string): string | null {
  if (!/^https?:\/\/[^\s]+$/i.test(url) || url.length > 2000) return null;
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/** `<url|label>` with the label escaped; just the label when the URL is not a plain http(s) one. */
export function link(url: string, label: string): string {
  return linkWithin(url, label, Number.POSITIVE_INFINITY);
}

/** `link` in at most `max` characters: the label is clipped, never the URL (a URL that leaves no room is dropped). */
export function linkWithin(url: string, label: string, max: number): string {
  const target = safeUrl(url);
  // A `|` in the label would end Slack's label early; the look-alike keeps the text readable.
  const text = escapeMrkdwn(label).replace(/\|/g, '∣');
  if (target === null || target.length + 13 > max) return clipMrkdwn(text, max);
  return `<${target}|${clipMrkdwn(text, max - target.length - 3)}>`;
}

/**
 * Cuts mrkdwn to at most `max` characters (UTF-16 units, as Slack counts) with `…`, backing off so no entity
 * (`&amp;`), link (`<url|label>`) or surrogate pair is cut in half.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z#0-9]*$/i, '');
  if (cut.lastIndexOf('<') > cut.lastIndexOf('>')) cut = cut.slice(0, cut.lastIndexOf('<'));
  return `${cut.trimEnd()}…`;
}

/** Plain text without the reply markup, for `plain_text` fields (headers, buttons). */
export function stripMarkup(text: string): string {
  const plain = (spans: readonly MarkupSpan[]): string => spans.map((s) => (s.kind === 'bold' ? plain(s.spans) : s.text)).join('');
  return parseMarkup(text)
    .map((line) => (line.kind === 'fence' ? '```' : line.kind === 'pre' ? line.text : `${line.bullet ? '• ' : ''}${plain(line.spans)}`))
    .join('\n');
}

/** Spans as mrkdwn: `**b**` → `*b*`, `*i*` → `_i_`, code spans kept, every text escaped. */
function spansToMrkdwn(spans: readonly MarkupSpan[]): string {
  return spans
    .map((span) => {
      if (span.kind === 'text') return escapeMrkdwn(span.text);
      if (span.kind === 'code') return `\`${escapeMrkdwn(span.text)}\``;
      if (span.kind === 'bold') return `*${spansToMrkdwn(span.spans)}*`;
      return `_${escapeMrkdwn(span.text)}_`;
    })
    .join('');
}

/**
 * The neutral reply markup (src/core/reply.ts) as Slack mrkdwn: `**bold**` → `*bold*`, `*italic*` → `_italic_`,
 * code spans and fenced blocks kept, everything else escaped.
 */
export function markupToMrkdwn(text: string): string {
  return parseMarkup(text.replace(/\r\n?/g, '\n'))
    .map((line) => {
      if (line.kind === 'fence') return '```';
      if (line.kind === 'pre') return escapeMrkdwn(line.text);
      return `${line.bullet ? '• ' : ''}${spansToMrkdwn(line.spans)}`;
    })
    .join('\n');
}

/**
 * Splits mrkdwn into chunks of at most `max` characters at line breaks; a fenced block split across chunks is
 * closed and reopened so each chunk renders on its own. Overlong single lines are clipped.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const FENCE = '```';
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let fenced = false;
  const flush = () => {
    if (lines.length === 0) return;
    if (fenced) lines.push(FENCE);
    const chunk = lines.join('\n').trim();
    if (chunk !== '' && chunk !== `${FENCE}\n${FENCE}`) chunks.push(chunk);
    lines = fenced ? [FENCE] : [];
    size = fenced ? FENCE.length : 0;
  };
  for (const raw of text.split('\n')) {
    // Room for the newline and a closing fence.
    const line = clipMrkdwn(raw, max - FENCE.length * 2 - 2);
    if (size + line.length + 1 + FENCE.length + 1 > max) flush();
    lines.push(line);
    size += line.length + 1;
    if (line.trim() === FENCE) fenced = !fenced;
  }
  // An unclosed fence at the end is closed by flush, like any other chunk boundary.
  flush();
  return chunks;
}
