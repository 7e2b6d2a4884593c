/** The PostgreSQL ChannelStore: channel settings and topics; deleting a channel cascades to its topics, slots and deliveries. */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ChannelRef } from '../../core/channel.ts';
import type { ChannelStore } from '../../core/ports.ts';
import type { PgDb } from './db.ts';
import { channels, topics } from './schema.ts';
import { storeCall } from './run.ts';
import { channelPatchColumns, missingChannel, toChannelSettings } from '../rows.ts';

function isRef(ref: ChannelRef): SQL {
  return and(eq(channels.platform, ref.platform), eq(channels.channelId, ref.channelId)) as SQL;
}

/** A ChannelStore over the PostgreSQL database. */
export function createPostgresChannelStore(db: PgDb): ChannelStore {
  const { orm } = db;
  const rowOf = async (ref: ChannelRef) => (await orm.select().from(channels).where(isRef(ref)).limit(1))[0];

  return {
    async get(ref) {
      const row = await storeCall('Reading a channel', () => rowOf(ref));
      return row ? toChannelSettings(row) : null;
    },

    async ensure(ref, init, at) {
      return storeCall('Creating a channel', async () => {
        // One statement, so two commands creating the same channel at once both get it. On a conflict it only fills
        // in a workspace the channel was first seen without (as on SQLite); when that changes nothing, no row comes back.
        const [written] = await orm
          .insert(channels)
          .values({
            platform: ref.platform,
            channelId: ref.channelId,
            workspaceId: init.workspaceId ?? null,
            timezone: init.timezone,
            createdBy: init.createdBy,
            createdAt: at.toISOString(),
          })
          .onConflictDoUpdate({
            target: [channels.platform, channels.channelId],
            set: { workspaceId: sql`excluded.workspace_id` },
            setWhere: sql`${channels.workspaceId} IS NULL AND excluded.workspace_id <> ''`,
          })
          .returning();
        const row = written ?? (await rowOf(ref));
        if (!row) throw missingChannel(ref);
        return toChannelSettings(row);
      });
    },

    async update(ref, patch) {
      return storeCall('Updating channel settings', async () => {
        const set = channelPatchColumns(patch);
        const [row] = Object.keys(set).length > 0 ? await orm.update(channels).set(set).where(isRef(ref)).returning() : [await rowOf(ref)];
        if (!row) throw missingChannel(ref);
        return toChannelSettings(row);
      });
    },

    async setPaused(ref, paused, reason) {
      const updated = await storeCall('Pausing a channel', () =>
        orm
          .update(channels)
          .set({ paused, pauseReason: paused ? reason : null })
          .where(isRef(ref))
          .returning({ id: channels.id }),
      );
      if (updated.length === 0) throw missingChannel(ref);
    },

    async list(filter = {}) {
      const conditions: SQL[] = [];
      if (filter.platform !== undefined) conditions.push(eq(channels.platform, filter.platform));
      if (filter.workspaceId !== undefined) conditions.push(eq(channels.workspaceId, filter.workspaceId));
      const rows = await storeCall('Listing channels', () =>
        orm
          .select()
          .from(channels)
          .where(conditions.length > 0 ? and(...conditions) : undefined)
          .orderBy(asc(channels.id)),
      );
      return rows.map(toChannelSettings);
    },

    async topics(ref) {
      return storeCall('Reading topics', () =>
        orm
          .select({ normalized: topics.normalized, raw: topics.raw, createdBy: topics.createdBy, createdAt: topics.createdAt })
          .from(topics)
          .innerJoin(channels, eq(channels.id, topics.channel))
          .where(isRef(ref))
          .orderBy(asc(topics.createdAt), asc(topics.id)),
      );
    },

    async addTopic(ref, topic, by, at) {
      return storeCall('Adding a topic', async () => {
        // One statement finds the channel and inserts (raw SQL: drizzle's insert-select wants the identity column
        // too); only when nothing was inserted does a second query tell a missing channel from an existing topic.
        const added = await db.pool.query(
          `INSERT INTO topics (channel, normalized, raw, created_by, created_at)
           SELECT id, $3, $4, $5, $6 FROM channels WHERE platform = $1 AND channel_id = $2
           ON CONFLICT (channel, normalized) DO NOTHING`,
          [ref.platform, ref.channelId, topic.normalized, topic.raw, by, at.toISOString()],
        );
        if ((added.rowCount ?? 0) > 0) return 'added';
        if (!(await rowOf(ref))) throw missingChannel(ref);
        return 'exists';
      });
    },

    async removeTopic(ref, normalized) {
      const removed = await storeCall('Removing a topic', () =>
        orm
          .delete(topics)
          .where(
            and(
              eq(topics.normalized, normalized),
              inArray(topics.channel, orm.select({ id: channels.id }).from(channels).where(isRef(ref))),
            ),
          )
          .returning({ id: topics.id }),
      );
      return removed.length > 0;
    },

    async remove(ref) {
      // Topics, slots and deliveries go with it: ON DELETE CASCADE on their foreign keys.
      await storeCall('Removing a channel', () => orm.delete(channels).where(isRef(ref)));
    },

    async removeWorkspace(platform, workspaceId) {
      const removed = await storeCall('Removing a workspace', () =>
        orm
          .delete(channels)
          .where(and(eq(channels.platform, platform), eq(channels.workspaceId, workspaceId)))
          .returning({ id: channels.id }),
      );
      return removed.length;
    },
  };
}
