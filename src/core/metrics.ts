/**
 * The metrics port: what paperboy counts for `/metrics` (docs/architecture.md §14). The core and the adapters record
 * through it; the Prometheus implementation lives in src/health, and `noMetrics` serves tests and one-shot commands.
 */

/** How one digest slot ended. */
export type DigestMetricOutcome = 'posted' | 'failed' | 'skipped';

/** Everything paperboy counts. */
export interface Metrics {
  /** A digest slot posted, failed or skipped (scheduled or `digest now`). */
  recordDigest(outcome: DigestMetricOutcome, platform: string): void;
  /** One source refresh job and the items it read. */
  recordSourceRun(source: string, status: 'ok' | 'failed', items: number): void;
  /** One `/papers` invocation: its subcommand, how it ended (a reply outcome) and how long it took. */
  recordCommand(subcommand: string, outcome: string, ms: number): void;
  /** A platform answered 429; adapters call this for each rate-limited call. */
  recordRateLimited(platform: string): void;
  /** A scheduler tick finished after `ms`. */
  recordTick(ms: number): void;
}

/** Metrics that go nowhere. */
export const noMetrics: Metrics = {
  recordDigest: () => {},
  recordSourceRun: () => {},
  recordCommand: () => {},
  recordRateLimited: () => {},
  recordTick: () => {},
};
