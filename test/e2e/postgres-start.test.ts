/**
 * `npm start` on PostgreSQL through the composition root (`runBot`): DATABASE_URL opens the PostgreSQL store,
 * /healthz pings it with `SELECT 1`, the start-up line says where the database is with its password hidden, and
 * shutdown closes the pool (docs/architecture.md §14, §16).
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { runBot } from '../../src/main.ts';
import { usePostgresDatabase } from '../helpers/postgres.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';
import { simClock } from './sim-world.ts';

const pg = usePostgresDatabase();

describe('npm start with DATABASE_URL', () => {
  it('GIVEN a postgres:// URL THEN the bot runs on PostgreSQL, /healthz answers, the password is never logged, and stop closes the pool', async () => {
    const config = loadConfig({ DATABASE_URL: pg.url(), PAPERBOY_OFFLINE: 'true', PAPERBOY_HTTP_PORT: '0', PAPERBOY_LOG_LEVEL: 'silent' });
    const log = createRecordingLogger();
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let ready: (value: { app: App; healthUrl: string }) => void = () => {};
    const started = new Promise<{ app: App; healthUrl: string }>((resolve) => (ready = resolve));
    const clock = simClock(new Date('2025-11-13T12:00:00Z'));
    const exit = runBot(config, { clock, cron: false, stop: stopped, onReady: ready, log });
    const { app, healthUrl } = await Promise.race([started, exit.then((code) => Promise.reject(new Error(`exited with ${code}`)))]);

    expect(app.database.kind).toBe('postgres');
    await app.ticker.runTick();
    const health = await fetch(`${healthUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: 'ok' });
    const line = log.entries.find((entry) => entry.message === 'paperboy started');
    const where = new URL(pg.url());
    where.password = '***';
    expect(line?.context).toMatchObject({ db: where.toString(), store: 'postgres' });

    stop();
    expect(await exit).toBe(0);
    expect(app.database.kind === 'postgres' && app.database.db.pool.ended).toBe(true);
    await expect(fetch(`${healthUrl}/healthz`)).rejects.toThrow();
    // A recording logger scrubs nothing: no line may carry the password in the first place.
    expect(JSON.stringify(log.entries)).not.toContain(new URL(pg.url()).password);
  });
});
