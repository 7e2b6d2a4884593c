import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { papers } from '../../../../src/store/sqlite/schema.ts';
import { T0, checkFtsIntegrity, ftsIds, ftsPages, hfItem, openTestDb } from '../helpers.ts';
import { sqliteStore } from '../../../helpers/sqlite-store.ts';

const LATER = new Date(T0.getTime() + 3_600_000);

async function seeded() {
  const db = openTestDb();
  const store = sqliteStore(db).papers;
  await store.upsertMany(
    [
      hfItem('2409.00001', { title: 'Diffusion transformers at scale', aiKeywords: ['image generation'] }),
      hfItem('2409.00002', { title: 'Sparse attention', authors: ['Yann LeCun', 'José Núñez'] }),
      hfItem('2409.00003', { title: 'Reward models', abstract: 'We study preference optimization.' }),
    ],
    T0,
  );
  return { db, store };
}

describe('papers_fts', () => {
  it('indexes new papers by title, abstract, authors and AI keywords', async () => {
    const { db } = await seeded();
    expect(ftsIds(db, 'diffusion')).toEqual(['2409.00001']);
    expect(ftsIds(db, 'generation')).toEqual(['2409.00001']);
    expect(ftsIds(db, 'lecun')).toEqual(['2409.00002']);
    expect(ftsIds(db, 'preference')).toEqual(['2409.00003']);
    checkFtsIntegrity(db);
  });

  it('stems English words and ignores diacritics', async () => {
    const { db } = await seeded();
    expect(ftsIds(db, 'transformer')).toEqual(['2409.00001']);
    expect(ftsIds(db, 'optimizing')).toEqual(['2409.00003']);
    expect(ftsIds(db, 'nunez')).toEqual(['2409.00002']);
  });

  it('GIVEN a title change THEN the old title no longer matches and the new one does', async () => {
    const { db, store } = await seeded();
    await store.upsertMany([hfItem('2409.00001', { title: 'Flow matching for video' })], LATER);
    expect(ftsIds(db, 'diffusion')).toEqual([]);
    expect(ftsIds(db, 'flow AND video')).toEqual(['2409.00001']);
    checkFtsIntegrity(db);
  });

  it('GIVEN a deleted paper THEN it no longer matches', async () => {
    const { db } = await seeded();
    db.orm.delete(papers).where(eq(papers.id, '2409.00002')).run();
    expect(ftsIds(db, 'attention OR lecun')).toEqual([]);
    checkFtsIntegrity(db);
  });

  it('GIVEN only signals, links, dates or version change THEN the index is not rewritten', async () => {
    const { db, store } = await seeded();
    const before = ftsPages(db);
    const summary = await store.upsertMany(
      [
        {
          source: 'huggingface',
          paper: {
            id: '2409.00001',
            title: 'Diffusion transformers at scale',
            githubRepo: 'https://github.com/x/y',
            version: 3,
          },
          signals: { upvotes: 99 },
        },
        {
          source: 'huggingface',
          paper: { id: '2409.00002', title: '', hfSubmittedAt: '2025-03-02T00:00:00.000Z', organization: 'Meta' },
          signals: { githubStars: 5 },
        },
      ],
      LATER,
    );
    expect(summary.updated).toBe(2);
    expect(ftsPages(db)).toBe(before);

    // A full-row UPDATE that names the indexed columns with unchanged values is skipped by the trigger's WHEN.
    db.sqlite.prepare('UPDATE papers SET title = title, abstract = abstract, thumbnail = ?').run('https://x/t.png');
    expect(ftsPages(db)).toBe(before);

    await store.upsertMany([hfItem('2409.00003', { title: 'Reward models, revisited' })], LATER);
    expect(ftsPages(db)).not.toBe(before);
    checkFtsIntegrity(db);
  });

  it('GIVEN deletions and a VACUUM THEN the index still points at the right papers', async () => {
    const { db, store } = await seeded();
    await store.upsertMany([hfItem('2409.00004', { title: 'Diffusion policies for robots' })], T0);
    db.orm.delete(papers).where(eq(papers.id, '2409.00001')).run();
    db.sqlite.exec('VACUUM');
    expect(ftsIds(db, 'diffusion')).toEqual(['2409.00004']);
    expect(ftsIds(db, 'attention')).toEqual(['2409.00002']);
    checkFtsIntegrity(db);
  });
});
