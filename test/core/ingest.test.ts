import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { PaperboyError } from '../../src/core/errors.ts';
import { formatIngestSummary, ingest } from '../../src/core/ingest.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { SourcedPaper } from '../../src/core/paper.ts';
import type { PaperSource } from '../../src/core/ports.ts';
import { refresh, refreshJobs } from '../../src/core/schedule/source-refresh.ts';
import { createSqliteSourceRunStore, openDatabase } from '../../src/store/index.ts';
import { sqliteStore } from '../helpers/sqlite-store.ts';

const NOW = new Date('2025-03-04T10:00:00Z');

function setup() {
  const clock = createFixedClock(NOW);
  const db = openDatabase(':memory:', { log: silentLogger, clock });
  return { db, deps: { store: sqliteStore(db).papers, runs: createSqliteSourceRunStore(db), clock, log: silentLogger } };
}

const item = (id: string, version: number, upvotes: number): SourcedPaper => ({
  source: 'huggingface',
  paper: { id, title: `Paper ${id}`, version, abstract: 'About things.' },
  signals: { upvotes },
});

describe('ingest', () => {
  it('GIVEN v1 then v2 of one paper THEN one row with the higher version and a signal observation each time', async () => {
    const { db, deps } = setup();
    const first = await ingest(deps, {
      source: 'huggingface',
      label: 'day',
      fetch: async () => ({ items: [item('2409.12917', 1, 3)], skipped: [] }),
    });
    const second = await ingest(deps, {
      source: 'huggingface',
      label: 'day',
      fetch: async () => ({ items: [item('2409.12917', 2, 5)], skipped: [{ ref: '#2', reason: 'no title' }] }),
    });
    expect([first.inserted, second.inserted, second.updated]).toEqual([1, 0, 1]);
    expect(await deps.store.get('2409.12917')).toMatchObject({ version: 2, signals: { upvotes: 5 } });
    expect(formatIngestSummary(second)).toMatch(/1 papers read — 0 new, 1 updated, 0 unchanged, 1 skipped\n {2}skipped 1: no title \(#2\)/);
    db.close();
  });

  it('GIVEN a fetch that fails THEN nothing is stored, the run is recorded as failed, and the error reaches the caller', async () => {
    const { db, deps } = setup();
    const failing = ingest(deps, {
      source: 'huggingface',
      label: 'day',
      fetch: async () => Promise.reject(new PaperboyError('source_malformed', 'truncated body')),
    });
    await expect(failing).rejects.toThrow('truncated body');
    expect(await deps.store.count()).toBe(0);
    expect((await deps.runs.latest())[0]?.last).toMatchObject({ status: 'failed', error: 'truncated body' });
    db.close();
  });
});

describe('refresh', () => {
  const source = (name: 'huggingface' | 'arxiv', fail: boolean): PaperSource => ({
    name,
    supports: () => true,
    list: async () => {
      if (fail) throw new PaperboyError('source_unavailable', `${name} down`);
      return { items: [item(name === 'arxiv' ? '2501.00002' : '2501.00001', 1, 1)], skipped: [] };
    },
    lookup: async () => ({ items: [], skipped: [] }),
  });

  it('GIVEN both sources THEN it pulls HF yesterday, today and trending (UTC) and each arXiv category', () => {
    const jobs = refreshJobs(NOW, { hfDaily: source('huggingface', false), arxiv: source('arxiv', false) }, ['cs.LG', 'cs.CL']);
    expect(jobs.map((j) => j.label)).toEqual([
      'Hugging Face daily list 2025-03-03',
      'Hugging Face daily list 2025-03-04',
      'Hugging Face trending',
      'arXiv listing cs.LG',
      'arXiv listing cs.CL',
    ]);
    expect(refreshJobs(NOW, { hfDaily: null, arxiv: null }, ['cs.LG'])).toEqual([]);
  });

  it('GIVEN a failing source THEN the others still run and the failure is recorded', async () => {
    const { db, deps } = setup();
    const jobs = refreshJobs(NOW, { hfDaily: source('huggingface', true), arxiv: source('arxiv', false) }, ['cs.LG']);
    const outcomes = await refresh(deps, jobs);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false, true]);
    expect(await deps.store.get('2501.00002')).not.toBeNull();
    db.close();
  });
});
