import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { idempotencyKeysTable, Tx } from '@opsgraph/db';
import { UserErrors } from './errors';

type KeysTable = ReturnType<typeof idempotencyKeysTable>;

/** A stable hash of the request, so the same input always hashes the same whatever the key order. */
export function requestHash(operation: string, input: unknown): string {
  const stable = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([key, v]) => key !== 'idempotencyKey' && v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, v]) => [key, stable(v)]),
        )
      : Array.isArray(value)
        ? value.map(stable)
        : value;
  return createHash('sha256').update(operation).update(JSON.stringify(stable(input))).digest('hex');
}

/**
 * Runs `effect` at most once per idempotency key, inside the caller's transaction.
 * The key row is claimed first: a concurrent retry blocks on it until the first commits, then replays its
 * result. A refused request rolls back with the transaction and leaves the key unused.
 */
export async function once<T>(
  tx: Tx,
  table: KeysTable,
  key: string,
  operation: string,
  input: unknown,
  effect: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const previous = await claim(tx, table, key, operation, input, {});
  if (previous) return { result: previous.result as T, replayed: true };
  const result = await effect();
  await tx.update(table).set({ result }).where(eq(table.key, key));
  return { result, replayed: false };
}

/**
 * `once` for an effect whose result is known before it runs (the caller runs the effect after the claim, in the
 * same transaction): the claim row carries the result, which saves the second write. Same guarantees: a
 * concurrent retry blocks on the key and then replays; a refusal rolls the claim back with the transaction.
 */
export async function claimOnce<T>(
  tx: Tx,
  table: KeysTable,
  key: string,
  operation: string,
  input: unknown,
  result: T,
): Promise<{ result: T; replayed: boolean }> {
  const previous = await claim(tx, table, key, operation, input, result);
  return previous ? { result: previous.result as T, replayed: true } : { result, replayed: false };
}

/** Claims the key with `result`; null when claimed now, else the earlier claim (made with the same request). */
async function claim(tx: Tx, table: KeysTable, key: string, operation: string, input: unknown, result: unknown): Promise<{ result: unknown } | null> {
  if (!key.trim() || key.length > 200) {
    throw UserErrors.of(['input', 'idempotencyKey'], 'INVALID_IDEMPOTENCY_KEY', 'Idempotency key must be 1 to 200 characters.');
  }
  const hash = requestHash(operation, input);
  const claimed = await tx.insert(table).values({ key, operation, requestHash: hash, result }).onConflictDoNothing().returning({ key: table.key });
  if (claimed.length > 0) return null;
  const [previous] = await tx.select().from(table).where(eq(table.key, key));
  if (!previous || previous.requestHash !== hash) {
    throw UserErrors.of(
      ['input', 'idempotencyKey'],
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used with a different request.',
    );
  }
  return { result: previous.result };
}
