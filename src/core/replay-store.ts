/**
 * The in-memory ReplayStore: one process's button replays under short random tokens (a Discord custom_id holds
 * at most 100 characters, so the replay itself cannot ride on the button). Bounded, and expiring after the
 * platform's `ttlMs`, the time during which a click can still edit the reply. The bot itself keeps replays in its
 * database, shared by every process (`replays-repo.ts` of each store, docs/architecture.md §16); this one serves
 * tests and platforms built without a store.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { Replay, ReplayStore } from './ports.ts';

/** Replays kept by default; a busy bot forgets the oldest first (each is a few hundred bytes). */
export const MAX_REPLAYS = 10_000;

/** A new button token: 9 random bytes, 12 base64url characters (URL-safe, far below a button id's limit). */
export function newReplayToken(): string {
  return randomBytes(9).toString('base64url');
}

/** Creates the store; expiry uses the injected clock. */
export function createMemoryReplayStore(options: { clock: Clock; ttlMs: number; maxEntries?: number }): ReplayStore {
  const { clock, ttlMs } = options;
  const max = options.maxEntries ?? MAX_REPLAYS;
  const entries = new Map<string, { replay: Replay; expires: number }>();
  return {
    async put(replay) {
      const now = clock.now().getTime();
      const token = newReplayToken();
      entries.set(token, { replay, expires: now + ttlMs });
      // Insertion order is expiry order (the TTL is fixed): expired entries, then the oldest beyond `max`, sit at the front.
      for (const [old, entry] of entries) {
        if (entry.expires > now && entries.size <= max) break;
        entries.delete(old);
      }
      return token;
    },
    async get(token) {
      const entry = entries.get(token);
      if (!entry) return null;
      if (entry.expires <= clock.now().getTime()) {
        entries.delete(token);
        return null;
      }
      return entry.replay;
    },
  };
}
