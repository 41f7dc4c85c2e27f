import { createHash } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { executeRows, type idempotencyKeysTable, type Tx } from '@opsgraph/db';
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
  const { statement, hash } = claimStatement(table, key, operation, input, {});
  if ((await executeRows(tx, statement)).length === 0) return { result: (await earlierClaim(tx, table, key, hash)) as T, replayed: true };
  const result = await effect();
  await tx.update(table).set({ result }).where(eq(table.key, key));
  return { result, replayed: false };
}

/**
 * once's claim, with a result known up front, as a statement to put inside a bigger one (a CTE), so the claim and what follows it share
 * a round trip: an INSERT returning the key when claimed now, nothing when the key was claimed before. Then,
 * when it claimed nothing, `earlierClaim` replays.
 */
export function claimStatement(table: KeysTable, key: string, operation: string, input: unknown, result: unknown): { statement: SQL; hash: string } {
  if (!key.trim() || key.length > 200) {
    throw UserErrors.of(['input', 'idempotencyKey'], 'INVALID_IDEMPOTENCY_KEY', 'Idempotency key must be 1 to 200 characters.');
  }
  const hash = requestHash(operation, input);
  const column = (c: { name: string }) => sql.identifier(c.name);
  const statement = sql`insert into ${table} (${column(table.key)}, ${column(table.operation)}, ${column(table.requestHash)}, ${column(table.result)})
    values (${key}, ${operation}, ${hash}, ${JSON.stringify(result)}::jsonb) on conflict do nothing returning ${column(table.key)}`;
  return { statement, hash };
}

/** The result of the earlier claim of `key` (a claimStatement that claimed nothing), if made with the same request. */
export async function earlierClaim(tx: Tx, table: KeysTable, key: string, hash: string): Promise<unknown> {
  const [previous] = await tx.select().from(table).where(eq(table.key, key));
  if (!previous || previous.requestHash !== hash) {
    throw UserErrors.of(['input', 'idempotencyKey'], 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used with a different request.');
  }
  return previous.result;
}
