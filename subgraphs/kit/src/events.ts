import type { DomainEvent } from './outbox';
import type { StoredEvent } from './consumer';

/** A domain's event catalogue: event type -> payload shape. Payloads are plain JSON (type aliases, not interfaces). */
export type EventMap = Record<string, Record<string, unknown>>;

/** One event of a catalogue, typed by its `type`. */
export type EventOf<M extends EventMap, T extends keyof M & string = keyof M & string> = {
  [K in T]: Omit<DomainEvent, 'type' | 'payload'> & { type: K; payload: M[K] };
}[T];

/**
 * The one place a domain declares its events: which entity each type is about, and (through `M`) the shape of
 * its payload. Producers build events with `of`, consumers and subscriptions narrow stored ones with `is`.
 */
export function defineEvents<M extends EventMap>(entityTypes: { [K in keyof M & string]: string }) {
  return {
    types: Object.keys(entityTypes) as (keyof M & string)[],
    entityTypeOf: <T extends keyof M & string>(type: T): string => entityTypes[type],
    /** An outbox row for `type`; `occurredAt` defaults to the writing transaction's now(). */
    of<T extends keyof M & string>(type: T, entityId: string, payload: M[T], occurredAt?: Date): EventOf<M, T> {
      return { entityType: entityTypes[type], entityId, type, payload, ...(occurredAt ? { occurredAt } : {}) } as EventOf<M, T>;
    },
    /** Narrows a stored outbox row to one type of this catalogue, or to any of several. */
    is<T extends keyof M & string>(stored: StoredEvent, type: T | readonly T[]): stored is StoredEvent & { type: T; payload: M[T] } {
      return typeof type === 'string' ? stored.type === type : type.includes(stored.type as T);
    },
  };
}
