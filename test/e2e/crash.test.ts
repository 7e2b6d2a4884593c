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
 */
import { afterAll, describe, expect, it } from 'vitest';
import { audit, createLane, postedCount, spawnBot, type Lane } from './crash-lane.ts';
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

const lanes: Lane[] = [];
afterAll(async () => {
  await Promise.all(lanes.map((lane) => lane.close()));
});

describe('crash safety: SIGKILL at random points, restart, exactly one digest per channel and slot', () => {
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
          const rows = audit(lane, day);
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
});
