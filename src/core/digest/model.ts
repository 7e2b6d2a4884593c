/** The neutral digest both platforms (and the console) render (docs/architecture.md §7). */
import type { ChannelRef } from '../channel.ts';
import type { PaperCard } from '../card.ts';

export interface Digest {
  channel: ChannelRef;
  /** e.g. `scheduled:2025-03-04` or `manual-…`; unique per channel. */
  slotKey: string;
  /** "Trending papers · Tue 4 Mar". */
  header: string;
  /** Up to the channel's size; empty when nothing new matched. */
  cards: PaperCard[];
  /** The line shown instead of cards when empty ("Nothing new matched your topics since Monday."). */
  emptyText: string | null;
  /** Status lines: stale sources, weekends, … */
  footer: string[];
  /** Identifies this slot's post so a restart can find it on the platform (≤ 25 characters). */
  marker: string;
}
