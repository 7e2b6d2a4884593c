/**
 * The composition root of `npm start`: config → database (migrated) → sources → services → platforms → health
 * server → scheduler tick (digests and source refreshes) → shutdown. Runs until SIGTERM or SIGINT, then stops the
 * tick (in-flight posts finish, bounded), the platforms, the health server and the database, and exits 0.
 */
import { openApp, type App, type AppDatabase } from './app.ts';
import type { Config } from './config.ts';
import type { Clock } from './core/clock.ts';
import { describeError } from './core/errors.ts';
import type { Logger } from './core/logger.ts';
import type { ChatPlatform } from './core/ports.ts';
import { tickVerdict } from './core/schedule/tick.ts';
import { startHealthServer, type HealthServer } from './health/server.ts';
import { createPromMetrics } from './health/prom-metrics.ts';
import { createPlatforms } from './create-platforms.ts';
import { startTickJob, type TickJob } from './scheduler/cron.ts';

/** How long shutdown waits for each platform to stop before giving up on it. */
const STOP_TIMEOUT_MS = 10_000;
/** How long shutdown lets in-flight digest posts (and then running source refreshes) finish. */
const DRAIN_TIMEOUT_MS = 20_000;

/** Resolves on the first SIGTERM or SIGINT. */
export function untilSignal(): Promise<NodeJS.Signals> {
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

/** `SELECT 1` on the open database, for /healthz (docs/architecture.md §14); throws or rejects when it does not answer. */
async function pingDatabase(database: AppDatabase): Promise<void> {
  if (database.kind === 'sqlite') database.db.sqlite.prepare('SELECT 1').get();
  else await database.db.pool.query('SELECT 1');
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
      await Promise.race([
        platform
          .stop()
          .catch((error: unknown) => app.log.warn({ platform: platform.platform, err: describeError(error) }, 'platform stop failed')),
        timeout,
      ]);
      clearTimeout(timer);
    }),
  );
}

/** What `runBot` needs besides the configuration; tests pass their own app and stop signal. */
export interface RunOptions {
  /** Resolves when the bot should stop (default: SIGTERM/SIGINT). */
  stop?: Promise<unknown>;
  /** The clock (an in-process simulation's fake one); default: real time, or PAPERBOY_CLOCK_START. */
  clock?: Clock;
  /** Start the node-cron job (default true); a simulation drives `app.ticker.runTick()` itself. */
  cron?: boolean;
  /** The logger (a test's recording one); default: one from the configuration, secrets scrubbed. */
  log?: Logger;
  /** Called once everything runs, with the app and the health server's address. */
  onReady?: (ready: { app: App; healthUrl: string }) => void;
}

/** Runs the bot until `stop` resolves; resolves with the process exit code. */
export async function runBot(config: Readonly<Config>, options: RunOptions = {}): Promise<number> {
  let lastTickAt = (): Date | null => null;
  const metrics = createPromMetrics({
    processMetrics: true,
    lastTickAt: () => lastTickAt(),
    platforms: ['discord', 'slack'],
    instanceId: config.instanceId,
  });
  const app = await openApp(config, {
    metrics,
    scheduling: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  lastTickAt = () => app.ticker.health().lastTickAt;
  const { log } = app;
  const platforms = await createPlatforms(config, app).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  // Waiting for a signal keeps the process alive, so it starts only once there is a bot to stop: a start that fails
  // opening the database (PostgreSQL unreachable, a wrong password) exits with its error instead of hanging.
  const stop = options.stop ?? untilSignal();
  for (const platform of platforms) app.publishers.set(platform.platform, platform);
  let job: TickJob | null = null;
  let server: HealthServer | null = null;
  try {
    for (const platform of platforms) await platform.start();
    server = await startHealthServer(
      {
        pingDatabase: () => pingDatabase(app.database),
        scheduler: () => tickVerdict(app.ticker.health(), app.clock.now()),
        metrics,
        log,
      },
      config.http,
    );
    // A search index left incomplete (switched back on, an older database) is rebuilt now, not on the first search.
    app.catchUpSearchIndex().then(
      (n) => n > 0 && log.info({ papers: n }, 'search index built'),
      (error: unknown) => log.warn({ error: describeError(error) }, 'building the search index failed; search keeps using FTS5 alone'),
    );
    // The first tick runs at once: catch-up digests and a source refresh do not wait for the next minute.
    if (options.cron !== false) job = startTickJob(app.ticker, log, { runNow: true });
    log.info(
      {
        // The file, or the PostgreSQL URL with its password hidden (docs/architecture.md §16).
        db: app.database.where,
        store: app.database.kind,
        instance: config.instanceId,
        offline: config.offline,
        platforms: platforms.map((p) => p.platform),
        health: server.url,
      },
      'paperboy started',
    );
    if (platforms.length === 0)
      log.warn({}, 'no chat platform configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or the SLACK_* variables');
    options.onReady?.({ app, healthUrl: server.url });
    log.info({ signal: await stop }, 'shutting down');
    return 0;
  } catch (error) {
    log.error({ err: describeError(error) }, 'start-up failed');
    throw error;
  } finally {
    await job?.stop();
    // In-flight posts finish (no new slot starts), then running refreshes get what is left of the wait.
    await app.ticker.stop(DRAIN_TIMEOUT_MS);
    await stopAll(app, platforms);
    await server?.close();
    await app.close();
    log.info({}, 'paperboy stopped');
  }
}

/** Runs the bot with a parsed configuration until a signal; resolves with the process exit code. */
export function runMain(config: Readonly<Config>): Promise<number> {
  return runBot(config);
}
