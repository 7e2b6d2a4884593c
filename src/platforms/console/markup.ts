/** The neutral reply markup (`**bold**`, `*italic*`, `code`, fenced blocks) rendered for a terminal. */
import type { Style } from './terminal-style.ts';

/** The reply's tiny markup (`**bold**`, `*italic*`, `code`, fenced blocks) for a terminal. */
export function renderMarkup(text: string, style: Style): string {
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '```') {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      lines.push(`    ${style.dim(line)}`);
      continue;
    }
    lines.push(
      line
        .replace(/\*\*(.+?)\*\*/g, (_m, t: string) => style.bold(t))
        .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, (_m, pre: string, t: string) => `${pre}${t}`)
        .replace(/`([^`]+)`/g, (_m, t: string) => style.cyan(t)),
    );
  }
  return lines.join('\n');
}
