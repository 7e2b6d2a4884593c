/** The PostgreSQL store runs every store contract the SQLite store runs, on a database of this file's own. */
import { createPostgresCandidateStore } from '../../../src/store/postgres/candidates-repo.ts';
import { createPostgresChannelStore } from '../../../src/store/postgres/channels-repo.ts';
import { createPostgresDeliveryStore } from '../../../src/store/postgres/deliveries-repo.ts';
import { createPostgresPaperStore } from '../../../src/store/postgres/papers-repo.ts';
import { createPostgresSourceRunStore } from '../../../src/store/postgres/source-runs-repo.ts';
import { describeStoreContracts } from '../../contracts/stores.contract.ts';
import { usePostgresDatabase } from '../../helpers/postgres.ts';

const pg = usePostgresDatabase();

describeStoreContracts('PostgreSQL', () => {
  const db = pg.db();
  return {
    papers: createPostgresPaperStore(db, { papersChanged() {} }),
    runs: createPostgresSourceRunStore(db),
    channels: createPostgresChannelStore(db),
    deliveries: createPostgresDeliveryStore(db),
    candidates: createPostgresCandidateStore(db),
  };
});
