/** The SQLite ChannelStore: channel settings and topics; deleting a channel cascades to its topics, slots and deliveries. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { ChannelRef, Topic } from '../../core/channel.ts';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { ChannelStore } from '../../core/ports.ts';
import type { Db } from './db.ts';
import { channels, topics } from './schema.ts';
import { channelPatchColumns, missingChannel, toChannelSettings } from '../rows.ts';

function isRef(ref: ChannelRef): SQL {
  return and(eq(channels.platform, ref.platform), eq(channels.channelId, ref.channelId)) as SQL;
}

/** Runs a write, turning constraint failures (a size of 11, a bad time) into a typed error. */
function write<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError('store', `${what} failed: ${describeError(error)}`, { cause: error });
  }
}

/** A ChannelStore over the SQLite database. */
export function createSqliteChannelStore(db: Db): ChannelStore {
  const { orm } = db;
  // Prepared once: a digest run reads the topics of every channel it serves.
  const topicsOf = db.sqlite.prepare(
    `SELECT t.normalized, t.raw, t.created_by AS createdBy, t.created_at AS createdAt
     FROM topics t JOIN channels c ON c.id = t.channel
     WHERE c.platform = ? AND c.channel_id = ? ORDER BY t.created_at, t.id`,
  );
  const rowOf = (ref: ChannelRef) => orm.select().from(channels).where(isRef(ref)).get();
  const idOf = (ref: ChannelRef): number => {
    const row = orm.select({ id: channels.id }).from(channels).where(isRef(ref)).get();
    if (!row) throw missingChannel(ref);
    return row.id;
  };

  return {
    async get(ref) {
      const row = rowOf(ref);
      return row ? toChannelSettings(row) : null;
    },

    async ensure(ref, init, at) {
      return write('Creating a channel', () => {
        orm
          .insert(channels)
          .values({
            platform: ref.platform,
            channelId: ref.channelId,
            workspaceId: init.workspaceId ?? null,
            timezone: init.timezone,
            createdBy: init.createdBy,
            createdAt: at.toISOString(),
          })
          .onConflictDoNothing()
          .run();
        const row = rowOf(ref);
        if (!row) throw missingChannel(ref);
        // A channel first seen without its workspace (e.g. from the CLI) learns it on the next command there.
        if (row.workspaceId === null && init.workspaceId) {
          orm.update(channels).set({ workspaceId: init.workspaceId }).where(eq(channels.id, row.id)).run();
          return toChannelSettings({ ...row, workspaceId: init.workspaceId });
        }
        return toChannelSettings(row);
      });
    },

    async update(ref, patch) {
      return write('Updating channel settings', () => {
        const set = channelPatchColumns(patch);
        if (Object.keys(set).length > 0) {
          const { changes } = orm.update(channels).set(set).where(isRef(ref)).run();
          if (changes === 0) throw missingChannel(ref);
        }
        const row = rowOf(ref);
        if (!row) throw missingChannel(ref);
        return toChannelSettings(row);
      });
    },

    async setPaused(ref, paused, reason) {
      const { changes } = orm
        .update(channels)
        .set({ paused, pauseReason: paused ? reason : null })
        .where(isRef(ref))
        .run();
      if (changes === 0) throw missingChannel(ref);
    },

    async list(filter = {}) {
      const conditions: SQL[] = [];
      if (filter.platform !== undefined) conditions.push(eq(channels.platform, filter.platform));
      if (filter.workspaceId !== undefined) conditions.push(eq(channels.workspaceId, filter.workspaceId));
      const rows = orm
        .select()
        .from(channels)
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(asc(channels.id))
        .all();
      return rows.map(toChannelSettings);
    },

    async topics(ref) {
      return topicsOf.all(ref.platform, ref.channelId) as Topic[];
    },

    async addTopic(ref, topic, by, at) {
      return write('Adding a topic', () => {
        const { changes } = orm
          .insert(topics)
          .values({ channel: idOf(ref), normalized: topic.normalized, raw: topic.raw, createdBy: by, createdAt: at.toISOString() })
          .onConflictDoNothing()
          .run();
        return changes > 0 ? 'added' : 'exists';
      });
    },

    async removeTopic(ref, normalized) {
      const row = orm.select({ id: channels.id }).from(channels).where(isRef(ref)).get();
      if (!row) return false;
      const { changes } = orm
        .delete(topics)
        .where(and(eq(topics.channel, row.id), eq(topics.normalized, normalized)))
        .run();
      return changes > 0;
    },

    async remove(ref) {
      // Topics, slots and deliveries go with it: ON DELETE CASCADE, with foreign_keys=ON set by openDatabase.
      orm.delete(channels).where(isRef(ref)).run();
    },

    async removeWorkspace(platform, workspaceId) {
      const { changes } = orm
        .delete(channels)
        .where(and(eq(channels.platform, platform), eq(channels.workspaceId, workspaceId)))
        .run();
      return changes;
    },
  };
}
