/** SQLite details of the ChannelStore; its port-level behaviour is test/contracts/channel-store.contract.ts. */
import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/core/channel.ts';
import { createSqliteChannelStore } from '../../../src/store/sqlite/channels-repo.ts';
import { T0, hfItem, openTestDb } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const REF: ChannelRef = { platform: 'discord', channelId: '1200000000000000001' };
const OTHER: ChannelRef = { platform: 'slack', channelId: 'C0123' };
const INIT = { timezone: 'Europe/Berlin', createdBy: 'U1', workspaceId: 'G1' };

function setup() {
  const db = openTestDb();
  return { db, store: createSqliteChannelStore(db) };
}

function count(db: ReturnType<typeof openTestDb>, table: string): number {
  return db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('createSqliteChannelStore', () => {
  it('GIVEN rows of a channel in topics, digest_slots and deliveries WHEN it is removed THEN none of its rows is left', async () => {
    const { db, store } = setup();
    await sqliteStore(db).papers.upsertMany([hfItem('2501.00001')], T0);
    await store.ensure(REF, INIT, T0);
    await store.ensure(OTHER, INIT, T0);
    await store.addTopic(REF, { normalized: 'a', raw: 'a' }, 'U1', T0);
    await store.addTopic(OTHER, { normalized: 'b', raw: 'b' }, 'U1', T0);
    const channelId = db.sqlite.prepare(`SELECT id FROM channels WHERE channel_id = ?`).pluck().get(REF.channelId);
    const at = T0.toISOString();
    const slot = db.sqlite
      .prepare(`INSERT INTO digest_slots (channel, slot_key, status, claimed_at, updated_at) VALUES (?, '2025-03-03', 'posted', ?, ?)`)
      .run(channelId, at, at).lastInsertRowid;
    db.sqlite
      .prepare(`INSERT INTO deliveries (channel, paper_id, slot, position, delivered_at) VALUES (?, '2501.00001', ?, 1, ?)`)
      .run(channelId, slot, at);

    await store.remove(REF);
    expect([count(db, 'channels'), count(db, 'digest_slots'), count(db, 'deliveries'), count(db, 'topics')]).toEqual([1, 0, 0, 1]);
  });
});
