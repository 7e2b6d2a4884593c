/** Timezone suggestions for autocomplete. Suggesting from a list is fine; validating against it is not. */
import { isValidTimezone } from './schedule/values.ts';

/** Valid names Node 20's `Intl.supportedValuesOf('timeZone')` leaves out, and the most asked-for zones. */
const EXTRA = [
  'UTC',
  'Etc/UTC',
  'GMT',
  'Asia/Kolkata',
  'Europe/Kyiv',
  'America/Argentina/Buenos_Aires',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'America/Nuuk',
  'Pacific/Kanton',
];
/** Old spellings the ICU list still carries; their modern names above are what we suggest. */
const LEGACY = new Set([
  'Asia/Calcutta',
  'Europe/Kiev',
  'America/Buenos_Aires',
  'Asia/Saigon',
  'Asia/Katmandu',
  'Asia/Rangoon',
  'America/Godthab',
  'Pacific/Enderbury',
]);
/** Shown for an empty partial: the zones most teams use. */
const POPULAR = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
];

let cached: Array<{ name: string; lower: string; city: string }> | null = null;

/** Built once on first use: the list is constant for the process and costs ~1 ms to build. */
function names(): Array<{ name: string; lower: string; city: string }> {
  if (!cached) {
    const all = new Set([...EXTRA, ...Intl.supportedValuesOf('timeZone')].filter((z) => !LEGACY.has(z) && isValidTimezone(z)));
    cached = [...all].sort().map((name) => ({ name, lower: name.toLowerCase(), city: (name.split('/').at(-1) ?? name).toLowerCase() }));
  }
  return cached;
}

/** Up to `max` zones for a partial: full-name prefix first, then city prefix, then substring. */
export function suggestTimezones(partial: string, max = 25): string[] {
  const needle = partial.trim().toLowerCase().replace(/\s+/g, '_');
  if (needle === '') return POPULAR.slice(0, max);
  const ranked: string[][] = [[], [], []];
  for (const zone of names()) {
    const rank = zone.lower.startsWith(needle) ? 0 : zone.city.startsWith(needle) ? 1 : zone.lower.includes(needle) ? 2 : -1;
    if (rank >= 0) ranked[rank]?.push(zone.name);
  }
  return ranked.flat().slice(0, max);
}
