/**
 * What every database stores the same way: the value lists and defaults of the schema's columns, and how a list
 * of weekdays is encoded in one. Each database's schema (sqlite/schema.ts) uses these, so all of them agree.
 */
import { CHANNEL_DEFAULTS, WEEKDAYS, type Weekday } from '../core/channel.ts';

/** The default digest days, in the `digest_days` encoding (`mon,tue,wed,thu,fri`). */
export const DEFAULT_DIGEST_DAYS = encodeDays(CHANNEL_DEFAULTS.days);

/** The default local digest time, `HH:MM`. */
export const DEFAULT_DIGEST_TIME = CHANNEL_DEFAULTS.digestTime;

/** Status of a digest slot: `claimed` while being posted, then `posted`, `failed` or `skipped`. */
export const SLOT_STATUSES = ['claimed', 'posted', 'failed', 'skipped'] as const;

/** Status of a source refresh. */
export const SOURCE_RUN_STATUSES = ['running', 'ok', 'failed'] as const;

/**
 * How `channels.digest_days` encodes the digest's weekdays: lowercase three-letter names, comma-separated, in
 * Monday-first order with no duplicates (`mon,wed,fri`). Text rather than a bitmask so the column reads plainly in
 * a database shell; the canonical order makes equality meaningful.
 */
export function encodeDays(days: readonly Weekday[]): string {
  return WEEKDAYS.filter((day) => days.includes(day)).join(',');
}

/** The weekdays of a `digest_days` value; unknown names are dropped rather than failing a whole listing. */
export function decodeDays(text: string): Weekday[] {
  const named = new Set(text.split(',').map((part) => part.trim().toLowerCase()));
  return WEEKDAYS.filter((day) => named.has(day));
}
