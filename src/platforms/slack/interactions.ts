/**
 * What the Prev/Next and Share buttons of a reply replay, kept in memory under a short random token (the
 * button's value). Bounded and expiring: a response_url only lives 30 minutes, so older buttons say "expired".
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { Paging, ReplyOrigin } from '../../core/reply.ts';

/** How long buttons keep working (Slack's response_url lifetime). */
export const INTERACTION_TTL_MS = 30 * 60_000;
/** Remembered replies at most; the oldest are forgotten first. */
export const MAX_INTERACTIONS = 2_000;

/** One reply's buttons: who ran it, where, and what to replay. */
export interface Interaction {
  userId: string;
  channelId: string;
  teamId: string | null;
  origin: ReplyOrigin | null;
  paging: Paging | null;
}

export interface InteractionStore {
  /** Remembers an interaction; returns its token. */
  put(interaction: Interaction): string;
  /** The interaction, or null when unknown or expired. */
  get(token: string): Interaction | null;
}

/** Creates the store; expiry uses the injected clock. */
export function createInteractionStore(clock: Clock, ttlMs = INTERACTION_TTL_MS, max = MAX_INTERACTIONS): InteractionStore {
  const entries = new Map<string, { interaction: Interaction; expires: number }>();
  return {
    put(interaction) {
      const now = clock.now().getTime();
      // Insertion order is expiry order: drop expired ones from the front, then the oldest beyond `max`.
      for (const [token, entry] of entries) {
        if (entry.expires > now && entries.size < max) break;
        entries.delete(token);
      }
      const token = randomBytes(9).toString('base64url');
      entries.set(token, { interaction, expires: now + ttlMs });
      return token;
    },
    get(token) {
      const entry = entries.get(token);
      if (!entry) return null;
      if (entry.expires <= clock.now().getTime()) {
        entries.delete(token);
        return null;
      }
      return entry.interaction;
    },
  };
}
