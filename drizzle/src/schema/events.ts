import { bigint, bigserial, index, jsonb, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox every domain owns: one row per domain event, written in the same transaction
 * as the change it describes. `seq` orders events and is the cursor consumers and subscriptions resume from.
 */
export function eventsTable<S extends string>(schema: PgSchema<S>) {
  return schema.table(
    'events',
    {
      seq: bigserial('seq', { mode: 'number' }).primaryKey(),
      entityType: text('entity_type').notNull(),
      entityId: text('entity_id').notNull(),
      type: text('type').notNull(),
      payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
      occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    },
    (t) => [index().on(t.entityType, t.entityId, t.seq)],
  );
}

/** Where each consumer of another domain's outbox has got to. At-least-once: handlers must be idempotent. */
export function consumerCursorsTable<S extends string>(schema: PgSchema<S>) {
  return schema.table('consumer_cursors', {
    consumer: text('consumer').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  });
}

/** Results of idempotent mutations, so a retry with the same key returns the first result. */
export function idempotencyKeysTable<S extends string>(schema: PgSchema<S>) {
  return schema.table('idempotency_keys', {
    key: text('key').primaryKey(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    result: jsonb('result').notNull().$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  });
}
