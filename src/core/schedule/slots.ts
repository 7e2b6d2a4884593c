/**
 * The digest schedule, pure (docs/architecture.md §9): a channel's slots are its enabled local dates, each due at the
 * local digest time; which slot is due at an instant, which missed ones are skipped, and when the next one comes.
 */
import { WEEKDAYS, type Weekday } from '../channel.ts';
import { zoneFormatter } from '../digest/window.ts';
import { HOUR_MS } from '../ranking-constants.ts';
import { addDays, parseWall, wallDate, wallTimeText, weekdayOf, zonedInstant } from './wall-time.ts';

/** What the schedule needs of a channel. */
export interface Schedule {
  /** IANA zone. */
  timezone: string;
  /** Local time `HH:MM`. */
  digestTime: string;
  days: readonly Weekday[];
}

/** One scheduled digest: the channel-local date (the slot key) and the instant it is due. */
export interface Slot {
  slotKey: string;
  dueAt: Date;
}

/** Why a slot is skipped rather than posted. */
export type SkipReason = 'too late' | 'superseded';

/** What to do for a channel at an instant. */
export interface SlotPlan {
  /** The slot to post now, if any: the newest due one, within the catch-up grace. */
  post: Slot | null;
  /** Older missed slots to mark skipped, oldest first. */
  skip: Array<Slot & { reason: SkipReason }>;
}

/**
 * How far back missed slots are looked for: one week covers a weekly channel's previous slot; anything older is
 * left alone (no rows for a month of downtime).
 */
export const MISSED_LOOKBACK_MS = 7 * 24 * HOUR_MS;

/**
 * A slot this close to its due time is on time whatever PAPERBOY_CATCHUP_HOURS says (even 0): ticks are a minute
 * apart and a busy tick starts late.
 */
export const ON_TIME_MS = 5 * 60_000;

const SUNDAY_FIRST: readonly Weekday[] = [WEEKDAYS[6], ...WEEKDAYS.slice(0, 6)];

/** The weekday of a calendar date, as channels spell days. */
export function weekdayName(date: string): Weekday {
  return SUNDAY_FIRST[weekdayOf(date)] as Weekday;
}

// A tick plans every channel each minute and most channels share a few (zone, time) pairs: due instants are
// memoized (a pure cache, cleared when it grows past a few days of every pair in use).
const dueCache = new Map<string, number>();
const DUE_CACHE_MAX = 100_000;

/** The slot of a local date: due at the local digest time (DST gap → the first valid minute after; repeated hour → its first occurrence). */
export function slotOn(schedule: Schedule, date: string): Slot {
  const key = `${schedule.timezone}|${schedule.digestTime}|${date}`;
  let due = dueCache.get(key);
  if (due === undefined) {
    if (dueCache.size >= DUE_CACHE_MAX) dueCache.clear();
    due = zonedInstant(parseWall(date, schedule.digestTime), schedule.timezone).getTime();
    dueCache.set(key, due);
  }
  return { slotKey: date, dueAt: new Date(due) };
}

/** The enabled slots due in (after, until], oldest first. */
export function slotsBetween(schedule: Schedule, after: Date, until: Date): Slot[] {
  if (schedule.days.length === 0 || until <= after) return [];
  // A local date's digest falls within a day and a bit of the UTC instants of that date: widen by a day each side.
  const first = addDays(wallDate(after, schedule.timezone), -1);
  const last = addDays(wallDate(until, schedule.timezone), 1);
  const slots: Slot[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (!schedule.days.includes(weekdayName(date))) continue;
    const slot = slotOn(schedule, date);
    if (slot.dueAt > after && slot.dueAt <= until) slots.push(slot);
  }
  return slots;
}

/** The first enabled slot due after `after`, or null when no day is enabled. */
export function nextSlot(schedule: Schedule, after: Date): Slot | null {
  if (schedule.days.length === 0) return null;
  for (let date = addDays(wallDate(after, schedule.timezone), -1); ; date = addDays(date, 1)) {
    if (!schedule.days.includes(weekdayName(date))) continue;
    const slot = slotOn(schedule, date);
    if (slot.dueAt > after) return slot;
  }
}

/** Options of `planSlots`. */
export interface PlanOptions {
  /** How late a missed slot may still be posted (PAPERBOY_CATCHUP_HOURS); at least ON_TIME_MS applies. */
  catchupMs: number;
  /** The newest slot already done (posted or skipped); it and older slots are never due again. */
  lastDoneKey: string | null;
  /** Slots due before this are not the channel's (it was set up later); they are neither posted nor skipped. */
  notBefore?: Date | null;
}

/** The grace actually applied: the catch-up hours, never less than ON_TIME_MS. */
export function graceMs(catchupMs: number): number {
  return Math.max(catchupMs, ON_TIME_MS);
}

/**
 * Which slot to post at `now`, and which missed ones to skip. Of the due slots not yet done, the newest is posted
 * when it is within the grace; every older one is skipped ("superseded" within the grace, "too late" beyond it),
 * so downtime yields at most one catch-up post per channel.
 */
export function planSlots(schedule: Schedule, now: Date, options: PlanOptions): SlotPlan {
  const grace = graceMs(options.catchupMs);
  const floor = Math.max(now.getTime() - MISSED_LOOKBACK_MS, options.notBefore?.getTime() ?? Number.NEGATIVE_INFINITY);
  // Slots due exactly at `floor` count (a channel set up at 09:00 gets its 09:00 slot): start just before it.
  const due = slotsBetween(schedule, new Date(floor - 1), now).filter(
    (slot) => options.lastDoneKey === null || slot.slotKey > options.lastDoneKey,
  );
  const newest = due.at(-1);
  if (!newest) return { post: null, skip: [] };
  const postable = now.getTime() - newest.dueAt.getTime() <= grace;
  const older = postable ? due.slice(0, -1) : due;
  return {
    post: postable ? newest : null,
    skip: older.map((slot) => ({ ...slot, reason: now.getTime() - slot.dueAt.getTime() <= grace ? 'superseded' : 'too late' })),
  };
}

/** "Tue 4 Mar 09:00 Europe/Berlin": a slot's due time on the channel's clock. */
export function describeSlot(slot: Slot, timeZone: string): string {
  return `${zoneFormatter(timeZone, 'shortDay').format(slot.dueAt)} ${wallTimeText(slot.dueAt, timeZone)} ${timeZone}`;
}

/**
 * The channel's next digest as `/papers status` shows it: a due slot not yet posted (within the grace) is
 * "due now"; otherwise the first slot after `now`. Null when no day is enabled.
 */
export function nextDigestText(schedule: Schedule, now: Date, options: PlanOptions): string | null {
  const pending = planSlots(schedule, now, options).post;
  if (pending) return `${describeSlot(pending, schedule.timezone)} (due now)`;
  const next = nextSlot(schedule, now);
  return next ? describeSlot(next, schedule.timezone) : null;
}
