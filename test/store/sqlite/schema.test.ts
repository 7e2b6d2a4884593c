import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Db } from '../../../src/store/index.ts';
import { channels, deliveries, digestSlots, topics } from '../../../src/store/sqlite/schema.ts';
import { T0, hfItem, openTestDb } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const at = T0.toISOString();

function addChannel(db: Db, channelId = 'C1'): number {
  return db.orm
    .insert(channels)
    .values({ platform: 'slack', channelId, workspaceId: 'T1', createdBy: 'U1', createdAt: at })
    .returning({ id: channels.id })
    .get().id;
}

describe('schema', () => {
  it('GIVEN a channel created with only its identity THEN it gets the documented defaults', () => {
    const db = openTestDb();
    const id = addChannel(db);
    const row = db.orm.select().from(channels).where(eq(channels.id, id)).get();
    expect(row).toMatchObject({
      timezone: 'UTC',
      digestTime: '09:00',
      digestDays: 'mon,tue,wed,thu,fri',
      digestSize: 5,
      minUpvotes: 0,
      emptyDigest: 'say',
      threadMode: false,
      paused: false,
      pauseReason: null,
    });
  });

  it('allows one row per (platform, channel id)', () => {
    const db = openTestDb();
    addChannel(db);
    expect(() => addChannel(db)).toThrow(/UNIQUE constraint failed/);
    const other = db.orm
      .insert(channels)
      .values({ platform: 'discord', channelId: 'C1', createdBy: 'U1', createdAt: at })
      .returning({ id: channels.id })
      .get();
    expect(other.id).toBeGreaterThan(0);
  });

  it('allows one topic per (channel, normalized expression)', () => {
    const db = openTestDb();
    const channel = addChannel(db);
    const topic = { channel, normalized: 'diffusion', raw: 'Diffusion', createdBy: 'U1', createdAt: at };
    db.orm.insert(topics).values(topic).run();
    expect(() =>
      db.orm
        .insert(topics)
        .values({ ...topic, raw: 'diffusion' })
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it('rejects settings outside their ranges', () => {
    const db = openTestDb();
    const id = addChannel(db);
    const set = (values: Partial<typeof channels.$inferInsert>) => () =>
      db.orm.update(channels).set(values).where(eq(channels.id, id)).run();
    expect(set({ digestSize: 11 })).toThrow(/CHECK constraint failed/);
    expect(set({ digestSize: 0 })).toThrow(/CHECK constraint failed/);
    expect(set({ minUpvotes: -1 })).toThrow(/CHECK constraint failed/);
    expect(set({ digestTime: '24:00' })).toThrow(/CHECK constraint failed/);
    expect(set({ digestTime: '9:00' })).toThrow(/CHECK constraint failed/);
    expect(set({ digestSize: 10, digestTime: '23:59', minUpvotes: 3 })).not.toThrow();
  });

  it('GIVEN a channel with topics, slots and deliveries WHEN the channel is deleted THEN all of them go with it', async () => {
    const db = openTestDb();
    await sqliteStore(db).papers.upsertMany([hfItem('2409.12917')], T0);
    const channel = addChannel(db);
    const keep = addChannel(db, 'C2');
    for (const owner of [channel, keep]) {
      db.orm.insert(topics).values({ channel: owner, normalized: 'llm', raw: 'LLM', createdBy: 'U1', createdAt: at }).run();
      const slot = db.orm
        .insert(digestSlots)
        .values({ channel: owner, slotKey: '2025-03-03', status: 'posted', claimedAt: at, updatedAt: at })
        .returning({ id: digestSlots.id })
        .get().id;
      db.orm.insert(deliveries).values({ channel: owner, paperId: '2409.12917', slot, position: 1, deliveredAt: at }).run();
    }

    db.orm.delete(channels).where(eq(channels.id, channel)).run();

    expect(
      db.orm
        .select()
        .from(topics)
        .all()
        .map((row) => row.channel),
    ).toEqual([keep]);
    expect(
      db.orm
        .select()
        .from(digestSlots)
        .all()
        .map((row) => row.channel),
    ).toEqual([keep]);
    expect(
      db.orm
        .select()
        .from(deliveries)
        .all()
        .map((row) => row.channel),
    ).toEqual([keep]);
  });

  it('refuses a topic for a channel that does not exist', () => {
    const db = openTestDb();
    expect(() => db.orm.insert(topics).values({ channel: 999, normalized: 'x', raw: 'x', createdBy: 'U1', createdAt: at }).run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });
});
