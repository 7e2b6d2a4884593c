/**
 * Two bot processes (two pools) claiming the same digest slots at the same moment: exactly one wins each slot.
 * For new slots a third connection holds a lock every claim needs until all of them are queued behind it, so the
 * claims provably overlap; a slot being re-claimed is skipped (SKIP LOCKED) rather than waited for.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/core/channel.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { DeliveryStore, SlotClaim } from '../../../src/core/ports.ts';
import { createPostgresChannelStore } from '../../../src/store/postgres/channels-repo.ts';
import { openPostgres, type PgDb } from '../../../src/store/postgres/db.ts';
import { createPostgresDeliveryStore } from '../../../src/store/postgres/deliveries-repo.ts';
import { T0, minutesAfter } from '../../contracts/store-set.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';

const SLOTS = Array.from({ length: 20 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`);
const LEASE = 60_000;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let processes: PgDb[] = [];
let stores: DeliveryStore[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // Enough connections for every claim of a process to be in flight at once.
  processes = await Promise.all([1, 2].map(() => openPostgres(database.url, { log: silentLogger, maxConnections: SLOTS.length })));
  stores = processes.map(createPostgresDeliveryStore);
});
afterAll(async () => {
  await Promise.all(processes.map((db) => db.close()));
  await database.drop();
});

async function channel(channelId: string): Promise<ChannelRef> {
  const ref = { platform: 'console', channelId };
  await createPostgresChannelStore(processes[0] as PgDb).ensure(ref, { timezone: 'UTC', createdBy: 'U1' }, T0);
  return ref;
}

/** Every store claims every slot of `ref` at `at`, all at once, released together from behind `lock`'s row locks. */
async function race(ref: ChannelRef, at: Date, lock: string): Promise<SlotClaim[][]> {
  const blocker = new pg.Client({ connectionString: database.url });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query(lock, [ref.channelId]);
    const claims = Promise.all(
      SLOTS.map((slot) => Promise.all(stores.map((store) => store.claim(ref, slot, { dueAt: T0, marker: 'pb-race', at, leaseMs: LEASE })))),
    );
    claims.catch(() => undefined);
    const queued = SLOTS.length * stores.length;
    const deadline = Date.now() + 10_000;
    while ((await waitingOnLocks(blocker)) < queued) {
      if (Date.now() > deadline) throw new Error(`fewer than ${queued} claims ever waited together`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await blocker.query('COMMIT');
    return await claims;
  } finally {
    await blocker.end();
  }
}

async function waitingOnLocks(client: pg.Client): Promise<number> {
  // Inside a transaction the statistics views are a snapshot taken once; this query needs them as they are now.
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]?.n ?? 0;
}

function winners(claims: SlotClaim[]): SlotClaim[] {
  return claims.filter((claim) => claim.claimed);
}

describe('DeliveryStore on PostgreSQL: two processes claiming at once', () => {
  it('GIVEN new slots WHEN both processes claim each at the same moment THEN exactly one wins each, and the other sees its claim', async () => {
    const ref = await channel('new-slots');
    // The slot's foreign key to its channel waits for the channel's row lock: every insert is queued.
    const results = await race(ref, T0, `SELECT id FROM channels WHERE channel_id = $1 FOR UPDATE`);
    for (const claims of results) {
      const [winner] = winners(claims);
      expect(winners(claims)).toHaveLength(1);
      expect(winner).toMatchObject({ attempt: 1 });
      expect(claims.find((claim) => !claim.claimed)).toEqual({ claimed: false, status: 'claimed', slotId: winner?.slotId });
    }
  });

  it('GIVEN slots whose claims outlived the lease WHEN both processes re-claim each at once THEN exactly one wins each', async () => {
    const ref = await channel('stale-slots');
    for (const slot of SLOTS) await stores[0]?.claim(ref, slot, { dueAt: T0, marker: 'pb-crashed', at: T0, leaseMs: LEASE });
    const at = minutesAfter(2);
    const claimAll = () =>
      Promise.all(
        SLOTS.map((slot) =>
          Promise.all(stores.map((store) => store.claim(ref, slot, { dueAt: T0, marker: 'pb-race', at, leaseMs: LEASE }))),
        ),
      );
    const results = await claimAll();
    for (const claims of results) {
      expect(winners(claims)).toEqual([expect.objectContaining({ attempt: 2, previousClaimAt: T0 })]);
      expect(claims.find((claim) => !claim.claimed)).toMatchObject({ claimed: false, status: 'claimed' });
    }
    for (const slot of SLOTS)
      expect(await stores[1]?.getSlot(ref, slot)).toMatchObject({ attempts: 2, claimedAt: minutesAfter(2).toISOString() });
  });

  it('GIVEN a slot another process is re-claiming this moment THEN a claim moves on at once (SKIP LOCKED) and reports it taken', async () => {
    const ref = await channel('busy-slots');
    for (const slot of SLOTS) await stores[0]?.claim(ref, slot, { dueAt: T0, marker: 'pb-crashed', at: T0, leaseMs: LEASE });
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      // What a re-claim in progress holds: the slot rows' locks.
      await blocker.query('BEGIN');
      await blocker.query(`SELECT s.id FROM digest_slots s JOIN channels c ON c.id = s.channel WHERE c.channel_id = $1 FOR UPDATE OF s`, [
        ref.channelId,
      ]);
      const started = Date.now();
      const claims = await Promise.all(
        SLOTS.map((slot) =>
          (stores[1] as DeliveryStore).claim(ref, slot, { dueAt: T0, marker: 'pb-b', at: minutesAfter(2), leaseMs: LEASE }),
        ),
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(claims.every((claim) => !claim.claimed && claim.status === 'claimed')).toBe(true);
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }
    // Released: the next tick's claim takes it over.
    const next = await (stores[1] as DeliveryStore).claim(ref, SLOTS[0] as string, {
      dueAt: T0,
      marker: 'pb-b',
      at: minutesAfter(3),
      leaseMs: LEASE,
    });
    expect(next).toMatchObject({ claimed: true, attempt: 2 });
  });
});
