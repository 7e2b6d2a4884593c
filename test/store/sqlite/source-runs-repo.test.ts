import { describe, expect, it } from 'vitest';
import { createSqliteSourceRunStore } from '../../../src/store/index.ts';
import { T0, openTestDb } from './helpers.ts';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe('createSqliteSourceRunStore', () => {
  it('GIVEN no runs THEN latest is empty', async () => {
    expect(await createSqliteSourceRunStore(openTestDb()).latest()).toEqual([]);
  });

  it('GIVEN a started run THEN it is the latest, running, with no successful run yet', async () => {
    const runs = createSqliteSourceRunStore(openTestDb());
    const id = await runs.start('huggingface', T0);
    expect(await runs.latest()).toEqual([
      {
        source: 'huggingface',
        last: {
          id,
          source: 'huggingface',
          startedAt: T0.toISOString(),
          finishedAt: null,
          status: 'running',
          items: 0,
          error: null,
        },
        lastOk: null,
        lastFinished: null,
      },
    ]);
  });

  it('GIVEN a success then a failure THEN latest shows the failure and the earlier success, per source', async () => {
    const runs = createSqliteSourceRunStore(openTestDb());
    const ok = await runs.start('huggingface', T0);
    await runs.finish(ok, { at: at(1), status: 'ok', items: 50 });
    const failed = await runs.start('huggingface', at(30));
    await runs.finish(failed, { at: at(31), status: 'failed', items: 0, error: 'HTTP 503' });
    const arxiv = await runs.start('arxiv', at(5));
    await runs.finish(arxiv, { at: at(6), status: 'ok', items: 200 });

    const latest = await runs.latest();
    expect(latest.map((entry) => entry.source)).toEqual(['arxiv', 'huggingface']);
    expect(latest[1]?.lastFinished?.id).toBe(failed);
    expect(latest[1]).toMatchObject({
      source: 'huggingface',
      last: {
        id: failed,
        source: 'huggingface',
        startedAt: at(30).toISOString(),
        finishedAt: at(31).toISOString(),
        status: 'failed',
        items: 0,
        error: 'HTTP 503',
      },
      lastOk: {
        id: ok,
        source: 'huggingface',
        startedAt: T0.toISOString(),
        finishedAt: at(1).toISOString(),
        status: 'ok',
        items: 50,
        error: null,
      },
    });
    expect(latest[0]?.last.id).toBe(arxiv);
    expect(latest[0]?.lastOk?.id).toBe(arxiv);
  });

  it('GIVEN a failure and then a retry still running THEN lastFinished is still the failure', async () => {
    const runs = createSqliteSourceRunStore(openTestDb());
    const failed = await runs.start('huggingface', T0);
    await runs.finish(failed, { at: at(1), status: 'failed', items: 0, error: 'HTTP 500' });
    const retry = await runs.start('huggingface', at(30));
    const [entry] = await runs.latest();
    expect(entry?.last.id).toBe(retry);
    expect(entry?.lastFinished).toMatchObject({ id: failed, status: 'failed' });
  });

  it('GIVEN two runs started in the same millisecond THEN the later-started one is the latest', async () => {
    const runs = createSqliteSourceRunStore(openTestDb());
    await runs.start('arxiv', T0);
    const second = await runs.start('arxiv', T0);
    expect((await runs.latest())[0]?.last.id).toBe(second);
  });

  it('GIVEN an unknown run id THEN finish rejects with not_found', async () => {
    const runs = createSqliteSourceRunStore(openTestDb());
    await expect(runs.finish(42, { at: T0, status: 'ok', items: 1 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
