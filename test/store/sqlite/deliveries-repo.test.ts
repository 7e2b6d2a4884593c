/** SQLite details of the DeliveryStore; its port-level behaviour is test/contracts/delivery-store.contract.ts. */
import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/core/channel.ts';
import { createSqliteChannelStore } from '../../../src/store/sqlite/channels-repo.ts';
import { createSqliteDeliveryStore } from '../../../src/store/sqlite/deliveries-repo.ts';
import { T0, hfItem, openTestDb } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const REF: ChannelRef = { platform: 'console', channelId: 'team' };
const OTHER: ChannelRef = { platform: 'console', channelId: 'other' };
const MIN = 60_000;
const LEASE = 10 * MIN;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const claimAt = (minutes: number, dueAt: Date | null = T0) => ({ dueAt, marker: 'pb-abc', at: at(minutes), leaseMs: LEASE });

async function setup() {
  const db = openTestDb();
  const channels = createSqliteChannelStore(db);
  await channels.ensure(REF, { timezone: 'UTC', createdBy: 'U1' }, T0);
  await channels.ensure(OTHER, { timezone: 'UTC', createdBy: 'U1' }, T0);
  await sqliteStore(db).papers.upsertMany(
    ['2501.00001', '2501.00002', '2501.00003'].map((id) => hfItem(id)),
    T0,
  );
  return { db, store: createSqliteDeliveryStore(db), channels };
}

describe('createSqliteDeliveryStore', () => {
  it('GIVEN a posted slot THEN its deliveries rows keep the papers in the order they were posted', async () => {
    const { store, db } = await setup();
    const c = await store.claim(REF, 's', claimAt(0));
    if (!c.claimed) throw new Error('expected a claim');
    await store.recordPosted(c.slotId, { messageId: 'm1', paperIds: ['2501.00002', '2501.00001'], at: at(1) });
    const positions = db.sqlite.prepare(`SELECT paper_id, position FROM deliveries ORDER BY position`).all();
    expect(positions).toEqual([
      { paper_id: '2501.00002', position: 1 },
      { paper_id: '2501.00001', position: 2 },
    ]);
  });

  it('GIVEN two connections to one database file WHEN both claim the same slot THEN exactly one wins', async () => {
    const { db } = await setup();
    const second = openTestDb(db.file);
    const results = await Promise.all([
      createSqliteDeliveryStore(db).claim(REF, 's', claimAt(0)),
      createSqliteDeliveryStore(second).claim(REF, 's', claimAt(0)),
    ]);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });
});
