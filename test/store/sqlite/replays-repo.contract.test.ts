/**
 * The SQLite ReplayStore runs the ReplayStore contract, shared cases included: every instance opens its own
 * connection to one database file on the real migrations, as separate bot processes would.
 */
import { join } from 'node:path';
import { createSqliteReplayStore } from '../../../src/store/sqlite/replays-repo.ts';
import { describeReplayStoreContract } from '../../contracts/replay-store.contract.ts';
import { openTestDb, tempDir } from './helpers.ts';

describeReplayStoreContract(
  'SQLite',
  () => {
    const file = join(tempDir('paperboy-replays-'), 'paperboy.db');
    const counter = openTestDb(file);
    return {
      open: (settings) => createSqliteReplayStore(openTestDb(file), settings),
      rows: async () => counter.sqlite.prepare('SELECT count(*) FROM replays').pluck().get() as number,
    };
  },
  { shared: true },
);
