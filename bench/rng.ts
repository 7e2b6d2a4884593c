/** Seeded randomness for the corpus generator: the same seed gives the same corpus on every machine. */

/** A uniform [0, 1) generator. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for synthetic text; 32-bit state, so seeds are 32-bit integers. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed derived from a base seed and a stream number, so each batch can be generated on its own. */
export function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws ranks 0..n-1 with probability ∝ 1 / (rank + 1)^s (Zipf), by binary search over the cumulative weights. */
export function zipfSampler(n: number, s = 1): (random: Random) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r += 1) {
    total += 1 / (r + 1) ** s;
    cumulative[r] = total;
  }
  return (random) => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** An integer in [min, max]. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A normal deviate (Box–Muller), for lengths that cluster around a mean. */
export function normal(random: Random, mean: number, sd: number): number {
  const u = Math.max(random(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Pareto deviate ≥ 1 with tail index `alpha`: most values small, a few huge (upvotes, stars). */
export function pareto(random: Random, alpha: number): number {
  return 1 / Math.max(1 - random(), 1e-12) ** (1 / alpha);
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}
