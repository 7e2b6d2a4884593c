/** SQLite details of the PaperStore; its port-level behaviour is test/contracts/paper-store.contract.ts. */
import { describe, expect, it } from 'vitest';
import { paperSignals } from '../../../src/store/sqlite/schema.ts';
import { T0, arxivItem, hfItem, openTestDb } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

function setup() {
  const db = openTestDb();
  return { db, store: sqliteStore(db).papers, signalRows: () => db.orm.select().from(paperSignals).all() };
}

describe('createSqlitePaperStore', () => {
  it('GIVEN repeated, partial and empty observations THEN paper_signals holds one row per reported observation', async () => {
    const { store, signalRows } = setup();
    await store.upsertMany(
      [hfItem('2409.00001', {}, { upvotes: 10, comments: 2 }), hfItem('2409.00002', {}, {}), arxivItem('2409.00003')],
      T0,
    );
    await store.upsertMany([hfItem('2409.00001', {}, { upvotes: 15 }), hfItem('2409.00002', {}, {})], at(1));
    expect(signalRows().map((row) => [row.paperId, row.upvotes])).toEqual([
      ['2409.00001', 10],
      ['2409.00001', 15],
    ]);
  });
});
