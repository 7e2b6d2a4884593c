/** Parsing and describing the digest schedule values users type: time, timezone, days. */
import { WEEKDAYS, type ChannelSettings, type Weekday } from '../channel.ts';
import { UserError } from '../errors.ts';

const TIME = /^(\d{1,2}):(\d{2})$/;

/** `HH:MM` (also `9:00`) → `09:00`; anything outside 00:00–23:59 is a UserError. */
export function parseTime(input: string): string {
  const m = TIME.exec(input.trim());
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  if (!m || hours > 23 || minutes > 59) {
    throw new UserError(`${quoted(input)} isn't a time of day. Use 24-hour HH:MM from 00:00 to 23:59, e.g. 09:00 or 17:30.`, 'usage');
  }
  return `${String(hours).padStart(2, '0')}:${m[2]}`;
}

/** True when the runtime knows the IANA zone (or alias such as `UTC`, `Asia/Kolkata`). */
export function isValidTimezone(zone: string): boolean {
  if (zone.trim() === '' || zone.length > 64) return false;
  try {
    // Not Intl.supportedValuesOf: on Node 20 it lacks UTC, Asia/Kolkata and other valid names
    // (docs/decisions/0005-timezone-validation.md).
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone as the user typed it (trimmed), or a UserError with examples. */
export function parseTimezone(input: string): string {
  const zone = input.trim();
  if (!isValidTimezone(zone)) {
    throw new UserError(
      `${quoted(zone)} isn't a timezone I know. Use an IANA name such as Europe/Berlin, America/New_York, Asia/Kolkata or UTC.`,
      'usage',
    );
  }
  return zone;
}

const DAY_NAMES: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  weds: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
  sun: 'sun',
  sunday: 'sun',
};

const DAY_SETS: Record<string, readonly Weekday[]> = {
  weekdays: WEEKDAYS.slice(0, 5),
  weekday: WEEKDAYS.slice(0, 5),
  workdays: WEEKDAYS.slice(0, 5),
  weekends: WEEKDAYS.slice(5),
  weekend: WEEKDAYS.slice(5),
  daily: WEEKDAYS,
  'every day': WEEKDAYS,
  everyday: WEEKDAYS,
  all: WEEKDAYS,
};

const DAYS_HELP = 'Use weekdays, weekends, daily, a list like mon,wed,fri or a range like mon-fri.';

function dayOf(word: string, input: string): Weekday {
  const day = DAY_NAMES[word];
  if (!day) throw new UserError(`I don't know the day ${quoted(word)} in ${quoted(input)}. ${DAYS_HELP}`, 'usage');
  return day;
}

/** A range `fri-mon` wraps over the weekend. */
function dayRange(from: Weekday, to: Weekday): Weekday[] {
  const out: Weekday[] = [];
  for (let i = WEEKDAYS.indexOf(from); ; i = (i + 1) % 7) {
    out.push(WEEKDAYS[i] as Weekday);
    if (WEEKDAYS[i] === to) return out;
  }
}

/** `weekdays`, `daily`, `mon,wed,fri`, `Monday Friday`, `mon-fri` → weekdays, Monday first, no repeats. */
export function parseDays(input: string): Weekday[] {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const set = DAY_SETS[text];
  if (set) return [...set];
  const picked = new Set<Weekday>();
  // "mon - fri", "mon to fri", "mon–fri" all become "mon-fri" before splitting on separators.
  const ranged = text.replace(/\s*(?:-|–|—|\.\.|\bto\b)\s*/g, '-');
  for (const part of ranged.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    const days = range
      ? dayRange(dayOf(range[1] as string, input), dayOf(range[2] as string, input))
      : [...(DAY_SETS[part] ?? [dayOf(part, input)])];
    for (const day of days) picked.add(day);
  }
  if (picked.size === 0) throw new UserError(`No days given. ${DAYS_HELP}`, 'usage');
  return WEEKDAYS.filter((day) => picked.has(day));
}

const DAY_LABEL: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "every day", "Mon–Fri", "Sat, Sun", "Mon, Wed, Fri": runs of three or more days become ranges. */
export function describeDays(days: readonly Weekday[]): string {
  if (days.length === 7) return 'every day';
  if (days.length === 0) return 'no days';
  const runs: Weekday[][] = [];
  for (const day of WEEKDAYS.filter((d) => days.includes(d))) {
    const last = runs.at(-1);
    const prev = last?.at(-1);
    if (last && prev && WEEKDAYS.indexOf(prev) + 1 === WEEKDAYS.indexOf(day)) last.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3 ? [`${DAY_LABEL[run[0] as Weekday]}–${DAY_LABEL[run.at(-1) as Weekday]}`] : run.map((d) => DAY_LABEL[d]),
    )
    .join(', ');
}

/** "Digest at 09:00 Europe/Berlin on Mon–Fri, 5 papers" plus the non-default extras. */
export function describeSchedule(
  settings: Pick<ChannelSettings, 'digestTime' | 'timezone' | 'days' | 'size' | 'minUpvotes' | 'empty'> & { threadMode?: boolean },
): string {
  const papers = settings.size === 1 ? '1 paper' : `${settings.size} papers`;
  const extras = [
    settings.minUpvotes > 0 ? `at least ${settings.minUpvotes} upvotes` : null,
    settings.empty === 'skip' ? 'no post when nothing is new' : null,
    settings.threadMode ? 'papers in a thread' : null,
  ].filter((x): x is string => x !== null);
  return `Digest at ${settings.digestTime} ${settings.timezone} on ${describeDays(settings.days)}, ${papers}${extras.map((x) => `, ${x}`).join('')}`;
}

function quoted(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}
