/**
 * The one parser of the reply markup (src/core/reply.ts): `**bold**`, `*italic*`, `` `code` ``, fenced blocks and
 * `• ` list lines. Each platform renders the parsed lines its own way and escapes every text span.
 */

/** One inline piece of a markup line. */
export type MarkupSpan =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'bold'; spans: MarkupSpan[] }
  | { kind: 'italic'; text: string };

/** One line of markup: a fence marker (opens or closes a block), a line inside a block, or a line of spans. */
export type MarkupLine = { kind: 'fence' } | { kind: 'pre'; text: string } | { kind: 'text'; bullet: boolean; spans: MarkupSpan[] };

// Leftmost token wins: `code`, **bold** (which may hold the others), or *italic* standing alone (not in `a*b*c`,
// not around spaces), so paper text like `O(n*m)` or `ReST-MCTS*` stays literal.
const INLINE = /`([^`\n]+)`|\*\*(.+?)\*\*|(?<![*\w])\*([^*\s](?:[^*]*?[^*\s])?)\*(?![*\w])/g;
const FENCE = '```';
const BULLET = '• ';

/** The spans of one line; text between tokens is kept as separate text spans, never merged. */
export function parseInline(line: string): MarkupSpan[] {
  const spans: MarkupSpan[] = [];
  let last = 0;
  const text = (to: number) => {
    if (to > last) spans.push({ kind: 'text', text: line.slice(last, to) });
  };
  for (const m of line.matchAll(INLINE)) {
    text(m.index);
    if (m[1] !== undefined) spans.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) spans.push({ kind: 'bold', spans: parseInline(m[2]) });
    else spans.push({ kind: 'italic', text: m[3] ?? '' });
    last = m.index + m[0].length;
  }
  text(line.length);
  return spans;
}

/** The lines of a markup text; a block left open at the end stays open (the renderer closes it if it must). */
export function parseMarkup(text: string): MarkupLine[] {
  let fenced = false;
  return text.split('\n').map((line): MarkupLine => {
    if (line.trim() === FENCE) {
      fenced = !fenced;
      return { kind: 'fence' };
    }
    if (fenced) return { kind: 'pre', text: line };
    const bullet = line.startsWith(BULLET);
    return { kind: 'text', bullet, spans: parseInline(bullet ? line.slice(BULLET.length) : line) };
  });
}
