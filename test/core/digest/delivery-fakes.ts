/** Test doubles for the delivery path: a recording Publisher and a real-SQLite world to deliver into. */
import type { ChannelRef, ChannelSettings } from '../../../src/core/channel.ts';
import { channelKey } from '../../../src/core/channel.ts';
import { createFixedClock } from '../../../src/core/clock.ts';
import type { Digest } from '../../../src/core/digest/model.ts';
import type { CandidateStore, Publisher } from '../../../src/core/ports.ts';
import { createSqliteCandidateStore } from '../../../src/store/sqlite/candidates-repo.ts';
import { createSqliteChannelStore } from '../../../src/store/sqlite/channels-repo.ts';
import { createSqliteDeliveryStore } from '../../../src/store/sqlite/deliveries-repo.ts';
import { type Db } from '../../../src/store/index.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { openTestDb } from '../../store/sqlite/helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

/** A Publisher that records what it posts; markers it "already has" can be planted to test reconciliation. */
export interface RecordingPublisher extends Publisher {
  published: Array<{ channel: string; digest: Digest; messageId: string }>;
  findCalls: Array<{ channel: string; marker: string; since: Date }>;
  /** marker → message id of posts the platform has (what a crashed attempt left behind). */
  existing: Map<string, string>;
  /** Errors the next publish / findByMarker calls throw, in order. */
  publishErrors: Error[];
  findErrors: Error[];
}

/** Creates a recording publisher; `delayMs` keeps publish pending long enough for a racing caller to run. */
export function recordingPublisher(options: { platform?: string; delayMs?: number } = {}): RecordingPublisher {
  const publisher: RecordingPublisher = {
    platform: options.platform ?? 'console',
    published: [],
    findCalls: [],
    existing: new Map(),
    publishErrors: [],
    findErrors: [],
    async publish(channel: ChannelSettings, digest: Digest) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const error = publisher.publishErrors.shift();
      if (error) throw error;
      const messageId = `msg-${publisher.published.length + 1}`;
      publisher.published.push({ channel: channelKey(channel), digest, messageId });
      publisher.existing.set(digest.marker, messageId);
      return { messageId };
    },
    async findByMarker(channel: ChannelRef, marker: string, since: Date) {
      publisher.findCalls.push({ channel: channelKey(channel), marker, since });
      const error = publisher.findErrors.shift();
      if (error) throw error;
      const messageId = publisher.existing.get(marker);
      return messageId ? { messageId } : null;
    },
  };
  return publisher;
}

/** Every store over one real database (the real migrations), a fixed clock and a recording logger. */
export function storeWorld(at: Date, file?: string, db: Db = openTestDb(file, { at })) {
  const log = createRecordingLogger();
  const loads = { count: 0 };
  const sqliteCandidates = createSqliteCandidateStore(db, log);
  const candidates: CandidateStore = {
    loadPool: (window) => {
      loads.count += 1;
      return sqliteCandidates.loadPool(window);
    },
  };
  return {
    db,
    log,
    clock: createFixedClock(at),
    papers: sqliteStore(db).papers,
    channels: createSqliteChannelStore(db),
    deliveries: createSqliteDeliveryStore(db),
    candidates,
    /** How many pools were loaded. */
    loads,
  };
}
