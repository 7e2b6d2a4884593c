/** The digest benchmark as child-process tasks: channel setup (untimed), then real runs and baseline runs. */
import { createSqliteChannelStore } from '../src/store/index.ts';
import type { TaskArgs } from './child.ts';
import { createCorpus } from './corpus.ts';
import { createChannels, digestBaseline, digestRun, slotsOf } from './digest-bench.ts';
import { openBenchDb } from './ingest-path.ts';

/** Creates the digest channels and their topics in the database, once. */
export async function createChannelsIfMissing(args: TaskArgs): Promise<{ channels: number }> {
  const db = openBenchDb(args.file);
  try {
    const channels = createSqliteChannelStore(db);
    if ((await channels.list()).length === 0) {
      // One transaction for 60,000 small writes (the store's calls are synchronous underneath).
      db.sqlite.exec('BEGIN');
      await createChannels(channels, createCorpus(args.size), args.channels ?? 10_000);
      db.sqlite.exec('COMMIT');
    }
    return { channels: (await channels.list()).length };
  } finally {
    db.close();
  }
}

/** `runs` real runs over every channel and `runs` baseline runs over the first `baselineChannels`, scaled. */
export async function runDigestTask(args: TaskArgs): Promise<{ runs: Array<{ seconds: number; baselineSeconds: number }> }> {
  const db = openBenchDb(args.file);
  try {
    const store = createSqliteChannelStore(db);
    const channels = await store.list();
    const sample = channels.slice(0, args.baselineChannels ?? 500);
    const scale = channels.length / sample.length;
    const runs: Array<{ seconds: number; baselineSeconds: number }> = [];
    for (let r = 0; r < args.runs; r += 1) {
      const seconds = await digestRun(db, slotsOf(channels));
      const baselineSeconds = (await digestBaseline(db, store, sample)) * scale;
      runs.push({ seconds, baselineSeconds });
    }
    return { runs };
  } finally {
    db.close();
  }
}
