/**
 * The composition root of `npm start`: config → database (migrated) → sources → services → platforms →
 * (scheduler) → shutdown. Runs until SIGTERM or SIGINT, then stops the platforms and closes the database.
 */
import { openApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { describeError } from './core/errors.ts';
import type { ChatPlatform } from './core/ports.ts';
import { refresh, refreshJobs } from './core/refresh.ts';
import { createPlatforms } from './platforms.ts';

/** How long shutdown waits for each platform to stop before giving up on it. */
const STOP_TIMEOUT_MS = 10_000;

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    // Signal listeners hold no event-loop handle: without this timer an idle bot would exit on its own.
    const keepAlive = setInterval(() => {}, 1 << 30);
    const onSignal = (signal: NodeJS.Signals) => {
      clearInterval(keepAlive);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

async function refreshOnce(app: App): Promise<void> {
  const jobs = refreshJobs(app.clock.now(), app.sources, app.config.arxiv.categories);
  if (jobs.length === 0) return;
  const outcomes = await refresh({ store: app.papers, runs: app.runs, clock: app.clock, log: app.log }, jobs);
  app.log.info({ jobs: outcomes.length, failed: outcomes.filter((o) => !o.ok).length, papers: await app.papers.count() }, 'source refresh finished');
}

async function stopAll(app: App, platforms: ChatPlatform[]): Promise<void> {
  await Promise.all(
    platforms.map(async (platform) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          app.log.warn({ platform: platform.platform }, 'platform did not stop in time');
          resolve();
        }, STOP_TIMEOUT_MS);
      });
      await Promise.race([platform.stop().catch((error: unknown) => app.log.warn({ platform: platform.platform, err: describeError(error) }, 'platform stop failed')), timeout]);
      clearTimeout(timer);
    }),
  );
}

/** Runs the bot with a parsed configuration until a signal; resolves with the process exit code. */
export async function runMain(config: Readonly<Config>): Promise<number> {
  const signal = untilSignal();
  const app = openApp(config);
  const { log } = app;
  const platforms = createPlatforms(config, app);
  for (const platform of platforms) app.publishers.set(platform.platform, platform);
  try {
    for (const platform of platforms) await platform.start();
    log.info({ db: config.db, offline: config.offline, platforms: platforms.map((p) => p.platform) }, 'paperboy started');
    if (platforms.length === 0) log.warn({}, 'no chat platform configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or the SLACK_* variables');
    // The first refresh runs in the background: commands answer from stored papers meanwhile.
    const refreshing = refreshOnce(app).catch((error: unknown) => log.warn({ err: describeError(error) }, 'source refresh failed'));
    log.info({ signal: await signal }, 'shutting down');
    // A refresh still running gets a moment to finish its transaction; its HTTP calls time out on their own.
    await Promise.race([refreshing, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
    return 0;
  } catch (error) {
    log.error({ err: describeError(error) }, 'start-up failed');
    throw error;
  } finally {
    await stopAll(app, platforms);
    app.close();
  }
}
