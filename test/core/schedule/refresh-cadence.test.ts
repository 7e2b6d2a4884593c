import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import type { PaperSource, SourceRun } from '../../../src/core/ports.ts';
import { REFRESH_LEASE_MS, createRefresher, dueRefreshes, type RefreshSources } from '../../../src/core/schedule/refresh-cadence.ts';
import { createSqliteSourceRunStore } from '../../../src/store/index.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { openTestDb } from '../../store/sqlite/helpers.ts';
import { recordingMetrics } from './schedule-world.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const MIN = 60_000;

function source(name: 'huggingface' | 'arxiv', list: PaperSource['list'] = async () => ({ items: [], skipped: [] })): PaperSource {
  return { name, supports: () => true, list, lookup: async () => ({ items: [], skipped: [] }) };
}

const SOURCES: RefreshSources = { hfDaily: source('huggingface'), arxiv: source('arxiv') };

function run(
  source: string,
  startedAt: string,
  status: SourceRun['status'] = 'ok',
): { source: string; last: SourceRun; lastOk: SourceRun | null } {
  const last: SourceRun = { id: 1, source, startedAt, finishedAt: startedAt, status, items: 0, error: null };
  return { source, last, lastOk: status === 'ok' ? last : null };
}

describe('dueRefreshes: each source on its own cadence', () => {
  const TUESDAY_NOON = new Date('2025-03-04T12:00:00Z');

  it('GIVEN no run yet THEN both are due; GIVEN no arXiv categories THEN arXiv never is', () => {
    expect(dueRefreshes(TUESDAY_NOON, [], SOURCES, ['cs.LG'])).toEqual(['huggingface', 'arxiv']);
    expect(dueRefreshes(TUESDAY_NOON, [], SOURCES, [])).toEqual(['huggingface']);
    expect(dueRefreshes(TUESDAY_NOON, [], { hfDaily: null, arxiv: null }, ['cs.LG'])).toEqual([]);
  });

  it('GIVEN Hugging Face pulled 29 min ago THEN not due; 30 min ago THEN due', () => {
    const at = (ago: number) => [run('huggingface', new Date(TUESDAY_NOON.getTime() - ago * MIN).toISOString())];
    expect(dueRefreshes(TUESDAY_NOON, at(29), SOURCES, [])).toEqual([]);
    expect(dueRefreshes(TUESDAY_NOON, at(30), SOURCES, [])).toEqual(['huggingface']);
  });

  it('GIVEN arXiv pulled after Tuesday’s 00:30 New York rebuild THEN not due again until Wednesday’s', () => {
    const pulled = [run('arxiv', '2025-03-04T05:31:00Z')];
    expect(dueRefreshes(TUESDAY_NOON, pulled, { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual([]);
    expect(dueRefreshes(new Date('2025-03-05T05:29:00Z'), pulled, { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual([]);
    // 00:30 EST = 05:30 UTC.
    expect(dueRefreshes(new Date('2025-03-05T05:30:00Z'), pulled, { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual(['arxiv']);
  });

  it('GIVEN the weekend THEN Friday’s pull stands until Monday (no announcements)', () => {
    const friday = [run('arxiv', '2025-03-07T05:31:00Z')];
    expect(dueRefreshes(new Date('2025-03-09T12:00:00Z'), friday, { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual([]);
    // After the DST change New York is UTC−4: Monday's 00:30 is 04:30 UTC.
    expect(dueRefreshes(new Date('2025-03-10T04:30:00Z'), friday, { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual(['arxiv']);
  });

  it('GIVEN today’s arXiv pull failed THEN it is retried after 30 minutes, not every tick', () => {
    const failedAt = (iso: string) => [run('arxiv', iso, 'failed')];
    expect(dueRefreshes(TUESDAY_NOON, failedAt('2025-03-04T11:45:00Z'), { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual([]);
    expect(dueRefreshes(TUESDAY_NOON, failedAt('2025-03-04T11:30:00Z'), { hfDaily: null, arxiv: SOURCES.arxiv }, ['cs.LG'])).toEqual([
      'arxiv',
    ]);
  });
});

describe('createRefresher: background refreshes', () => {
  function world(sources: RefreshSources) {
    const db = openTestDb();
    const clock = createFixedClock(new Date('2025-03-04T12:00:00Z'));
    const log = createRecordingLogger();
    const metrics = recordingMetrics();
    const runs = createSqliteSourceRunStore(db);
    const refresher = createRefresher({ store: sqliteStore(db).papers, runs, clock, log, sources, categories: [], metrics });
    return { runs, log, metrics, refresher, clock };
  }

  it('GIVEN Hugging Face failing THEN each job is recorded failed, logged and counted, and nothing throws', async () => {
    const failing = source('huggingface', async () => {
      throw new Error('HTTP 500 from huggingface.co');
    });
    const w = world({ hfDaily: failing, arxiv: null });
    expect(await w.refresher.kick(w.clock.now())).toEqual(['huggingface']);
    await w.refresher.drain(1_000);
    expect(w.metrics.sourceRuns).toEqual(['huggingface:failed:0', 'huggingface:failed:0', 'huggingface:failed:0']);
    expect((await w.runs.latest())[0]).toMatchObject({ source: 'huggingface', last: { status: 'failed' }, lastOk: null });
    expect(w.log.entries.filter((l) => l.message === 'source refresh failed; stored papers stay in use')).toHaveLength(3);
  });

  it('GIVEN a refresh still running THEN the next kick does not start another', async () => {
    let finish = () => {};
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const slow = source('huggingface', async () => {
      await gate;
      return { items: [], skipped: [] };
    });
    const w = world({ hfDaily: slow, arxiv: null });
    expect(await w.refresher.kick(w.clock.now())).toEqual(['huggingface']);
    w.clock.advance(31 * MIN);
    expect(await w.refresher.kick(w.clock.now())).toEqual([]);
    expect(w.refresher.running()).toEqual(['huggingface']);
    finish();
    await w.refresher.drain(1_000);
    expect(w.refresher.running()).toEqual([]);
  });

  it('GIVEN two processes on one database kicking at the same instant THEN one refreshes, the other neither waits nor repeats it', async () => {
    const db = openTestDb();
    const clock = createFixedClock(new Date('2025-03-04T12:00:00Z'));
    let fetches = 0;
    let finish = () => {};
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const hf = source('huggingface', async () => {
      fetches += 1;
      await gate;
      return { items: [], skipped: [] };
    });
    const runs = createSqliteSourceRunStore(db);
    const papers = sqliteStore(db).papers;
    const make = (holder: string) =>
      createRefresher({
        store: papers,
        runs,
        clock,
        log: createRecordingLogger(),
        sources: { hfDaily: hf, arxiv: null },
        categories: [],
        holder,
      });
    const [a, b] = [make('pb-a'), make('pb-b')];
    const kicks = await Promise.all([a.kick(clock.now()), b.kick(clock.now())]);
    expect(kicks.flat()).toEqual(['huggingface']);
    finish();
    await Promise.all([a.drain(1_000), b.drain(1_000)]);
    const jobs = fetches;
    expect(jobs).toBeGreaterThan(0);
    // Done and recorded: the lease is free again, and neither process finds the group due.
    expect([...(await a.kick(clock.now())), ...(await b.kick(clock.now()))]).toEqual([]);
    expect(fetches).toBe(jobs);
    // Half an hour on it is due again, and whoever kicks first runs it.
    clock.advance(31 * MIN);
    expect(await b.kick(clock.now())).toEqual(['huggingface']);
    await b.drain(1_000);
    expect(fetches).toBe(2 * jobs);
  });

  it('GIVEN a process killed mid-refresh (its lease left behind) THEN another takes the refresh over once the lease expires', async () => {
    const db = openTestDb();
    const clock = createFixedClock(new Date('2025-03-04T12:00:00Z'));
    const runs = createSqliteSourceRunStore(db);
    // What the dead process left: its lease, and a run that never finished (long enough ago to be due again).
    await runs.tryLease('refresh:huggingface', 'pb-dead', clock.now(), new Date(clock.now().getTime() + REFRESH_LEASE_MS));
    await runs.start('huggingface', new Date(clock.now().getTime() - 40 * MIN));
    const hf = source('huggingface', async () => ({ items: [], skipped: [] }));
    const refresher = createRefresher({
      store: sqliteStore(db).papers,
      runs,
      clock,
      log: createRecordingLogger(),
      sources: { hfDaily: hf, arxiv: null },
      categories: [],
      holder: 'pb-alive',
    });
    expect(await refresher.kick(clock.now())).toEqual([]);
    clock.advance(REFRESH_LEASE_MS);
    expect(await refresher.kick(clock.now())).toEqual(['huggingface']);
    await refresher.drain(1_000);
  });
});
