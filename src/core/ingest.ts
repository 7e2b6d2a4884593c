/**
 * The path from a source into the store: fetch one batch, merge it in one transaction, log the run.
 * Idempotent: the same input twice adds nothing but a signal observation.
 */
import { describeError } from './errors.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { SkippedItem, SourceBatch } from './paper.ts';
import type { FetchOptions, PaperStore, SourceRunStore } from './ports.ts';

export interface IngestDeps {
  store: PaperStore;
  runs: SourceRunStore;
  clock: Clock;
  log: Logger;
}

/** One thing to ingest: a named source run and how to fetch its batch. */
export interface IngestJob {
  /** The name recorded in source_runs, e.g. `huggingface`, `arxiv`, `file`. */
  source: string;
  /** What is being fetched, for messages: `daily list 2025-11-12`, `items.json`. */
  label: string;
  fetch(options: FetchOptions): Promise<SourceBatch>;
}

export interface IngestSummary {
  source: string;
  label: string;
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  signals: number;
  skipped: SkippedItem[];
}

/**
 * Runs one ingest job. A fetch failure stores nothing, is recorded as a failed run and rethrown;
 * a malformed item is skipped and counted.
 */
export async function ingest(deps: IngestDeps, job: IngestJob, onProgress?: (itemsSoFar: number) => void): Promise<IngestSummary> {
  const log = deps.log.child({ source: job.source, job: job.label });
  const runId = await deps.runs.start(job.source, deps.clock.now());
  let batch: SourceBatch;
  try {
    batch = await job.fetch(onProgress ? { onProgress } : {});
  } catch (error) {
    // Recorded here, reported by the caller (the CLI prints it; a refresh logs it and goes on).
    await deps.runs.finish(runId, { at: deps.clock.now(), status: 'failed', items: 0, error: describeError(error) });
    throw error;
  }
  const upserted = await deps.store.upsertMany(batch.items, deps.clock.now());
  await deps.runs.finish(runId, { at: deps.clock.now(), status: 'ok', items: batch.items.length });
  const summary: IngestSummary = {
    source: job.source,
    label: job.label,
    fetched: batch.items.length,
    ...upserted,
    skipped: batch.skipped,
  };
  log.info(
    { fetched: summary.fetched, inserted: summary.inserted, updated: summary.updated, skipped: summary.skipped.length },
    'ingest done',
  );
  return summary;
}

/** A one-paragraph, human-readable summary of an ingest. */
export function formatIngestSummary(summary: IngestSummary): string {
  const lines = [
    `${summary.label}: ${summary.fetched} papers read — ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped.length} skipped`,
  ];
  const byReason = new Map<string, string[]>();
  for (const item of summary.skipped) byReason.set(item.reason, [...(byReason.get(item.reason) ?? []), item.ref]);
  for (const [reason, refs] of byReason) {
    const shown = refs.slice(0, 5).join(', ') + (refs.length > 5 ? `, … (${refs.length - 5} more)` : '');
    lines.push(`  skipped ${refs.length}: ${reason} (${shown})`);
  }
  return lines.join('\n');
}
