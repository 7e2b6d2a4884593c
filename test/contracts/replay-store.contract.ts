/**
 * The ReplayStore contract: what a Prev/Next or Share button's token resolves to (src/core/ports.ts, decision 0003).
 * Every store: a full round trip, unknown and expired tokens, tokens that fit a button, one platform's tokens only.
 * Stores shared by several processes (the databases, docs/architecture.md §16) also: two instances see each other's
 * replays, and expired rows are deleted by puts now and then, so the table stays bounded without a job.
 */
import { describe, expect, it } from 'vitest';
import { createFixedClock, type Clock } from '../../src/core/clock.ts';
import type { Replay, ReplayStore } from '../../src/core/ports.ts';
import { HOSTILE_QUERIES } from './hostile-queries.ts';

/** What opening one store instance takes (the database-backed stores' options). */
export interface ReplayStoreSettings {
  clock: Clock;
  ttlMs: number;
  platform: string;
}

/** One test's stores: `open` makes another instance over the same storage (for a database, another "process"). */
export interface ReplayStoreHarness {
  open(settings: ReplayStoreSettings): ReplayStore;
  /** Rows kept, expired or not (stores shared by processes). */
  rows?(): Promise<number>;
}

/** A harness over fresh, empty storage for one test; the runner cleans up after the test. */
export type MakeReplayStores = () => ReplayStoreHarness | Promise<ReplayStoreHarness>;

const T0 = new Date('2026-01-05T09:00:00.000Z');
const MINUTE = 60_000;
const TTL = 15 * MINUTE;

/** A URL-safe token no longer than 40 characters: it fits any button id. */
const TOKEN = /^[A-Za-z0-9_-]{1,40}$/;

/** A replay with every field set, nested objects and every option value type. */
const FULL: Replay = {
  userId: '300000000000000001',
  channel: { platform: 'discord', channelId: '1300000000000000001' },
  workspaceId: '1200000000000000001',
  origin: { subcommand: 'search', options: { query: '"diffusion transformers" -survey «ünïcode» 🚀', since: '30d', limit: 5 }, offset: 5 },
  paging: {
    subcommand: 'search',
    options: { query: '"diffusion transformers" -survey «ünïcode» 🚀', since: '30d', limit: 5, exact: true, fuzzy: false },
    offset: 5,
    limit: 5,
    hasMore: true,
  },
};

/** A replay with its optional parts empty. */
const BARE: Replay = {
  userId: 'U0MEMBER',
  channel: { platform: 'slack', channelId: 'C0PAGE' },
  workspaceId: null,
  origin: null,
  paging: null,
};

async function rowsOf(harness: ReplayStoreHarness): Promise<number> {
  if (!harness.rows) throw new Error('a store shared by processes must count its rows');
  return harness.rows();
}

/** Runs the ReplayStore contract; `shared` adds the cases of stores that several processes share (databases). */
export function describeReplayStoreContract(name: string, make: MakeReplayStores, options: { shared: boolean }): void {
  const setup = async (ttlMs = TTL) => {
    const harness = await make();
    const clock = createFixedClock(T0);
    return { harness, clock, store: harness.open({ clock, ttlMs, platform: 'discord' }) };
  };

  describe(`ReplayStore contract: ${name}`, () => {
    it('GIVEN a stored replay THEN its token resolves to the same replay, every field and nested object', async () => {
      const { store } = await setup();
      const full = await store.put(FULL);
      const bare = await store.put(BARE);
      expect(await store.get(full)).toStrictEqual(FULL);
      expect(await store.get(bare)).toStrictEqual(BARE);
      // Reading does not consume: a result is paged back and forth.
      expect(await store.get(full)).toStrictEqual(FULL);
    });

    it('GIVEN hostile text typed into a search (quotes, SQL, NUL, lone surrogates, emoji) THEN it comes back exactly as typed', async () => {
      const { store } = await setup();
      const hostile = HOSTILE_QUERIES.map((query): Replay => {
        const origin = { subcommand: 'search', options: { query, [query.slice(0, 20)]: query }, offset: 0 };
        return { ...FULL, userId: query, origin, paging: { ...origin, limit: 5, hasMore: true } };
      });
      const tokens = await Promise.all(hostile.map((replay) => store.put(replay)));
      for (const [i, token] of tokens.entries()) expect(await store.get(token)).toStrictEqual(hostile[i]);
    });

    it('GIVEN a token it never handed out THEN null', async () => {
      const { store } = await setup();
      await store.put(FULL);
      for (const token of ['made-up', '', 'A'.repeat(12), "x' OR '1'='1", '%', '_'.repeat(12)]) expect(await store.get(token)).toBeNull();
    });

    it('GIVEN the TTL has passed THEN the token is null, while a later replay still resolves', async () => {
      const { store, clock } = await setup();
      const early = await store.put(FULL);
      clock.advance(5 * MINUTE);
      const later = await store.put(BARE);
      clock.advance(TTL - 5 * MINUTE - 1);
      expect(await store.get(early)).toStrictEqual(FULL);
      clock.advance(1);
      expect(await store.get(early)).toBeNull();
      expect(await store.get(later)).toStrictEqual(BARE);
      clock.advance(5 * MINUTE);
      expect(await store.get(later)).toBeNull();
    });

    it('GIVEN many replays THEN every token is unique, URL-safe and at most 40 characters', async () => {
      const { store } = await setup();
      const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => store.put({ ...BARE, userId: `U${i}` })));
      for (const token of tokens) expect(token).toMatch(TOKEN);
      expect(new Set(tokens).size).toBe(tokens.length);
      expect((await store.get(tokens[137] as string))?.userId).toBe('U137');
    });

    it("GIVEN another platform's store THEN it does not resolve this platform's tokens", async () => {
      const { harness, clock, store } = await setup();
      const slack = harness.open({ clock, ttlMs: TTL, platform: 'slack' });
      const token = await store.put(FULL);
      expect(await slack.get(token)).toBeNull();
      expect(await store.get(token)).toStrictEqual(FULL);
    });

    if (!options.shared) return;

    it('GIVEN two instances on the same storage (two processes) THEN each resolves the replays the other stored', async () => {
      const { harness, clock, store: a } = await setup();
      const b = harness.open({ clock, ttlMs: TTL, platform: 'discord' });
      const fromA = await a.put(FULL);
      const fromB = await b.put(BARE);
      expect(await b.get(fromA)).toStrictEqual(FULL);
      expect(await a.get(fromB)).toStrictEqual(BARE);
      // Puts racing on both instances all land.
      const raced = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).put({ ...BARE, userId: `U${i}` })));
      const seen = await Promise.all(raced.map(async (token, i) => (await (i % 2 ? b : a).get(token))?.userId));
      expect(seen).toEqual(raced.map((_, i) => `U${i}`));
    });

    it('GIVEN instances with different TTLs THEN a replay expires when the instance that stored it said', async () => {
      const { harness, clock, store: short } = await setup();
      const long = harness.open({ clock, ttlMs: 2 * TTL, platform: 'discord' });
      const token = await short.put(FULL);
      clock.advance(TTL);
      expect(await long.get(token)).toBeNull();
    });

    it('GIVEN expired rows THEN a later put deletes them all, whichever instance and platform stored them', async () => {
      const { harness, clock, store } = await setup();
      const slack = harness.open({ clock, ttlMs: TTL, platform: 'slack' });
      await store.put(FULL);
      await store.put(BARE);
      await slack.put(BARE);
      expect(await rowsOf(harness)).toBe(3);
      clock.advance(TTL);
      const fresh = harness.open({ clock, ttlMs: TTL, platform: 'discord' });
      const kept = await fresh.put(FULL);
      expect(await rowsOf(harness)).toBe(1);
      expect(await fresh.get(kept)).toStrictEqual(FULL);
    });

    it('GIVEN steady use THEN each instance deletes expired rows at most once a minute, and the table stays bounded', async () => {
      const { harness, clock, store } = await setup(10_000);
      await store.put(BARE); // the first put sweeps (nothing to delete yet)
      clock.advance(30_000);
      await store.put(BARE); // the first replay has expired, but the last sweep was 30 s ago
      expect(await rowsOf(harness)).toBe(2);
      clock.advance(30_000);
      await store.put(BARE); // a minute since the last sweep: both earlier replays go
      expect(await rowsOf(harness)).toBe(1);
      // An hour of one put every 10 s keeps at most a TTL plus a minute of replays.
      let most = 0;
      for (let i = 0; i < 360; i += 1) {
        clock.advance(10_000);
        await store.put(BARE);
        if (i % 6 === 5) most = Math.max(most, await rowsOf(harness));
      }
      expect(most).toBeLessThanOrEqual(8);
    });
  });
}
