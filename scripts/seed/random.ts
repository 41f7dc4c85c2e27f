/**
 * A small seeded PRNG and the sampling helpers the generator needs. mulberry32: 32-bit state, fast, good
 * enough for demo data, and the same sequence on every platform for the same seed.
 */
export type Rng = ReturnType<typeof createRng>;

export function createRng(seed: number) {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  return {
    /** Uniform in [0, 1). */
    next,
    /** Integer in [min, max], both included. */
    int(min: number, max: number): number {
      return min + Math.floor(next() * (max - min + 1));
    },
    /** Uniform in [min, max). */
    between(min: number, max: number): number {
      return min + next() * (max - min);
    },
    chance(p: number): boolean {
      return next() < p;
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    /** One of `options`, each chosen in proportion to its weight. */
    weighted<T>(options: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of options) total += w;
      let r = next() * total;
      for (const [value, w] of options) {
        r -= w;
        if (r < 0) return value;
      }
      return options[options.length - 1]![0];
    },
    /** Fisher-Yates, in place. */
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    /** Exponentially distributed with the given mean (waiting times). */
    exponential(mean: number): number {
      return -Math.log(1 - next()) * mean;
    },
    digits(n: number): string {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(next() * 10);
      return s;
    },
    alnum(n: number): string {
      const alphabet = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
}

/** Precomputed cumulative weights: O(log n) draws from a large weighted list (product popularity). */
export function createSampler(weights: readonly number[]) {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  return (rng: Rng): number => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
