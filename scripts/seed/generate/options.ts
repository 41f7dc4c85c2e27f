/** What the caller can choose about the demo world, and the moment its history ends. */

export type SeedOptions = { products?: number; orders?: number; days?: number; seed?: number; end?: Date };
export type ResolvedSeedOptions = Required<SeedOptions>;

/** The numeric defaults; `end` defaults to now, so a first start shows current SLA ages and a current "today". */
export const defaultSeedOptions = { products: 300, orders: 1500, days: 90, seed: 42 } as const;

/** Now, to the whole minute: the same options within a minute give the same data. */
export function currentMinute(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000);
}

export function resolveSeedOptions(options: SeedOptions = {}): ResolvedSeedOptions {
  const resolved: ResolvedSeedOptions = { ...defaultSeedOptions, end: options.end ?? currentMinute() };
  for (const key of Object.keys(defaultSeedOptions) as (keyof typeof defaultSeedOptions)[]) {
    if (options[key] !== undefined) resolved[key] = options[key];
  }
  const checks: [keyof typeof defaultSeedOptions, number][] = [
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
  if (!(resolved.end instanceof Date) || Number.isNaN(resolved.end.getTime())) {
    throw new RangeError('seed option "end" must be a valid date');
  }
  return resolved;
}
