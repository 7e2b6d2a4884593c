/** The SQLite PaperIndex runs the PaperIndex contract with its search index on (the default) and off. */
import { describePaperIndexContract } from '../../../contracts/paper-index.contract.ts';
import { sqliteStore } from '../../../helpers/sqlite-store.ts';
import { openTestDb } from '../helpers.ts';

describePaperIndexContract('SQLite, search index on', () => sqliteStore(openTestDb()));
describePaperIndexContract('SQLite, search index off', () => sqliteStore(openTestDb(), { searchIndex: false }));
