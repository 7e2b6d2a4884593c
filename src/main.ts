/**
 * The composition root of `npm start`: config → database (migrated) → sources → refresh.
 * Platforms and the scheduler plug in here as they land; until then start refreshes the sources once.
 */
import { openApp } from './app.ts';
import type { Config } from './config.ts';
import { refresh, refreshJobs } from './core/refresh.ts';

/** Runs the bot with a parsed configuration; resolves with the process exit code. */
export async function runMain(config: Readonly<Config>): Promise<number> {
  const app = openApp(config);
  const { log } = app;
  log.info({ db: config.db, offline: config.offline, discord: config.discord !== null, slack: config.slack !== null }, 'paperboy starting');
  try {
    const jobs = refreshJobs(app.clock.now(), app.sources, config.arxiv.categories);
    if (jobs.length === 0) log.info({}, 'offline: no sources to refresh');
    const outcomes = await refresh({ store: app.papers, runs: app.runs, clock: app.clock, log }, jobs);
    const failed = outcomes.filter((o) => !o.ok).length;
    log.info({ jobs: outcomes.length, failed, papers: await app.papers.count() }, 'source refresh finished');
    return 0;
  } finally {
    app.close();
  }
}
