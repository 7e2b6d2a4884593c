import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/core/channel.ts';
import { PaperboyError } from '../../../src/core/errors.ts';
import { createSqliteChannelStore } from '../../../src/store/sqlite/channels-repo.ts';
import { createSqlitePaperStore } from '../../../src/store/index.ts';
import { T0, hfItem, openTestDb } from './helpers.ts';

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
  it('GIVEN an unknown channel THEN get returns null and list is empty', async () => {
    const { store } = setup();
    expect(await store.get(REF)).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  it('GIVEN a first ensure THEN creates the channel with the DESIGN §2 defaults and the given timezone', async () => {
    const { store } = setup();
    const created = await store.ensure(REF, INIT, T0);
    expect(created).toEqual({
      ...REF,
      workspaceId: 'G1',
      timezone: 'Europe/Berlin',
      digestTime: '09:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      size: 5,
      minUpvotes: 0,
      empty: 'say',
      threadMode: false,
      paused: false,
      pauseReason: null,
      createdBy: 'U1',
      createdAt: T0.toISOString(),
    });
    expect(await store.get(REF)).toEqual(created);
  });

  it('GIVEN an existing channel WHEN ensured again THEN keeps its settings and creator, only learning a missing workspace', async () => {
    const { store } = setup();
    await store.ensure(REF, { timezone: 'UTC', createdBy: 'U1' }, T0);
    await store.update(REF, { size: 3 });
    const again = await store.ensure(REF, { timezone: 'Asia/Kolkata', createdBy: 'U2', workspaceId: 'G9' }, new Date(T0.getTime() + 1000));
    expect(again).toMatchObject({ timezone: 'UTC', size: 3, createdBy: 'U1', workspaceId: 'G9', createdAt: T0.toISOString() });
  });

  it('GIVEN a patch THEN changes only the given settings and stores days in Monday-first order', async () => {
    const { store } = setup();
    await store.ensure(REF, INIT, T0);
    const updated = await store.update(REF, { days: ['fri', 'mon', 'wed', 'mon'], digestTime: '07:30', size: 10, minUpvotes: 5, empty: 'skip', threadMode: true });
    expect(updated).toMatchObject({ days: ['mon', 'wed', 'fri'], digestTime: '07:30', size: 10, minUpvotes: 5, empty: 'skip', threadMode: true, timezone: 'Europe/Berlin' });
    expect(await store.update(REF, {})).toEqual(updated);
  });

  it('GIVEN a value the schema forbids (size 11, time 25:00) THEN update throws a store error and changes nothing', async () => {
    const { store } = setup();
    await store.ensure(REF, INIT, T0);
    await expect(store.update(REF, { size: 11 })).rejects.toMatchObject({ code: 'store' });
    await expect(store.update(REF, { digestTime: '25:00' })).rejects.toBeInstanceOf(PaperboyError);
    expect(await store.get(REF)).toMatchObject({ size: 5, digestTime: '09:00' });
  });

  it('GIVEN an unknown channel THEN update, setPaused and addTopic throw not_found', async () => {
    const { store } = setup();
    await expect(store.update(REF, { size: 3 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.setPaused(REF, true, 'x')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.addTopic(REF, { normalized: 'a', raw: 'a' }, 'U1', T0)).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.removeTopic(REF, 'a')).toBe(false);
  });

  it('GIVEN pause with a reason THEN it shows; resume clears the reason', async () => {
    const { store } = setup();
    await store.ensure(REF, INIT, T0);
    await store.setPaused(REF, true, 'Missing Send Messages permission');
    expect(await store.get(REF)).toMatchObject({ paused: true, pauseReason: 'Missing Send Messages permission' });
    await store.setPaused(REF, false, 'ignored');
    expect(await store.get(REF)).toMatchObject({ paused: false, pauseReason: null });
  });

  it('GIVEN topics THEN adds each normalized form once, lists them oldest first, removes by normalized form, per channel', async () => {
    const { store } = setup();
    await store.ensure(REF, INIT, T0);
    await store.ensure(OTHER, INIT, T0);
    expect(await store.addTopic(REF, { normalized: 'diffusion', raw: 'Diffusion' }, 'U1', T0)).toBe('added');
    expect(await store.addTopic(REF, { normalized: 'diffusion', raw: 'DIFFUSION' }, 'U2', T0)).toBe('exists');
    expect(await store.addTopic(REF, { normalized: 'author:"yann lecun"', raw: 'author:"Yann LeCun"' }, 'U2', new Date(T0.getTime() + 1))).toBe('added');
    expect(await store.addTopic(OTHER, { normalized: 'diffusion', raw: 'diffusion' }, 'U3', T0)).toBe('added');
    expect(await store.topics(REF)).toEqual([
      { normalized: 'diffusion', raw: 'Diffusion', createdBy: 'U1', createdAt: T0.toISOString() },
      { normalized: 'author:"yann lecun"', raw: 'author:"Yann LeCun"', createdBy: 'U2', createdAt: new Date(T0.getTime() + 1).toISOString() },
    ]);
    expect(await store.removeTopic(REF, 'diffusion')).toBe(true);
    expect(await store.removeTopic(REF, 'diffusion')).toBe(false);
    expect((await store.topics(REF)).map((t) => t.normalized)).toEqual(['author:"yann lecun"']);
    expect((await store.topics(OTHER)).map((t) => t.normalized)).toEqual(['diffusion']);
  });

  it('GIVEN channels on two platforms and workspaces THEN list filters by platform and workspace', async () => {
    const { store } = setup();
    await store.ensure(REF, INIT, T0);
    await store.ensure({ platform: 'discord', channelId: '2' }, { ...INIT, workspaceId: 'G2' }, T0);
    await store.ensure(OTHER, { ...INIT, workspaceId: 'T1' }, T0);
    expect((await store.list()).map((c) => c.channelId)).toEqual([REF.channelId, '2', 'C0123']);
    expect((await store.list({ platform: 'discord' })).map((c) => c.channelId)).toEqual([REF.channelId, '2']);
    expect((await store.list({ platform: 'discord', workspaceId: 'G2' })).map((c) => c.channelId)).toEqual(['2']);
  });

  it('GIVEN a channel with topics, slots and deliveries WHEN removed THEN all of them go, and other channels stay', async () => {
    const { db, store } = setup();
    await createSqlitePaperStore(db).upsertMany([hfItem('2501.00001')], T0);
    await store.ensure(REF, INIT, T0);
    await store.ensure(OTHER, INIT, T0);
    await store.addTopic(REF, { normalized: 'a', raw: 'a' }, 'U1', T0);
    await store.addTopic(OTHER, { normalized: 'b', raw: 'b' }, 'U1', T0);
    const channelId = db.sqlite.prepare(`SELECT id FROM channels WHERE channel_id = ?`).pluck().get(REF.channelId);
    const at = T0.toISOString();
    const slot = db.sqlite
      .prepare(`INSERT INTO digest_slots (channel, slot_key, status, claimed_at, updated_at) VALUES (?, '2025-03-03', 'posted', ?, ?)`)
      .run(channelId, at, at).lastInsertRowid;
    db.sqlite.prepare(`INSERT INTO deliveries (channel, paper_id, slot, position, delivered_at) VALUES (?, '2501.00001', ?, 1, ?)`).run(channelId, slot, at);

    await store.remove(REF);
    expect(await store.get(REF)).toBeNull();
    expect(await store.topics(REF)).toEqual([]);
    expect([count(db, 'digest_slots'), count(db, 'deliveries'), count(db, 'topics')]).toEqual([0, 0, 1]);
    expect(await store.get(OTHER)).not.toBeNull();
    await store.remove(REF);
  });

  it('GIVEN a workspace removed (bot kicked, app uninstalled) THEN every channel of it goes and the count is returned', async () => {
    const { store } = setup();
    await store.ensure(REF, INIT, T0);
    await store.ensure({ platform: 'discord', channelId: '2' }, INIT, T0);
    await store.ensure({ platform: 'discord', channelId: '3' }, { ...INIT, workspaceId: 'G2' }, T0);
    await store.ensure({ platform: 'slack', channelId: 'C1' }, INIT, T0);
    await store.addTopic(REF, { normalized: 'a', raw: 'a' }, 'U1', T0);
    expect(await store.removeWorkspace('discord', 'G1')).toBe(2);
    expect((await store.list()).map((c) => `${c.platform}:${c.channelId}`)).toEqual(['discord:3', 'slack:C1']);
    expect(await store.removeWorkspace('discord', 'G1')).toBe(0);
  });
});
