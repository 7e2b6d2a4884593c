/** `since:` values: how far back a search looks (`7d`, `2w`, `3m`, `2025-01-01`). */
import { QuerySyntaxError, type SinceSpec } from './syntax.ts';

const DAY_MS = 86_400_000;
/** Ten years: older than anything a trending-papers store holds, and keeps date math far from overflow. */
const MAX_DAYS = 3650;
// Months are 30 days and years 365: `since:` is a rough window, never calendar arithmetic.
const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };
const EXAMPLES = 'Use days, weeks or months back (since:7d, since:2w, since:3m) or a date (since:2025-01-01).';

/** The value quoted for an error message, cut short so a pasted paragraph does not fill the reply. */
export function quoteValue(value: string): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : value);
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Parses `7d`, `2w`, `3m` (30-day months), `1y` or a real `YYYY-MM-DD` date not after `now`; 1–3650 days. */
export function parseSince(text: string, now?: Date): SinceSpec {
  const value = text.trim();
  const relative = /^(\d{1,6})\s*([dwmy])$/i.exec(value);
  if (relative) {
    const days = Number(relative[1]) * (UNIT_DAYS[(relative[2] as string).toLowerCase()] ?? 1);
    if (days < 1) throw new QuerySyntaxError(`since:${value} is no time at all. ${EXAMPLES}`);
    if (days > MAX_DAYS) throw new QuerySyntaxError(`since:${value} reaches back too far; the limit is ${MAX_DAYS} days (10 years).`);
    return { kind: 'relative', days };
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!isRealDate(y, m, d)) throw new QuerySyntaxError(`since:${value} is not a real date. ${EXAMPLES}`);
    if (now && value > now.toISOString().slice(0, 10)) throw new QuerySyntaxError(`since:${value} is in the future.`);
    return { kind: 'date', date: value };
  }
  if (value === '') throw new QuerySyntaxError(`since: needs a value. ${EXAMPLES}`);
  throw new QuerySyntaxError(`${quoteValue(value)} is not a since: value. ${EXAMPLES}`);
}

/** The instant a `since:` spec starts from: `days` before `now`, or the date's midnight UTC. */
export function sinceToDate(spec: SinceSpec, now: Date): Date {
  if (spec.kind === 'relative') return new Date(now.getTime() - spec.days * DAY_MS);
  return new Date(`${spec.date}T00:00:00.000Z`);
}

/** The canonical text of a spec: `since:14d` for `2w`, the date as is. */
export function formatSince(spec: SinceSpec): string {
  return spec.kind === 'relative' ? `since:${spec.days}d` : `since:${spec.date}`;
}
