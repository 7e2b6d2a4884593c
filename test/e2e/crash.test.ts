/**
 * Crash safety (issue 6): `paperboy start` children deliver the due digests of 50 Discord channels to the loopback
 * fake Discord and are SIGKILLed at seeded random points — half right after the platform accepted a post and
 * before the bot saw the answer (posted, not recorded), half at a random time over a whole run (start-up,
 * login, claiming, building, posting, recording) — then restarted. After each day's chain of kills a last
 * restart runs to the end, and every channel must have exactly one message for that slot, the one recorded.
 *
 * Restarts move the child's clock (PAPERBOY_CLOCK_START) 11 minutes on, past the 10-minute delivery lease, so a
 * slot a killed child claimed is retried (after reconciling by marker); the proxy strips Discord's nonce, so only
 * that reconciliation stands between a crash and a duplicate.
 *
 * The cluster lane (issue 13) does the same with three processes on one PostgreSQL database, Discord and Slack
 * (see CLUSTER below). It runs beside the SQLite lanes (describe.concurrent): their processes leave a core idle
 * much of the time, and the cluster's start-ups fill it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  audit,
  clusterAudit,
  clusterPostedCount,
  createClusterLane,
  createLane,
  postedCount,
  spawnBot,
  spawnClusterMember,
  tickEnded,
  type BotRun,
  type ClusterLane,
  type Lane,
} from './crash-lane.ts';
import { seededRandom } from '../../bench/rng.ts';

const CHANNELS = 50;
const LANES = 2;
const DAYS_PER_LANE = 3;
const KILLS_PER_DAY = 5;
const MIN = 60_000;

/** Days in November 2025 (Berlin is UTC+1: 09:00 local = 08:00Z), one per lane-day. */
const DAYS = ['2025-11-10', '2025-11-11', '2025-11-12'];

type KillPlan = { seed: number; kind: 'accepted'; post: number } | { seed: number; kind: 'time'; ms: number };

interface Stats {
  seeds: KillPlan[];
  killedAfterAccept: number;
  killedByTime: number;
  runs: number;
  runMs: number[];
  /** Slots a restart found already posted (by marker) and recorded instead of posting again. */
  reconciled: number;
}

/** Runs one child until the kill (or, with no plan, until every slot is posted, then SIGTERM → exit 0). */
async function runOnce(lane: Lane, slotKey: string, clockStart: Date, plan: KillPlan | null, stats: Stats): Promise<void> {
  const started = Date.now();
  const bot = spawnBot(lane, clockStart);
  stats.runs += 1;
  let accepted = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    bot.child.kill('SIGKILL');
  };
  lane.proxy.onAccepted = () => {
    accepted += 1;
    if (plan?.kind !== 'accepted' || accepted !== plan.post) return false;
    kill();
    stats.killedAfterAccept += 1;
    return true;
  };
  const timer = plan?.kind === 'time' ? setTimeout(() => (kill(), (stats.killedByTime += 1)), plan.ms) : undefined;
  // Poll the database (read-only, beside the bot) until the day is done; a kill plan that never fired ends here.
  const deadline = started + 30_000;
  let exited = false;
  void bot.exited.then(() => (exited = true));
  while (!exited && Date.now() < deadline) {
    // A last run is stopped with SIGTERM only once it runs (before that, SIGTERM is not yet ours to handle).
    if (postedCount(lane, slotKey) === CHANNELS && (plan !== null || bot.stderr().includes('"paperboy started"'))) {
      if (plan) kill();
      else bot.child.kill('SIGTERM');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  clearTimeout(timer);
  const exit = await bot.exited;
  lane.proxy.onAccepted = () => false;
  stats.reconciled += bot.stderr().split('found the earlier post of this slot; recorded it').length - 1;
  if (!plan) {
    stats.runMs.push(Date.now() - started);
    expect(exit, `clean exit after delivering ${slotKey}\n${bot.stderr().slice(-3000)}`).toEqual({ code: 0, signal: null });
  } else if (!killed) {
    throw new Error(`seed ${plan.seed}: the bot exited on its own (${JSON.stringify(exit)})\n${bot.stderr().slice(-3000)}`);
  }
}

/**
 * The cluster lane (issue 13): three `paperboy start` processes on one PostgreSQL database serve 100 Discord and 50
 * Slack channels due in the same minute. Each round starts all three with the same clock; a seeded plan SIGKILLs
 * the whole cluster right after an accepted post, or the one process that made the Nth accepted post (its answer
 * withheld), or 1–3 random processes at a random moment; the others finish their start-up tick and stop cleanly.
 * The next round starts the cluster again 11 minutes later on the clock, past the delivery lease, so the killed
 * processes' claims are re-claimed (reconciled by marker: Discord footer, Slack metadata) by whichever process
 * gets them first. All three must share one clock: a process whose clock ran ahead would see a live process's fresh
 * claim as expired, which no real deployment with synchronized clocks does.
 */
const CLUSTER = { instances: ['pb-1', 'pb-2', 'pb-3'], discord: 100, slack: 50 };
/** Monday to Wednesday (Berlin UTC+1: 09:00 local = 08:00Z): one slot per day, each with its own rounds. */
const CLUSTER_DAYS = ['2025-11-17', '2025-11-18', '2025-11-19'];
/**
 * The kill rounds of a day, then a last round without a kill: 21 rounds over the three days. A single-process kill
 * leaves little work (the other two post the rest in their own start-up tick), so the kills that need posts still
 * to make come first: twice the whole cluster right after an accepted post, then the one process that made an
 * accepted post; then the whole cluster at a random moment (a power cut) and twice 1–3 random processes at random
 * moments, which meet start-up, the reconciliation of the earlier kills' slots, or an idle cluster. Seeds are
 * 5000 + 10 × day + round; a plan that needs posts falls back to a random-time kill when too few are left.
 */
const CLUSTER_ROUNDS = ['cluster', 'cluster', 'accepted', 'power-cut', 'time', 'time'] as const;

type ClusterPlan =
  { seed: number; kind: 'cluster' | 'accepted'; post: number } | { seed: number; kind: 'time'; ms: number; victims: number[] };

interface ClusterStats {
  seeds: ClusterPlan[];
  rounds: number;
  /** Processes SIGKILLed right after an accepted post: the poster, or the whole cluster. */
  killedAfterAccept: number;
  clusterKills: number;
  killedByTime: number;
  runs: number;
  /** Spawn to the last surviving process's start-up tick end, per round that left one alive. */
  roundMs: number[];
  reconciled: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One round: the cluster started at `clockStart`, `plan` carried out (none: a last round that must post everything). */
async function runClusterRound(lane: ClusterLane, slotKey: string, clockStart: Date, plan: ClusterPlan | null, stats: ClusterStats) {
  const started = Date.now();
  const runs: BotRun[] = lane.members.map((member) => spawnClusterMember(lane, member, clockStart));
  stats.runs += runs.length;
  stats.rounds += 1;
  const exited = runs.map(() => false);
  runs.forEach((run, i) => void run.exited.then(() => (exited[i] = true)));
  const killed = new Set<number>();
  const kill = (i: number) => {
    if (killed.has(i)) return;
    killed.add(i);
    runs[i]?.child.kill('SIGKILL');
  };
  let fired = plan === null;
  let accepted = 0;
  lane.members.forEach((member, i) => {
    const onAccepted = () => {
      accepted += 1;
      if (fired || plan === null || plan.kind === 'time' || accepted !== plan.post) return false;
      fired = true;
      kill(i);
      if (plan.kind === 'cluster') {
        runs.forEach((_, j) => kill(j));
        stats.clusterKills += 1;
      }
      stats.killedAfterAccept += plan.kind === 'cluster' ? runs.length : 1;
      return true;
    };
    member.discordProxy.onAccepted = onAccepted;
    member.slackProxy.onAccepted = onAccepted;
  });
  const timer =
    plan?.kind === 'time'
      ? setTimeout(() => {
          fired = true;
          for (const victim of plan.victims) kill(victim);
          stats.killedByTime += plan.victims.length;
        }, plan.ms)
      : undefined;
  const tail = () => runs.map((run, i) => `--- ${lane.members[i]?.instance}\n${run.stderr().slice(-2500)}`).join('\n');
  try {
    // Until the plan fired and every process left alive ended its start-up tick (no process exits on its own).
    const deadline = started + 45_000;
    for (;;) {
      const alive = runs.filter((_, i) => !killed.has(i));
      if (runs.some((_, i) => exited[i] && !killed.has(i)))
        throw new Error(`round ${plan?.seed ?? 'last'}: a process exited on its own\n${tail()}`);
      if (fired && alive.every((run) => tickEnded(run))) break;
      if (Date.now() > deadline) throw new Error(`round ${plan?.seed ?? 'last'}: timed out (fired: ${fired})\n${tail()}`);
      await sleep(40);
    }
    // How long start-up ticks take, for the time kills' window (a round that killed every process measures nothing).
    if (killed.size < runs.length) stats.roundMs.push(Date.now() - started);
    runs.forEach((run, i) => killed.has(i) || run.child.kill('SIGTERM'));
    const exits = await Promise.all(runs.map((run) => run.exited));
    exits.forEach((exit, i) => {
      if (!killed.has(i))
        expect(exit, `${lane.members[i]?.instance} stops cleanly after its tick\n${tail()}`).toEqual({ code: 0, signal: null });
    });
  } finally {
    clearTimeout(timer);
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await Promise.all(runs.map((run) => run.exited));
    for (const member of lane.members) {
      member.discordProxy.onAccepted = () => false;
      member.slackProxy.onAccepted = () => false;
    }
  }
  for (const run of runs) stats.reconciled += run.stderr().split('found the earlier post of this slot; recorded it').length - 1;
  if (plan === null) {
    const posted = await clusterPostedCount(lane, slotKey);
    expect(posted, `every channel posted ${slotKey} after the last round\n${tail()}`).toBe(lane.channels.length);
  }
}

/** The seeded plan of kill round `round` of a day, given how many of its channels are still to post. */
function clusterPlan(seed: number, round: number, remaining: number, typicalMs: number): ClusterPlan {
  const random = seededRandom(seed);
  const kind = CLUSTER_ROUNDS[round];
  // A kill at the Nth accepted post needs N posts: leave room for slots that are only reconciled, not posted again
  // (up to 3 × 8 were in flight at the last kill).
  const room = remaining - 3 * 8;
  if (kind === 'cluster' && room >= 1) return { seed, kind, post: 1 + Math.floor(random() * Math.min(10, room)) };
  if (kind === 'accepted' && room >= 1) return { seed, kind, post: 1 + Math.floor(random() * Math.min(30, room)) };
  const ms = Math.floor(random() * typicalMs);
  if (kind === 'power-cut') return { seed, kind: 'time', ms, victims: [0, 1, 2] };
  const order = [0, 1, 2].sort(() => random() - 0.5);
  return { seed, kind: 'time', ms, victims: order.slice(0, 1 + Math.floor(random() * 3)) };
}

/** Per channel, the slot's messages on the platform and the id the database recorded: exactly one, and that one. */
function expectExactlyOnce(rows: ReadonlyArray<{ messages: readonly string[]; recorded: string | null }>, day: string): void {
  expect(
    rows.filter((r) => r.messages.length > 1),
    `duplicates on ${day}`,
  ).toEqual([]);
  expect(
    rows.filter((r) => r.messages.length === 0),
    `missing on ${day}`,
  ).toEqual([]);
  expect(
    rows.filter((r) => r.recorded !== r.messages[0]),
    `recorded ≠ posted on ${day}`,
  ).toEqual([]);
}

const lanes: Lane[] = [];
const clusterLanes: ClusterLane[] = [];
afterAll(async () => {
  await Promise.all([...lanes, ...clusterLanes].map((lane) => lane.close()));
});

describe.concurrent('crash safety: SIGKILL at random points, restart, exactly one digest per channel and slot', () => {
  it(`GIVEN ${LANES * DAYS_PER_LANE * KILLS_PER_DAY} seeded kills over ${LANES} lanes of ${CHANNELS} channels THEN zero duplicates and zero missing`, async () => {
    const stats: Stats = { seeds: [], killedAfterAccept: 0, killedByTime: 0, runs: 0, runMs: [], reconciled: 0 };
    const papersAt = DAYS.map((day) => new Date(`${day}T00:00:00Z`));
    for (let i = 0; i < LANES; i++) lanes.push(await createLane(CHANNELS, new Date('2025-11-09T12:00:00Z'), papersAt));

    await Promise.all(
      lanes.map(async (lane, laneIndex) => {
        for (const [dayIndex, day] of DAYS.slice(0, DAYS_PER_LANE).entries()) {
          const due = new Date(`${day}T08:00:00Z`);
          for (let k = 0; k <= KILLS_PER_DAY; k++) {
            const clockStart = new Date(due.getTime() + (1 + 11 * k) * MIN);
            if (k === KILLS_PER_DAY) {
              await runOnce(lane, day, clockStart, null, stats);
              break;
            }
            const seed = 1000 * laneIndex + 10 * dayIndex + k;
            const random = seededRandom(seed);
            const remaining = CHANNELS - postedCount(lane, day);
            const typical = stats.runMs.length > 0 ? Math.max(...stats.runMs) : 3_000;
            const plan: KillPlan =
              seed % 2 === 0 && remaining > 0
                ? { seed, kind: 'accepted', post: 1 + Math.floor(random() * Math.ceil(remaining / (2 * (KILLS_PER_DAY - k)))) }
                : { seed, kind: 'time', ms: Math.floor(random() * typical) };
            stats.seeds.push(plan);
            await runOnce(lane, day, clockStart, plan, stats);
          }
          expectExactlyOnce(audit(lane, day), day);
          expect(lane.discord.violations).toEqual([]);
        }
      }),
    );

    expect(stats.seeds.length).toBeGreaterThanOrEqual(30);
    expect(stats.killedAfterAccept).toBeGreaterThanOrEqual(10);
    // Every kill right after an accepted post left at least that post unrecorded: a restart must have found it.
    expect(stats.reconciled).toBeGreaterThanOrEqual(stats.killedAfterAccept);
    console.info(
      `crash test: ${stats.seeds.length} seeds (${stats.killedAfterAccept} kills right after an accepted post, ${stats.killedByTime} at random times), ` +
        `${stats.runs} bot runs, ${stats.reconciled} posts found by marker after a crash, ${LANES * DAYS_PER_LANE * CHANNELS} channel-slots audited; full runs took ${stats.runMs.join('/')} ms`,
    );
  }, 240_000);
  it(`GIVEN 3 processes on one PostgreSQL database, ${CLUSTER.discord} Discord and ${CLUSTER.slack} Slack channels due in one minute, killed over ${CLUSTER_DAYS.length * (CLUSTER_ROUNDS.length + 1)} rounds THEN exactly one message per channel and slot, and more than one process posted`, async () => {
    const stats: ClusterStats = {
      seeds: [],
      rounds: 0,
      killedAfterAccept: 0,
      clusterKills: 0,
      killedByTime: 0,
      runs: 0,
      roundMs: [],
      reconciled: 0,
    };
    const started = Date.now();
    const lane = await createClusterLane({
      instances: CLUSTER.instances,
      discordCount: CLUSTER.discord,
      slackCount: CLUSTER.slack,
      createdAt: new Date('2025-11-16T12:00:00Z'),
      papersAt: CLUSTER_DAYS.map((day) => new Date(`${day}T00:00:00Z`)),
    });
    clusterLanes.push(lane);
    for (const [dayIndex, day] of CLUSTER_DAYS.entries()) {
      const due = new Date(`${day}T08:00:00Z`);
      for (let k = 0; k <= CLUSTER_ROUNDS.length; k++) {
        const clockStart = new Date(due.getTime() + (1 + 11 * k) * MIN);
        if (k === CLUSTER_ROUNDS.length) {
          await runClusterRound(lane, day, clockStart, null, stats);
          break;
        }
        const remaining = lane.channels.length - (await clusterPostedCount(lane, day));
        // How long a round's start-up ticks take (the median: one slow round must not push kills past the work).
        const sorted = [...stats.roundMs].sort((a, b) => a - b);
        const typical = sorted[Math.floor(sorted.length / 2)] ?? 4_000;
        const plan = clusterPlan(5000 + 10 * dayIndex + k, k, remaining, typical);
        stats.seeds.push(plan);
        await runClusterRound(lane, day, clockStart, plan, stats);
      }
      expectExactlyOnce(await clusterAudit(lane, day), day);
      expect(lane.discord.violations).toEqual([]);
    }

    // Every post the fakes hold went through exactly one process's proxy, so the proxies' counts are who posted.
    const postedBy = lane.members.map((m) => ({ instance: m.instance, posts: m.discordProxy.accepted + m.slackProxy.accepted }));
    const held =
      lane.channels.filter((c) => c.platform === 'discord').reduce((n, c) => n + lane.discord.messages(c.channelId).length, 0) +
      lane.slack.workspace.messages.length;
    expect(postedBy.reduce((n, p) => n + p.posts, 0)).toBe(held);
    expect(held).toBe(CLUSTER_DAYS.length * lane.channels.length);
    expect(postedBy.filter((p) => p.posts > 0).length, JSON.stringify(postedBy)).toBeGreaterThanOrEqual(2);

    const kills = stats.killedAfterAccept + stats.killedByTime;
    expect(stats.rounds).toBeGreaterThanOrEqual(20);
    expect(stats.seeds.length).toBe(CLUSTER_DAYS.length * CLUSTER_ROUNDS.length);
    expect(stats.clusterKills).toBeGreaterThanOrEqual(CLUSTER_DAYS.length);
    expect(stats.killedAfterAccept).toBeGreaterThanOrEqual(kills / 2);
    // Every kill right after an accepted post left that post unrecorded: a later round must have found it.
    expect(stats.reconciled).toBeGreaterThanOrEqual(stats.seeds.filter((p) => p.kind !== 'time').length);
    console.info(
      `crash test, cluster lane: ${stats.rounds} rounds, ${stats.seeds.length} seeded kills of ${kills} processes (${stats.killedAfterAccept} right after an accepted post, ` +
        `${stats.clusterKills} of the whole cluster; ${stats.killedByTime} at random times), ${stats.runs} process runs, ${stats.reconciled} posts found by marker, ` +
        `${CLUSTER_DAYS.length * lane.channels.length} channel-slots audited; posts per process ${postedBy.map((p) => `${p.instance}=${p.posts}`).join(' ')}; ` +
        `rounds took ${stats.roundMs.join('/')} ms; lane ${Date.now() - started} ms`,
    );
  }, 300_000);
});
