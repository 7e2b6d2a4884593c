/** The in-memory ReplayStore: tokens that fit a button id, expiry on the injected clock, the oldest evicted first. */
import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import type { Replay } from '../../src/core/ports.ts';
import { createMemoryReplayStore } from '../../src/core/replay-store.ts';

const replay: Replay = {
  userId: 'U1',
  channel: { platform: 'discord', channelId: '1300000000000000001' },
  workspaceId: 'G1',
  origin: { subcommand: 'search', options: { query: 'diffusion' }, offset: 0 },
  paging: { subcommand: 'search', options: { query: 'diffusion' }, offset: 0, limit: 5, hasMore: true },
};

describe('createMemoryReplayStore', () => {
  it('GIVEN a stored replay THEN its token is short and URL-safe and resolves until the TTL has passed', async () => {
    const clock = createFixedClock(new Date('2026-01-05T09:00:00Z'));
    const store = createMemoryReplayStore({ clock, ttlMs: 60_000 });
    const token = await store.put(replay);
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    clock.advance(59_999);
    expect(await store.get(token)).toEqual(replay);
    clock.advance(1);
    expect(await store.get(token)).toBeNull();
    expect(await store.get('made-up')).toBeNull();
  });

  it('GIVEN more replays than it keeps THEN the oldest are forgotten first', async () => {
    const store = createMemoryReplayStore({ clock: createFixedClock(new Date()), ttlMs: 60_000, maxEntries: 2 });
    const tokens: string[] = [];
    for (const userId of ['A', 'B', 'C']) tokens.push(await store.put({ ...replay, userId }));
    const kept = await Promise.all(tokens.map(async (t) => (await store.get(t))?.userId ?? null));
    expect(kept).toEqual([null, 'B', 'C']);
  });

  it('GIVEN expired replays THEN a later put drops them even below the bound', async () => {
    const clock = createFixedClock(new Date('2026-01-05T09:00:00Z'));
    const store = createMemoryReplayStore({ clock, ttlMs: 60_000, maxEntries: 10 });
    const old = await store.put(replay);
    clock.advance(60_000);
    const fresh = await store.put({ ...replay, userId: 'U2' });
    expect(await store.get(old)).toBeNull();
    expect((await store.get(fresh))?.userId).toBe('U2');
  });
});
