/** The neutral reply markup (`**bold**`, `*italic*`, `code`, fenced blocks) rendered for a terminal. */
import { parseMarkup, type MarkupSpan } from '../../core/markup.ts';
import type { Style } from './terminal-style.ts';

function renderSpans(spans: readonly MarkupSpan[], style: Style): string {
  return spans
    .map((span) => {
      if (span.kind === 'bold') return style.bold(renderSpans(span.spans, style));
      if (span.kind === 'code') return style.cyan(span.text);
      // Italic and text alike are plain words: not every terminal supports the italic escape code.
      return span.text;
    })
    .join('');
}

/** The reply's tiny markup (`**bold**`, `*italic*`, `code`, fenced blocks) for a terminal. */
export function renderMarkup(text: string, style: Style): string {
  return parseMarkup(text)
    .flatMap((line) => {
      if (line.kind === 'fence') return [];
      if (line.kind === 'pre') return [`    ${style.dim(line.text)}`];
      return [`${line.bullet ? '• ' : ''}${renderSpans(line.spans, style)}`];
    })
    .join('\n');
}
