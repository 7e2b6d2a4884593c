/** Which papers a digest looks at: since the channel's previous scheduled slot, at least a day, at most a week. */
import type { Weekday } from './channel.ts';
import { DAY_MS, MAX_DIGEST_WINDOW_MS, MIN_DIGEST_WINDOW_MS, SUBMISSION_GRANULARITY_MS } from './ranking-constants.ts';

/** A digest's window. */
export interface DigestWindow {
  /** Candidates submitted at or after this instant are eligible (the clamped start, floored to a UTC day). */
  since: Date;
  /** The clamped previous slot itself, for "since Monday" (before flooring). */
  previous: Date;
  until: Date;
}

/** A zone Intl accepts: the channel's own, or UTC when it has become invalid, so a digest never fails on it. */
export function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The weekday of an instant in a zone, as the channel encodes days (`mon`). */
export function localWeekday(instant: Date, timeZone: string): Weekday {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: safeTimeZone(timeZone), weekday: 'short' }).format(instant);
  return name.slice(0, 3).toLowerCase() as Weekday;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: safeTimeZone(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
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
export function digestWindow(channel: { days: readonly Weekday[]; timezone: string }, until: Date, previousSlotAt: Date | null): DigestWindow {
  const from = previousSlotAt ?? previousOccurrence(channel.days, until, channel.timezone);
  const earliest = until.getTime() - MAX_DIGEST_WINDOW_MS;
  const latest = until.getTime() - MIN_DIGEST_WINDOW_MS;
  const previous = new Date(Math.min(Math.max(from.getTime(), earliest), latest));
  const since = new Date(Math.floor(previous.getTime() / SUBMISSION_GRANULARITY_MS) * SUBMISSION_GRANULARITY_MS);
  return { since, previous, until };
}
