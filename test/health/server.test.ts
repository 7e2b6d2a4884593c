import { afterEach, describe, expect, it } from 'vitest';
import { createPromMetrics } from '../../src/health/prom-metrics.ts';
import { startHealthServer, type HealthServer, type HealthVerdict } from '../../src/health/server.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(state: { db: boolean; scheduler: HealthVerdict }, instanceId?: string) {
  const log = createRecordingLogger();
  const metrics = createPromMetrics({
    platforms: ['discord'],
    lastTickAt: () => new Date('2025-03-04T08:00:00Z'),
    ...(instanceId === undefined ? {} : { instanceId }),
  });
  const server = await startHealthServer(
    {
      pingDatabase: () => {
        if (!state.db) throw new Error('SQLITE_CANTOPEN: unable to open database file');
      },
      scheduler: () => state.scheduler,
      metrics,
      log,
    },
    { host: '127.0.0.1', port: 0 },
  );
  servers.push(server);
  return { server, metrics, log };
}

describe('the health server over loopback HTTP', () => {
  it('GIVEN port 0 THEN it binds a real port and logs one line with the address and port', async () => {
    const { server, log } = await start({ db: true, scheduler: { ok: true } });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(log.entries.filter((l) => l.message === 'health server listening')).toEqual([
      { level: 'info', message: 'health server listening', context: { address: '127.0.0.1', port: server.port, url: server.url } },
    ]);
  });

  it('GIVEN the database answers and the tick is recent THEN /healthz is 200', async () => {
    const { server } = await start({ db: true, scheduler: { ok: true } });
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', scheduler: 'ok' });
  });

  it('GIVEN a stale tick or a dead database THEN /healthz is 503 with every reason', async () => {
    const state = { db: true, scheduler: { ok: false, reason: 'the last scheduler tick was 300 s ago' } as HealthVerdict };
    const { server } = await start(state);
    let response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unhealthy', reason: 'the last scheduler tick was 300 s ago' });
    state.db = false;
    state.scheduler = { ok: true };
    response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^the database does not answer: SQLITE_CANTOPEN/);
  });

  it('GIVEN recorded activity THEN /metrics is Prometheus text with digests, sources, commands, latency, 429s and ticks', async () => {
    const { server, metrics } = await start({ db: true, scheduler: { ok: true } });
    metrics.recordDigest('posted', 'discord');
    metrics.recordDigest('posted', 'discord');
    metrics.recordDigest('failed', 'slack');
    metrics.recordSourceRun('huggingface', 'ok', 44);
    metrics.recordSourceRun('huggingface', 'failed', 0);
    metrics.recordCommand('search', 'ok', 120);
    metrics.recordRateLimited('slack');
    metrics.recordTick(35);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const line of [
      'paperboy_digests_total{outcome="posted",platform="discord"} 2',
      'paperboy_digests_total{outcome="skipped",platform="discord"} 0',
      'paperboy_digests_total{outcome="failed",platform="slack"} 1',
      'paperboy_source_runs_total{source="huggingface",status="ok"} 1',
      'paperboy_source_runs_total{source="huggingface",status="failed"} 1',
      'paperboy_source_items_total{source="huggingface"} 44',
      'paperboy_commands_total{subcommand="search",outcome="ok"} 1',
      'paperboy_command_duration_seconds_bucket{le="0.25",subcommand="search"} 1',
      'paperboy_command_duration_seconds_bucket{le="0.1",subcommand="search"} 0',
      'paperboy_platform_rate_limited_total{platform="slack"} 1',
      'paperboy_tick_duration_seconds_count 1',
      'paperboy_last_tick_timestamp_seconds 1741075200',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('GIVEN two processes with their instance ids THEN each /metrics names its own, under instance_id (not instance)', async () => {
    const a = await start({ db: true, scheduler: { ok: true } }, 'host-a-101');
    const b = await start({ db: true, scheduler: { ok: true } }, 'host-b-202');
    const info = async (url: string) =>
      (await (await fetch(`${url}/metrics`)).text()).split('\n').filter((line) => line.startsWith('paperboy_instance_info'));
    expect(await info(a.server.url)).toEqual(['paperboy_instance_info{instance_id="host-a-101"} 1']);
    expect(await info(b.server.url)).toEqual(['paperboy_instance_info{instance_id="host-b-202"} 1']);
  });

  it('GIVEN another path or method THEN 404 / 405, and HEAD /healthz has no body', async () => {
    const { server } = await start({ db: true, scheduler: { ok: true } });
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
