/**
 * Server-side state behind Prev/Next/Share buttons. A custom_id holds at most 100 characters, so a button
 * carries a short random token and the invocation it replays stays here: bounded, and expiring after 15
 * minutes, the life of the interaction token that could still edit the reply.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelRef } from '../../core/channel.ts';
import type { Clock } from '../../core/clock.ts';
import type { Paging, ReplyOrigin } from '../../core/reply.ts';

/** A private result the user may page or share. */
export interface StoredResult {
  /** Who ran the command: the only one who may page it. */
  userId: string;
  channel: ChannelRef;
  workspaceId: string | null;
  /** What Share replays (publicly). */
  origin: ReplyOrigin;
  /** What Prev/Next replay at another offset; null when the result has one page. */
  paging: Paging | null;
}

/** Tokens → results, oldest evicted first. */
export interface ResultStore {
  put(result: StoredResult): string;
  /** The result, or null when it expired or was evicted. */
  get(token: string): StoredResult | null;
  readonly size: number;
}

/** How long buttons keep working. */
export const RESULT_TTL_MS = 15 * 60_000;
/** Results kept at most; a busy bot forgets the oldest first (each is a few hundred bytes). */
export const MAX_RESULTS = 10_000;

/** Creates the store; expiry uses the injected clock. */
export function createResultStore(options: { clock: Clock; ttlMs?: number; maxEntries?: number }): ResultStore {
  const ttl = options.ttlMs ?? RESULT_TTL_MS;
  const max = options.maxEntries ?? MAX_RESULTS;
  const entries = new Map<string, { result: StoredResult; expires: number }>();
  const sweep = (now: number) => {
    // Insertion order is expiry order (the TTL is fixed), so expired entries sit at the front.
    for (const [token, entry] of entries) {
      if (entry.expires > now && entries.size <= max) break;
      entries.delete(token);
    }
  };
  return {
    put(result) {
      const now = options.clock.now().getTime();
      const token = randomBytes(9).toString('base64url');
      entries.set(token, { result, expires: now + ttl });
      sweep(now);
      return token;
    },
    get(token) {
      const entry = entries.get(token);
      if (!entry) return null;
      if (entry.expires <= options.clock.now().getTime()) {
        entries.delete(token);
        return null;
      }
      return entry.result;
    },
    get size() {
      return entries.size;
    },
  };
}
