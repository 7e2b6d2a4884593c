/**
 * One benchmark task in its own process (so peak RSS is per task and per corpus size). Usage:
 * `node --import tsx bench/child.ts <task> '<json args>'`; the result is the last stdout line, as JSON.
 */
import { rmSync } from 'node:fs';
import { benchCluster, digestWorker, fanoutWorker, type DigestWorkerArgs, type FanoutWorkerArgs } from './cluster-bench.ts';
import { createChannelsIfMissing, runDigestTask } from './digest-task.ts';
import { createCorpus } from './corpus.ts';
import { benchDiscord } from './discord-bench.ts';
import { idleBotRss } from './idle-bench.ts';
import { benchIngest } from './ingest-bench.ts';
import { ingestRange, openBenchDb } from './ingest-path.ts';
import { queryMix } from './queries.ts';
import { benchPostgresSearch } from './postgres-bench.ts';
import { benchSearch } from './search-bench.ts';

/** Arguments every task understands. */
export interface TaskArgs {
  size: number;
  file: string;
  runs: number;
  /** Papers per ingest run. */
  batch?: number;
  /** Digest channels, and how many of them the baseline measures. */
  channels?: number;
  baselineChannels?: number;
  /** How long the idle bot sits before its RSS is read. */
  settleMs?: number;
  /** Channels of the fan-out benches. */
  fanoutChannels?: number;
  /** Process counts of the cluster bench. */
  processes?: number[];
}

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function build(args: TaskArgs) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(args.file + suffix, { force: true });
  const db = openBenchDb(args.file);
  try {
    const ms = await ingestRange(db, createCorpus(args.size), 0, args.size);
    return { seconds: ms / 1000, perS: args.size / (ms / 1000) };
  } finally {
    db.close();
  }
}

async function search(args: TaskArgs) {
  const db = openBenchDb(args.file);
  try {
    // The mix comes from a 10k corpus so it is the same at every size (its papers are in every corpus).
    const report = await benchSearch(db, queryMix(createCorpus(10_000)), args.runs);
    return { ...report, peakMb: peakMb() };
  } finally {
    db.close();
  }
}

async function postgresSearch(args: TaskArgs) {
  const db = openBenchDb(args.file);
  try {
    return await benchPostgresSearch(db, queryMix(createCorpus(10_000)), args.runs);
  } finally {
    db.close();
  }
}

async function ingestTask(args: TaskArgs) {
  const db = openBenchDb(args.file);
  try {
    return { runs: await benchIngest(db, args.runs, args.batch ?? 2_000) };
  } finally {
    db.close();
  }
}

const TASKS: Record<string, (args: TaskArgs) => Promise<unknown>> = {
  build,
  search,
  postgres: postgresSearch,
  ingest: ingestTask,
  digestSetup: createChannelsIfMissing,
  digest: runDigestTask,
  idle: async (args) => ({ mb: await idleBotRss(args.file, args.settleMs) }),
  discord: async (args) => ({ runs: await benchDiscord(args.file, args.runs, args.channels ?? 1_000) }),
  cluster: (args) =>
    benchCluster({
      file: args.file,
      size: args.size,
      runs: args.runs,
      channels: args.channels ?? 10_000,
      fanoutChannels: args.fanoutChannels ?? 1_000,
      processes: args.processes ?? [1, 3],
    }),
  // The cluster bench's processes (bench/cluster-bench.ts): their arguments are their own.
  clusterDigest: (args) => digestWorker(args as unknown as DigestWorkerArgs),
  clusterFanout: (args) => fanoutWorker(args as unknown as FanoutWorkerArgs),
};

const [task, json] = process.argv.slice(2);
const run = TASKS[task ?? ''];
if (!run) {
  console.error(`unknown task ${task}; one of ${Object.keys(TASKS).join(', ')}`);
  process.exit(2);
}
const result = await run(JSON.parse(json ?? '{}') as TaskArgs);
console.log(JSON.stringify(result));
