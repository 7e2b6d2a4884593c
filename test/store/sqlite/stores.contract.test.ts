/** The SQLite store runs every store contract: a fresh database file on the real migrations for each test. */
import { describeStoreContracts } from '../../contracts/stores.contract.ts';
import { sqliteStore } from '../../helpers/sqlite-store.ts';
import { openTestDb } from './helpers.ts';

describeStoreContracts('SQLite', () => sqliteStore(openTestDb()));
