/**
 * One refresh of the remote sources: which listings to pull now, run each as its own ingest so a
 * failing source never stops the others (docs/architecture.md §9).
 */
import { utcDate } from '../clock.ts';
import { describeError } from '../errors.ts';
import { ingest, type IngestDeps, type IngestJob, type IngestSummary } from '../ingest.ts';
import type { PaperSource } from '../ports.ts';

const DAY_MS = 86_400_000;

/** The listings a refresh pulls at `now`: HF today and yesterday (UTC; today's list fills up during the day), HF trending, and each arXiv category. */
export function refreshJobs(
  now: Date,
  sources: { hfDaily: PaperSource | null; arxiv: PaperSource | null },
  categories: readonly string[],
): IngestJob[] {
  const jobs: IngestJob[] = [];
  const hf = sources.hfDaily;
  if (hf) {
    for (const date of [utcDate(new Date(now.getTime() - DAY_MS)), utcDate(now)]) {
      jobs.push({ source: hf.name, label: `Hugging Face daily list ${date}`, fetch: (o) => hf.list({ kind: 'day', date }, o) });
    }
    jobs.push({ source: hf.name, label: 'Hugging Face trending', fetch: (o) => hf.list({ kind: 'trending' }, o) });
  }
  const arxiv = sources.arxiv;
  if (arxiv) {
    for (const category of categories) {
      jobs.push({ source: arxiv.name, label: `arXiv listing ${category}`, fetch: (o) => arxiv.list({ kind: 'category', category }, o) });
    }
  }
  return jobs;
}

export type RefreshOutcome = { job: string; ok: true; summary: IngestSummary } | { job: string; ok: false; error: string };

/** Runs the jobs one after another; a failure is recorded and logged, and the next job still runs. */
export async function refresh(deps: IngestDeps, jobs: IngestJob[]): Promise<RefreshOutcome[]> {
  const outcomes: RefreshOutcome[] = [];
  for (const job of jobs) {
    try {
      outcomes.push({ job: job.label, ok: true, summary: await ingest(deps, job) });
    } catch (error) {
      deps.log.warn({ job: job.label, source: job.source, err: describeError(error) }, 'source refresh failed; stored papers stay in use');
      outcomes.push({ job: job.label, ok: false, error: describeError(error) });
    }
  }
  return outcomes;
}
