/** A real-SQLite world for scheduler tests: papers, channels, recording publishers, the digest service and the runner. */
import type { ChannelRef, ChannelSettings } from '../../../src/core/channel.ts';
import { createDigestService } from '../../../src/core/digest/service.ts';
import type { Metrics } from '../../../src/core/metrics.ts';
import type { Publisher } from '../../../src/core/ports.ts';
import { createScheduleRunner } from '../../../src/core/schedule/runner.ts';
import { recordingPublisher, storeWorld, type RecordingPublisher } from '../digest/delivery-fakes.ts';
import { redated, samplePapers } from '../digest/digest-fixtures.ts';

const HOUR = 3_600_000;

/** Metrics that remember every call. */
export function recordingMetrics(): Metrics & {
  digests: string[];
  sourceRuns: string[];
  commands: string[];
  rateLimited: string[];
  ticks: number[];
} {
  const m = {
    digests: [] as string[],
    sourceRuns: [] as string[],
    commands: [] as string[],
    rateLimited: [] as string[],
    ticks: [] as number[],
    recordDigest: (outcome: string, platform: string) => void m.digests.push(`${platform}:${outcome}`),
    recordSourceRun: (source: string, status: string, items: number) => void m.sourceRuns.push(`${source}:${status}:${items}`),
    recordCommand: (subcommand: string, outcome: string) => void m.commands.push(`${subcommand}:${outcome}`),
    recordRateLimited: (platform: string) => void m.rateLimited.push(platform),
    recordTick: (ms: number) => void m.ticks.push(ms),
  };
  return m;
}

/**
 * The world at `at` with the 44 sample papers submitted 8 h earlier, a recording publisher for `console` (and any
 * extra platforms), the digest service (instant retry waits) and the schedule runner (12 h catch-up).
 */
export async function scheduleWorld(
  at: Date,
  options: { publishers?: Record<string, Publisher>; catchupHours?: number; slotWaitMs?: number } = {},
) {
  const world = storeWorld(at);
  const items = samplePapers().map((item, i) => redated(item, new Date(at.getTime() - 8 * HOUR), { upvotes: 50 - i }));
  await world.papers.upsertMany(items, new Date(at.getTime() - HOUR));
  const publisher = recordingPublisher();
  const publishers = new Map<string, Publisher>([['console', publisher], ...Object.entries(options.publishers ?? {})]);
  const metrics = recordingMetrics();
  const digests = createDigestService({
    ...world,
    publishers,
    defaults: { timezone: 'UTC' },
    metrics,
    ...(options.slotWaitMs ? { slotWaitMs: options.slotWaitMs } : {}),
  });
  const runner = createScheduleRunner({
    ...world,
    digests,
    catchupMs: (options.catchupHours ?? 12) * HOUR,
    serves: (platform) => publishers.has(platform),
    metrics,
  });
  /** Creates a channel (created at `createdAt`, default an hour before `at`) with settings. */
  async function channel(
    ref: ChannelRef,
    patch: Partial<ChannelSettings> = {},
    createdAt = new Date(at.getTime() - HOUR),
  ): Promise<ChannelSettings> {
    await world.channels.ensure(ref, { timezone: 'Europe/Berlin', createdBy: 'U1' }, createdAt);
    return world.channels.update(ref, patch);
  }
  return { ...world, publisher, publishers, metrics, digests, runner, channel };
}

/** Statuses of every slot of a channel, by slot key. */
export function slotStatuses(
  world: { db: { sqlite: { prepare(sql: string): { all(...params: unknown[]): unknown[] } } } },
  channelId: string,
): Record<string, string> {
  const rows = world.db.sqlite
    .prepare(
      `SELECT s.slot_key AS k, s.status AS s FROM digest_slots s JOIN channels c ON c.id = s.channel WHERE c.channel_id = ? ORDER BY s.slot_key`,
    )
    .all(channelId) as Array<{ k: string; s: string }>;
  return Object.fromEntries(rows.map((r) => [r.k, r.s]));
}

export type { RecordingPublisher };
export { recordingPublisher };
