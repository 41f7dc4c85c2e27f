import { signalCommitted, UserErrors, type DomainEvent } from '@opsgraph/kit';
import type { OrdersDeps } from './deps';
import { notFound } from './actions';
import * as repo from './repo';
import { assignException as assign, breachException, resolveException as resolve } from './workflow';

/** The exception queue's mutations and the SLA watch. The rules are workflow.ts's; this writes what they return. */

const required = (value: string, field: string, what: string) => {
  const trimmed = value.trim();
  if (!trimmed) throw UserErrors.of(['input', field], 'REQUIRED', `${what} is required.`);
  if (trimmed.length > 500) throw UserErrors.of(['input', field], 'TOO_LONG', `${what} must be at most 500 characters.`);
  return trimmed;
};

async function changeException(
  deps: OrdersDeps,
  id: string,
  change: (exception: repo.ExceptionRow, at: Date) => { patch: Partial<repo.ExceptionRow>; event: DomainEvent; exception: repo.ExceptionRow },
): Promise<repo.ExceptionRow> {
  const at = deps.clock();
  const changed = await deps.db.transaction(async (tx) => {
    const exception = await repo.lockException(tx, id);
    if (!exception) throw notFound('Exception', id);
    const { patch, event, exception: after } = change(exception, at);
    await repo.updateException(tx, id, patch);
    await repo.writeChanges(tx, { transitions: [], opened: [], resolved: [], events: [event] });
    return after;
  });
  signalCommitted('orders');
  return changed;
}

export function assignException(deps: OrdersDeps, input: { exceptionId: string; assignee: string }, actor: string) {
  const assignee = required(input.assignee, 'assignee', 'Assignee');
  return changeException(deps, input.exceptionId, (exception, at) => assign(exception, assignee, actor, at));
}

export function resolveException(deps: OrdersDeps, input: { exceptionId: string; resolution: string }, actor: string) {
  const resolution = required(input.resolution, 'resolution', 'Resolution');
  return changeException(deps, input.exceptionId, (exception, at) => resolve(exception, resolution, actor, at));
}

/**
 * Raises an SLA breach for every open exception whose due time has passed: marks it breached and opens an
 * SLA_BREACH exception on its order. The conditional update (`breached_at is null`) lets only one replica
 * raise each, and running it at start catches up on what passed while nothing ran. Returns how many it raised.
 */
export async function raiseSlaBreaches(deps: OrdersDeps, options: { limit?: number } = {}): Promise<number> {
  const now = deps.clock();
  const due = await repo.dueExceptionIds(deps.db, now, options.limit ?? 500);
  if (due.length === 0) return 0;
  const { causes } = await deps.settings();
  const raised = await deps.db.transaction(async (tx) => {
    const breached = await repo.markBreached(
      tx,
      due.map((d) => d.id),
      now,
    );
    const opened: repo.ExceptionRow[] = [];
    const events: DomainEvent[] = [];
    for (const exception of breached) {
      const breach = breachException(exception, now, { causes, ids: deps.ids });
      if (breach.escalation) opened.push(breach.escalation);
      events.push(...breach.events);
    }
    await repo.writeChanges(tx, { transitions: [], opened, resolved: [], events });
    return breached.length;
  });
  if (raised > 0) signalCommitted('orders');
  return raised;
}
