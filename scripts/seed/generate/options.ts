/** What the caller can choose about the demo world, and the fixed moment its history ends. */

export type SeedOptions = { products?: number; orders?: number; days?: number; seed?: number };
export type ResolvedSeedOptions = Required<SeedOptions>;

export const defaultSeedOptions: ResolvedSeedOptions = { products: 300, orders: 1500, days: 90, seed: 42 };

/** The demo's "now": history ends here. Fixed, so the data is the same whenever it is generated. */
export const SEED_EPOCH = new Date('2026-11-01T00:00:00Z');

export function resolveSeedOptions(options: SeedOptions = {}): ResolvedSeedOptions {
  const resolved = { ...defaultSeedOptions };
  for (const key of Object.keys(defaultSeedOptions) as (keyof ResolvedSeedOptions)[]) {
    if (options[key] !== undefined) resolved[key] = options[key];
  }
  const checks: [keyof ResolvedSeedOptions, number][] = [
    ['products', 1],
    ['orders', 0],
    ['days', 1],
    ['seed', 0],
  ];
  for (const [name, min] of checks) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < min) {
      throw new RangeError(`seed option "${name}" must be a whole number of at least ${min}, got ${String(value)}`);
    }
  }
  if (resolved.products > 99_999) throw new RangeError('seed option "products" must be at most 99999');
  if (resolved.orders > 899_999) throw new RangeError('seed option "orders" must be at most 899999');
  if (resolved.days > 3650) throw new RangeError('seed option "days" must be at most 3650');
  return resolved;
}
