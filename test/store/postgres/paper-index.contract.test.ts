/** The PostgreSQL PaperIndex runs the PaperIndex contract with its search index on (the default) and off (ts_rank). */
import { afterEach } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { SEARCH_RANKING } from '../../../src/core/search-rank.ts';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/store.ts';
import { describePaperIndexContract } from '../../contracts/paper-index.contract.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';

const pg = usePostgresDatabase();
const opened: PostgresStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.close()));

async function store(searchIndex: boolean) {
  const s = await openPostgresStore(pg.db(), { ranking: SEARCH_RANKING, searchIndex, log: silentLogger });
  opened.push(s);
  return s;
}

describePaperIndexContract('PostgreSQL, search index on', () => store(true));
describePaperIndexContract('PostgreSQL, search index off (ts_rank)', () => store(false));
