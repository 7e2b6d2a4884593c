/** What the PostgreSQL PaperStore adds to the contract: its "papers changed" hook and concurrent writers. */
import { describe, expect, it } from 'vitest';
import { createPostgresPaperStore } from '../../../src/store/postgres/papers-repo.ts';
import { T0 } from '../../contracts/store-set.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';
import { arxivItem, hfItem } from '../../helpers/sourced-papers.ts';

const pg = usePostgresDatabase();
const later = new Date(T0.getTime() + 3_600_000);

/** The doc ids of `ids`, as stored. */
async function docIdsOf(ids: string[]): Promise<number[]> {
  const { rows } = await pg.db().pool.query<{ doc_id: number }>('SELECT doc_id FROM papers WHERE id = ANY($1) ORDER BY doc_id', [ids]);
  return rows.map((row) => row.doc_id);
}

describe('PostgreSQL PaperStore', () => {
  it('GIVEN a batch THEN papersChanged gets the doc ids of the papers inserted, updated or given a signal, not the unchanged ones', async () => {
    const calls: number[][] = [];
    const store = createPostgresPaperStore(pg.db(), {
      papersChanged: (_client, docIds) => void calls.push([...docIds].sort((a, b) => a - b)),
    });
    await store.upsertMany([arxivItem('2501.00001'), arxivItem('2501.00002'), arxivItem('2501.00003')], T0);
    expect(calls).toEqual([await docIdsOf(['2501.00001', '2501.00002', '2501.00003'])]);

    await store.upsertMany(
      [
        arxivItem('2501.00001', { title: 'Changed' }),
        hfItem('2501.00002', { title: 'Paper 2501.00002' }, { upvotes: 3 }),
        arxivItem('2501.00003'),
      ],
      later,
    );
    expect(calls[1]).toEqual(await docIdsOf(['2501.00001', '2501.00002']));
  });

  it('GIVEN a papersChanged hook that fails THEN the whole batch is rolled back and a store error is thrown', async () => {
    const store = createPostgresPaperStore(pg.db(), {
      papersChanged: async () => {
        throw new Error('index unavailable');
      },
    });
    await expect(store.upsertMany([hfItem('2501.00001'), hfItem('2501.00002')], T0)).rejects.toMatchObject({
      code: 'store',
      message: expect.stringContaining('index unavailable'),
    });
    expect(await store.count()).toBe(0);
  });

  it('GIVEN two writers saving the same new papers at once THEN both succeed and their fields merge', async () => {
    // Each writer holds its transaction open a moment, so the second starts while the first has not committed.
    const store = createPostgresPaperStore(pg.db(), { papersChanged: () => new Promise((resolve) => setTimeout(resolve, 100)) });
    const ids = Array.from({ length: 50 }, (_, i) => `2501.${String(i).padStart(5, '0')}`);
    const summaries = await Promise.all([
      store.upsertMany(
        ids.map((id) => arxivItem(id, { abstract: 'From arXiv.' })),
        T0,
      ),
      store.upsertMany(
        ids.map((id) => hfItem(id, { abstract: '', aiSummary: 'From HF.' }, { upvotes: 2 })),
        T0,
      ),
    ]);
    expect(summaries.map((s) => s.inserted + s.updated)).toEqual([50, 50]);
    expect(summaries.map((s) => s.inserted).sort()).toEqual([0, 50]);
    expect(await store.count()).toBe(50);
    expect(await store.get('2501.00049')).toMatchObject({ abstract: 'From arXiv.', aiSummary: 'From HF.', signals: { upvotes: 2 } });
  });
});
