/** A pure minute-by-minute simulation of the schedule, as the tick drives it, for the schedule tests. */
import { planSlots, type Schedule, type SkipReason } from '../../../src/core/schedule/slots.ts';

const MINUTE = 60_000;

/** What a simulated run did. */
export interface SimResult {
  posts: Array<{ slotKey: string; at: string }>;
  skips: Array<{ slotKey: string; at: string; reason: SkipReason }>;
}

/**
 * Ticks every minute (or `stepMinutes`) from `from` to `to` (inclusive), except inside `down` windows (the bot is not running),
 * posting and skipping what `planSlots` says; done slots feed back as `lastDoneKey` like the store would.
 */
export function simulate(
  schedule: Schedule,
  from: string,
  to: string,
  options: {
    catchupHours?: number;
    down?: Array<[string, string]>;
    lastDoneKey?: string | null;
    notBefore?: string;
    stepMinutes?: number;
  } = {},
): SimResult {
  const result: SimResult = { posts: [], skips: [] };
  const down = (options.down ?? []).map(([a, b]) => [Date.parse(a), Date.parse(b)] as const);
  let lastDoneKey = options.lastDoneKey ?? null;
  for (let t = Date.parse(from); t <= Date.parse(to); t += (options.stepMinutes ?? 1) * MINUTE) {
    if (down.some(([a, b]) => t >= a && t < b)) continue;
    const now = new Date(t);
    const plan = planSlots(schedule, now, {
      catchupMs: (options.catchupHours ?? 12) * 3_600_000,
      lastDoneKey,
      notBefore: options.notBefore ? new Date(options.notBefore) : null,
    });
    for (const skip of plan.skip) {
      result.skips.push({ slotKey: skip.slotKey, at: now.toISOString(), reason: skip.reason });
      lastDoneKey = skip.slotKey;
    }
    if (plan.post) {
      result.posts.push({ slotKey: plan.post.slotKey, at: now.toISOString() });
      lastDoneKey = plan.post.slotKey;
    }
  }
  return result;
}
