/** Which papers a digest looks at: since the channel's previous scheduled slot, at least a day, at most a week. */
import type { Weekday } from '../channel.ts';
import { DAY_MS, MAX_DIGEST_WINDOW_MS, MIN_DIGEST_WINDOW_MS, SUBMISSION_GRANULARITY_MS } from '../ranking-constants.ts';

/** A digest's window. */
export interface DigestWindow {
  /** Candidates submitted at or after this instant are eligible (the clamped start, floored to a UTC day). */
  since: Date;
  /** The clamped previous slot itself, for "since Monday" (before flooring). */
  previous: Date;
  until: Date;
}

/** The date styles digests format. */
const STYLES = {
  weekday: ['en-US', { weekday: 'short' }],
  // en-CA formats dates as YYYY-MM-DD.
  isoDate: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  shortDay: ['en-GB', { weekday: 'short', day: 'numeric', month: 'short' }],
  longWeekday: ['en-GB', { weekday: 'long' }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

// Building an Intl.DateTimeFormat costs tens of microseconds and a run formats for thousands of channels in a
// handful of zones, so formatters are memoized per zone and style (a pure cache, safe to share).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A memoized formatter of `style` in `timeZone`; an invalid zone formats in UTC, so a digest never fails on it. */
export function zoneFormatter(timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = STYLES[style];
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The weekday of an instant in a zone, as the channel encodes days (`mon`). */
export function localWeekday(instant: Date, timeZone: string): Weekday {
  return zoneFormatter(timeZone, 'weekday').format(instant).slice(0, 3).toLowerCase() as Weekday;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return zoneFormatter(timeZone, 'isoDate').format(instant);
}

/**
 * When the schedule last fired before `at`: the nearest earlier enabled weekday, same local time. Good to the
 * hour across DST changes, which the UTC-day flooring of the window absorbs anyway.
 */
export function previousOccurrence(days: readonly Weekday[], at: Date, timeZone: string): Date {
  for (let back = 1; back <= 7; back += 1) {
    const candidate = new Date(at.getTime() - back * DAY_MS);
    if (days.includes(localWeekday(candidate, timeZone))) return candidate;
  }
  return new Date(at.getTime() - DAY_MS);
}

/**
 * The window of a digest at `until` (the slot's due time, or now for a manual digest or preview). It starts at
 * the previous posted scheduled slot, else where the schedule last fired; clamped to [1 day, 7 days] back.
 */
export function digestWindow(
  channel: { days: readonly Weekday[]; timezone: string },
  until: Date,
  previousSlotAt: Date | null,
): DigestWindow {
  const from = previousSlotAt ?? previousOccurrence(channel.days, until, channel.timezone);
  const earliest = until.getTime() - MAX_DIGEST_WINDOW_MS;
  const latest = until.getTime() - MIN_DIGEST_WINDOW_MS;
  const previous = new Date(Math.min(Math.max(from.getTime(), earliest), latest));
  const since = new Date(Math.floor(previous.getTime() / SUBMISSION_GRANULARITY_MS) * SUBMISSION_GRANULARITY_MS);
  return { since, previous, until };
}
