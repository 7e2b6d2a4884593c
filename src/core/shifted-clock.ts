/** A real-time clock that starts at a chosen instant: for child-process tests of `npm start` (PAPERBOY_CLOCK_START). */
import { systemClock, type Clock } from './clock.ts';

/** A clock reading `start` now and running at normal speed from there; sleeps are real. */
export function createShiftedClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return {
    now: () => new Date(realNow() + offset),
    sleep: systemClock.sleep,
  };
}
