/**
 * The Metrics port over prom-client (the only place that imports it): counters and histograms on a registry of
 * their own, rendered as Prometheus text for `/metrics`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../core/metrics.ts';

/** The Prometheus metrics and their text rendering. */
export interface PromMetrics extends Metrics {
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  /** The Content-Type of `text()`. */
  readonly contentType: string;
}

/** Options of the registry. */
export interface PromMetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag) too; off in tests that build many registries. */
  processMetrics?: boolean;
  /** The newest good scheduler tick, exported as a timestamp gauge. */
  lastTickAt?: () => Date | null;
  /** Platforms whose digest counters start at 0 (so a dashboard sees them before the first digest). */
  platforms?: readonly string[];
  /**
   * PAPERBOY_INSTANCE_ID: exported as `paperboy_instance_info{instance_id}` 1, so a scrape of many processes tells
   * them apart (not the label `instance`, which Prometheus sets itself to the scrape target).
   */
  instanceId?: string;
}

/** Command latencies span a cached lookup (ms) to a federated search with its 1.5 s deadline. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];
/** A tick is milliseconds when nothing is due and can be minutes for a large fan-out. */
const TICK_BUCKETS = [0.01, 0.05, 0.25, 1, 5, 15, 60, 300];

/** Creates the metrics on a fresh registry. */
export function createPromMetrics(options: PromMetricsOptions = {}): PromMetrics {
  const registers = [new Registry()];
  const [registry] = registers as [Registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'paperboy_' });
  if (options.instanceId !== undefined) {
    new Gauge({
      name: 'paperboy_instance_info',
      help: 'This paperboy process (value 1), labelled with PAPERBOY_INSTANCE_ID',
      labelNames: ['instance_id'] as const,
      registers,
    }).set({ instance_id: options.instanceId }, 1);
  }
  const digests = new Counter({
    name: 'paperboy_digests_total',
    help: 'Digest slots by outcome (posted, failed, skipped) and platform',
    labelNames: ['outcome', 'platform'] as const,
    registers,
  });
  const sourceRuns = new Counter({
    name: 'paperboy_source_runs_total',
    help: 'Source refresh jobs by source and status',
    labelNames: ['source', 'status'] as const,
    registers,
  });
  const sourceItems = new Counter({
    name: 'paperboy_source_items_total',
    help: 'Items read by source refresh jobs',
    labelNames: ['source'] as const,
    registers,
  });
  const commands = new Counter({
    name: 'paperboy_commands_total',
    help: '/papers invocations by subcommand and outcome',
    labelNames: ['subcommand', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'paperboy_command_duration_seconds',
    help: '/papers latency, validation to reply',
    labelNames: ['subcommand'] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'paperboy_platform_rate_limited_total',
    help: 'Platform calls answered 429',
    labelNames: ['platform'] as const,
    registers,
  });
  const ticks = new Histogram({
    name: 'paperboy_tick_duration_seconds',
    help: 'Scheduler tick duration',
    buckets: TICK_BUCKETS,
    registers,
  });
  const lastTickAt = options.lastTickAt;
  if (lastTickAt) {
    new Gauge({
      name: 'paperboy_last_tick_timestamp_seconds',
      help: 'Start of the newest scheduler tick that completed (Unix seconds)',
      registers,
      collect() {
        const at = lastTickAt();
        if (at) this.set(at.getTime() / 1000);
      },
    });
  }
  for (const platform of options.platforms ?? []) {
    for (const outcome of ['posted', 'failed', 'skipped']) digests.inc({ outcome, platform }, 0);
    rateLimited.inc({ platform }, 0);
  }

  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
    recordDigest: (outcome, platform) => digests.inc({ outcome, platform }),
    recordSourceRun(source, status, items) {
      sourceRuns.inc({ source, status });
      sourceItems.inc({ source }, items);
    },
    recordCommand(subcommand, outcome, ms) {
      commands.inc({ subcommand, outcome });
      latency.observe({ subcommand }, ms / 1000);
    },
    recordRateLimited: (platform) => rateLimited.inc({ platform }),
    recordTick: (ms) => ticks.observe(ms / 1000),
  };
}
