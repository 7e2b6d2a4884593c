/** The words of a digest: header, empty line, reasons and the slot marker. */
import { channelKey, type ChannelRef } from '../channel.ts';
import { localDate, zoneFormatter } from './window.ts';
import { DAY_MS } from '../ranking-constants.ts';

/** "Trending papers · Tue 4 Mar", the date in the channel's zone. */
export function digestHeader(at: Date, timeZone: string): string {
  return `Trending papers · ${shortDay(at, timeZone)}`;
}

/** "Tue 4 Mar" in a zone. */
function shortDay(at: Date, timeZone: string): string {
  return zoneFormatter(timeZone, 'shortDay').format(at);
}

/** "Monday" when `previous` is within the last six local days of `now`, else "Tue 25 Feb". */
export function sinceText(previous: Date, now: Date, timeZone: string): string {
  const days = Math.round((Date.parse(localDate(now, timeZone)) - Date.parse(localDate(previous, timeZone))) / DAY_MS);
  if (days >= 1 && days <= 6) {
    return zoneFormatter(timeZone, 'longWeekday').format(previous);
  }
  return shortDay(previous, timeZone);
}

/** The line an empty digest shows (when the channel's `empty` is `say`). */
export function emptyDigestText(hasTopics: boolean, since: string): string {
  return hasTopics ? `Nothing new matched your topics since ${since}.` : `Nothing new is trending since ${since}.`;
}

/** Why a paper is in a digest or trending list: "matches *diffusion* · +40 upvotes today", or "trending". */
export function reasonLine(parts: { topic?: string | null; velocity?: number | null }, minVelocity: number): string {
  const out: string[] = [];
  if (parts.topic) out.push(`matches *${parts.topic}*`);
  if (parts.velocity !== undefined && parts.velocity !== null && parts.velocity >= minVelocity) {
    out.push(`+${Math.round(parts.velocity)} upvote${Math.round(parts.velocity) === 1 ? '' : 's'} today`);
  }
  return out.length > 0 ? out.join(' · ') : 'trending';
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a over the UTF-16 code units: tiny, dependency-free and stable across releases. */
function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash;
}

/** Marks the post of (channel, slot) so a restart can find it: `pb-` + base36 hash, at most 16 characters (≤ 25 fits a Discord nonce). */
export function digestMarker(channel: ChannelRef, slotKey: string): string {
  return `pb-${fnv1a64(`${channelKey(channel)}|${slotKey}`).toString(36)}`;
}
