/** The time source; injected everywhere so tests and the demo can set it. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` of this clock's time (a fake clock advances instantly). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock fixed at `start` whose sleeps advance it at once; for tests and the demo. */
export function createFixedClock(start: Date): Clock & { advance(ms: number): void; slept: number[] } {
  let current = start.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    async sleep(ms) {
      slept.push(ms);
      current += ms;
    },
  };
}

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
