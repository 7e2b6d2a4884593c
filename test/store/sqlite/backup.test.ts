import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../../src/core/errors.ts';
import { backupDatabase } from '../../../src/store/index.ts';
import { T0, ftsIds, hfItem, openTestDb, tempDir } from './helpers.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';

describe('backupDatabase', () => {
  it('GIVEN a database with papers THEN writes a copy (creating its directory) that opens with the same papers', async () => {
    const db = openTestDb();
    const store = sqliteStore(db).papers;
    await store.upsertMany([hfItem('2409.00001', { title: 'Diffusion at scale' }), hfItem('hep-th/9901001')], T0);
    const target = join(tempDir(), 'backups', 'nightly', 'copy.db');

    const result = backupDatabase(db, target);

    expect(result).toEqual({ file: target, bytes: statSync(target).size });
    expect(result.bytes).toBeGreaterThan(0);
    const copy = openTestDb(target);
    const copied = sqliteStore(copy).papers;
    expect(await copied.count()).toBe(2);
    expect(await copied.get('hep-th/9901001')).toEqual(await store.get('hep-th/9901001'));
    expect(ftsIds(copy, 'diffusion')).toEqual(['2409.00001']);
  });

  it('GIVEN a target that already exists THEN refuses with a bad_input error and leaves the file alone', () => {
    const db = openTestDb();
    const target = join(tempDir(), 'taken.db');
    writeFileSync(target, 'keep me');
    let failure: unknown;
    try {
      backupDatabase(db, target);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PaperboyError);
    expect(failure).toMatchObject({ code: 'bad_input', message: expect.stringContaining('already exists') });
    expect((failure as Error).message).not.toContain('\n');
    expect(statSync(target).size).toBe('keep me'.length);
  });

  it('backs up a path containing quotes (the target is bound, not spliced into SQL)', () => {
    const db = openTestDb();
    const target = join(tempDir(), `it's "quoted".db`);
    backupDatabase(db, target);
    expect(existsSync(target)).toBe(true);
  });
});
