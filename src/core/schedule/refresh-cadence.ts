/**
 * Source refreshes on their own cadence (docs/architecture.md §9), driven by the tick but never awaited by it:
 * Hugging Face every 30 minutes (today's and yesterday's UTC lists, and trending); arXiv once per announcement, at
 * 00:30 New York time Monday–Friday, after the listing feeds are rebuilt around midnight US/Eastern. Due-ness comes
 * from the source_runs log, so a restart neither skips a refresh nor repeats one that just ran.
 */
import { describeError } from '../errors.ts';
import type { IngestDeps } from '../ingest.ts';
import type { Metrics } from '../metrics.ts';
import type { PaperSource, SourceRun } from '../ports.ts';
import { refresh, refreshJobs } from './source-refresh.ts';
import { slotsBetween, type Schedule } from './slots.ts';

/** Hugging Face's daily list fills up over the day; half-hourly keeps digests fresh at a few requests an hour. */
export const HF_REFRESH_EVERY_MS = 30 * 60_000;

/**
 * arXiv announces Sunday–Thursday at 20:00 US/Eastern and rebuilds its listing feeds around midnight, none on
 * Saturday and Sunday: pull half an hour after the rebuild, Monday–Friday, in New York time (DST-aware).
 */
export const ARXIV_REFRESH: Schedule = { timezone: 'America/New_York', digestTime: '00:30', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };

/** A failed arXiv pull is tried again after this (its politeness gate already spaces the requests). */
export const ARXIV_RETRY_MS = 30 * 60_000;

const LOOKBACK_MS = 8 * 24 * 3_600_000;

/** A group of refresh jobs that runs as one: one per source. */
export type RefreshGroup = 'huggingface' | 'arxiv';

/** The remote sources a refresh pulls from. */
export interface RefreshSources {
  hfDaily: PaperSource | null;
  arxiv: PaperSource | null;
}

type Latest = Array<{ source: string; last: SourceRun; lastOk: SourceRun | null }>;

/** Which groups are due at `now`, given each source's newest run and newest successful run. */
export function dueRefreshes(now: Date, latest: Latest, sources: RefreshSources, categories: readonly string[]): RefreshGroup[] {
  const runsOf = (name: string | undefined) => latest.find((entry) => entry.source === name);
  const due: RefreshGroup[] = [];
  const hf = runsOf(sources.hfDaily?.name);
  if (sources.hfDaily && (!hf || Date.parse(hf.last.startedAt) <= now.getTime() - HF_REFRESH_EVERY_MS)) due.push('huggingface');
  if (sources.arxiv && categories.length > 0) {
    const announced =
      slotsBetween(ARXIV_REFRESH, new Date(now.getTime() - LOOKBACK_MS), now)
        .at(-1)
        ?.dueAt.getTime() ?? 0;
    const arxiv = runsOf(sources.arxiv.name);
    const lastStart = arxiv ? Date.parse(arxiv.last.startedAt) : Number.NEGATIVE_INFINITY;
    const okSince = arxiv?.lastOk ? Date.parse(arxiv.lastOk.startedAt) >= announced : false;
    if (lastStart < announced || (!okSince && lastStart <= now.getTime() - ARXIV_RETRY_MS)) due.push('arxiv');
  }
  return due;
}

/**
 * How long a process holds a refresh group's lease (SourceRunStore.tryLease): far longer than a refresh takes (a
 * minute with retries), so it never runs twice at once; short enough that a process killed mid-refresh hands the
 * group over well before it is due again.
 */
export const REFRESH_LEASE_MS = 15 * 60_000;

/** What the refresher needs. */
export interface RefresherDeps extends IngestDeps {
  sources: RefreshSources;
  categories: readonly string[];
  metrics?: Pick<Metrics, 'recordSourceRun'>;
  /** Who holds the refresh leases: this process (PAPERBOY_INSTANCE_ID); default a random id per refresher. */
  holder?: string;
}

/** Starts due refreshes in the background, one run per group at a time. */
export interface Refresher {
  /** Starts every due group that is not already running; returns the groups started. Never throws. */
  kick(now: Date): Promise<RefreshGroup[]>;
  /** Resolves when the running refreshes end, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  /** Groups running now. */
  running(): RefreshGroup[];
}

/** Creates the refresher. */
export function createRefresher(deps: RefresherDeps): Refresher {
  const inFlight = new Map<RefreshGroup, Promise<void>>();
  const holder = deps.holder ?? `refresher-${globalThis.crypto.randomUUID()}`;

  async function run(group: RefreshGroup, now: Date): Promise<void> {
    const sources = group === 'huggingface' ? { hfDaily: deps.sources.hfDaily, arxiv: null } : { hfDaily: null, arxiv: deps.sources.arxiv };
    const jobs = refreshJobs(now, sources, deps.categories);
    const outcomes = await refresh(deps, jobs);
    outcomes.forEach((outcome, i) => {
      deps.metrics?.recordSourceRun(jobs[i]?.source ?? group, outcome.ok ? 'ok' : 'failed', outcome.ok ? outcome.summary.fetched : 0);
    });
    deps.log.info({ group, jobs: outcomes.length, failed: outcomes.filter((o) => !o.ok).length }, 'source refresh finished');
  }

  return {
    async kick(now) {
      let due: RefreshGroup[];
      try {
        due = dueRefreshes(now, await deps.runs.latest(), deps.sources, deps.categories);
      } catch (error) {
        deps.log.warn({ err: describeError(error) }, 'could not tell which sources to refresh');
        return [];
      }
      const started: RefreshGroup[] = [];
      for (const group of due.filter((g) => !inFlight.has(g))) {
        // Processes sharing the database refresh a group one at a time: the lease decides, and under it the
        // group must still be due (another process may have just refreshed it).
        const lease = `refresh:${group}`;
        try {
          if (!(await deps.runs.tryLease(lease, holder, now, new Date(now.getTime() + REFRESH_LEASE_MS)))) {
            deps.log.debug({ group }, 'another process is refreshing this source');
            continue;
          }
          if (!dueRefreshes(now, await deps.runs.latest(), deps.sources, deps.categories).includes(group)) {
            await deps.runs.releaseLease(lease, holder);
            continue;
          }
        } catch (error) {
          deps.log.warn({ group, err: describeError(error) }, 'could not take the refresh lease; trying again on a later tick');
          continue;
        }
        const promise = run(group, now)
          .catch((error: unknown) =>
            deps.log.warn({ group, err: describeError(error) }, 'source refresh failed; stored papers stay in use'),
          )
          .then(() => deps.runs.releaseLease(lease, holder))
          .catch((error: unknown) =>
            deps.log.warn({ group, err: describeError(error) }, 'could not give the refresh lease back; it expires on its own'),
          )
          .finally(() => inFlight.delete(group));
        inFlight.set(group, promise);
        started.push(group);
      }
      return started;
    },

    async drain(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(inFlight.values()), timeout]);
      clearTimeout(timer);
    },

    running: () => [...inFlight.keys()],
  };
}
