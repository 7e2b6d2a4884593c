/**
 * Wall-clock time in an IANA zone, minute-exact, for the schedule: what a zone's clock reads at an instant, and
 * the instant a zone's clock first reads a given date and time (DST gaps and repeated hours resolved).
 */

/** A zone's clock reading, to the minute. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// formatToParts over a memoized formatter is the one portable way to read a zone's clock; a tick reads it for
// every channel, so the formatter is built once per zone (building one costs tens of microseconds).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = {
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    };
    try {
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      // Zones are validated when set; one the runtime has since dropped schedules in UTC rather than never.
      formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What the zone's clock reads at `instant` (seconds dropped). */
export function wallClock(instant: Date, timeZone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  }
  return wall;
}

/** A wall time as if it were UTC, in milliseconds: comparable, and one minute apart per minute of the clock. */
export function wallMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** The zone's offset from UTC at `instant`, in milliseconds (Berlin in winter: +3,600,000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const minute = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
  return wallMs(wallClock(new Date(minute), timeZone)) - minute;
}

/** `YYYY-MM-DD` + `HH:MM` → the wall time. */
export function parseWall(date: string, time: string): WallTime {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return { year, month, day, hour, minute };
}

/**
 * The first instant at which the zone's clock reads `wall` or later: the wall time itself on an ordinary day; its
 * first occurrence when a fall-back repeats the hour; the first valid minute after the gap when spring-forward
 * skips it (02:30 on a day that jumps 02:00 → 03:00 gives 03:00).
 */
export function zonedInstant(wall: WallTime, timeZone: string): Date {
  const target = wallMs(wall);
  // Every zone changes its offset at most once within a day and a half around a date, so these hold both sides.
  const offsets = [...new Set([-36 * HOUR_MS, 0, 36 * HOUR_MS].map((delta) => zoneOffsetMs(new Date(target + delta), timeZone)))];
  const exact = offsets
    .map((offset) => target - offset)
    .filter((t) => wallMs(wallClock(new Date(t), timeZone)) === target)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // A gap: before the change the clock reads earlier than `wall`, after it later. The clock only moves forward
  // in between, so bisect (by minutes) for the first instant at or past `wall`: the moment of the change.
  let lo = target - Math.max(...offsets);
  let hi = target - Math.min(...offsets);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallMs(wallClock(new Date(mid), timeZone)) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** `YYYY-MM-DD` plus `days` (negative goes back); calendar arithmetic, no zone involved. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseWall(date, '00:00');
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The calendar date's weekday, 0 = Sunday (as `Date#getUTCDay`). */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseWall(date, '00:00');
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** `YYYY-MM-DD` of the zone's clock at `instant`. */
export function wallDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** `HH:MM` of the zone's clock at `instant`. */
export function wallTimeText(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}
