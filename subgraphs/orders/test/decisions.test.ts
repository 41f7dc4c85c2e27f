import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import {
  allocateOrBackorder,
  decideCapture,
  holdCauses,
  openExceptionsOf,
  OrderChanges,
  reviewCauses,
  type StockState,
} from '../src/decisions';
import * as repo from '../src/repo';
import { parseRules, type DecisionRule, type OrderFacts } from '../src/rules';
import type { ExceptionCauses, ExceptionRow } from '../src/workflow';

// The default rules and causes exactly as migrations install them.
let rules: DecisionRule[];
let causes: ExceptionCauses;
const database = await createTestDb();
beforeAll(async () => {
  rules = parseRules(await repo.decisionRuleRows(database.db));
  causes = new Map((await repo.exceptionCauseRows(database.db)).map((c) => [c.cause, c.slaMinutes]));
});
afterAll(() => database.close());

const at = new Date('2026-03-01T10:00:00Z');
let n = 0;
const ids = (prefix: string) => `${prefix}_${++n}`;

const facts = (patch: Partial<OrderFacts> = {}): OrderFacts => ({
  channelCode: 'WEB',
  totalMinor: 4000,
  riskSignals: [],
  repeatCustomer: false,
  shipTo: { country: 'US', postalCode: '10001' },
  ...patch,
});
const reserved: StockState = { kind: 'reserved', reason: 'Allocated from WH-EAST' };
const short: StockState = { kind: 'short' };

function capture(f: OrderFacts, stock: StockState = reserved) {
  const changes = new OrderChanges({ id: 'ord_1', number: 'SO-1', channelCode: f.channelCode, status: null }, { at, causes, ids });
  decideCapture(changes, { actor: 'partner:web', facts: f, rules, stock });
  return {
    path: changes.transitions.map((t) => `${t.toStatus}${t.rule ? ` (${t.rule})` : ''}`),
    actors: changes.transitions.map((t) => t.actor),
    opened: changes.opened.map((e) => e.cause),
    events: changes.events.map((e) => e.type),
    changes,
  };
}

describe('capture decisions on the default rules', () => {
  it('allocates an ordinary first order and leaves it for a person to release', () => {
    const { path, actors, opened } = capture(facts());
    expect(path).toEqual(['CAPTURED', 'ALLOCATED']);
    expect(actors).toEqual(['partner:web', 'system']);
    expect(opened).toEqual([]);
  });

  it('releases a repeat customer without risk signals automatically, recording the rule', () => {
    expect(capture(facts({ repeatCustomer: true })).path).toEqual(['CAPTURED', 'ALLOCATED', 'RELEASED (REPEAT_LOW_RISK)']);
  });

  it('sends high value with a risk signal to review, even for a repeat customer', () => {
    const { path, opened } = capture(facts({ totalMinor: 25_000, riskSignals: ['AVS_MISMATCH'], repeatCustomer: true }));
    expect(path).toEqual(['CAPTURED', 'RISK_REVIEW (HIGH_VALUE_RISK)']);
    expect(opened).toEqual(['RISK_REVIEW']);
  });

  it('sends a risk signal on a first order to review, and lets one on a repeat low-value order through unreleased', () => {
    expect(capture(facts({ riskSignals: ['NEW_DEVICE'] })).path).toEqual(['CAPTURED', 'RISK_REVIEW (NEW_CUSTOMER_RISK)']);
    expect(capture(facts({ riskSignals: ['NEW_DEVICE'], repeatCustomer: true })).path).toEqual(['CAPTURED', 'ALLOCATED']);
  });

  it('holds an address the rules cannot accept, opening ADDRESS_INVALID', () => {
    const abroad = capture(facts({ shipTo: { country: 'DE', postalCode: '10115' } }));
    expect(abroad.path).toEqual(['CAPTURED', 'ON_HOLD (UNSERVED_COUNTRY)']);
    expect(abroad.opened).toEqual(['ADDRESS_INVALID']);
    expect(capture(facts({ shipTo: { country: 'US', postalCode: 'ABCDE' } })).path).toEqual(['CAPTURED', 'ON_HOLD (INVALID_POSTAL_CODE)']);
    expect(capture(facts({ shipTo: { country: 'CA', postalCode: 'K1A 0B1' } })).path).toEqual(['CAPTURED', 'ALLOCATED']);
  });

  it('takes the lowest-ranked gate when several match', () => {
    const both = capture(facts({ riskSignals: ['AVS_MISMATCH'], shipTo: { country: 'DE', postalCode: '1' } }));
    expect(both.path).toEqual(['CAPTURED', 'RISK_REVIEW (NEW_CUSTOMER_RISK)']);
  });

  it('backorders an order the nodes cannot fill, with a BACKORDER exception due in its SLA', () => {
    const { path, opened, changes } = capture(facts(), short);
    expect(path).toEqual(['CAPTURED', 'BACKORDERED']);
    expect(opened).toEqual(['BACKORDER']);
    expect(changes.opened[0]!.slaDueAt.getTime() - at.getTime()).toBe(causes.get('BACKORDER')! * 60_000);
  });

  it('still gates a short order: review comes before stock', () => {
    expect(capture(facts({ riskSignals: ['AVS_MISMATCH'] }), short).path).toEqual(['CAPTURED', 'RISK_REVIEW (NEW_CUSTOMER_RISK)']);
  });

  it('announces every change as an event, in order', () => {
    expect(capture(facts({ repeatCustomer: true })).events).toEqual(['OrderStatusChanged', 'OrderStatusChanged', 'OrderStatusChanged']);
    expect(capture(facts(), short).events).toEqual(['OrderStatusChanged', 'OrderStatusChanged', 'ExceptionOpened']);
  });

  it('ignores a disabled rule', () => {
    const withoutRepeat = rules.map((r) => (r.code === 'REPEAT_LOW_RISK' ? { ...r, enabled: false } : r));
    const changes = new OrderChanges({ id: 'o', number: 'SO-2', channelCode: 'WEB', status: null }, { at, causes, ids });
    decideCapture(changes, { actor: 'api', facts: facts({ repeatCustomer: true }), rules: withoutRepeat, stock: reserved });
    expect(changes.status).toBe('ALLOCATED');
  });
});

describe('after review', () => {
  it('allocates an approved order with the approver as actor, then applies auto-release', () => {
    const changes = new OrderChanges({ id: 'o', number: 'SO-3', channelCode: 'WEB', status: 'RISK_REVIEW' }, { at, causes, ids });
    allocateOrBackorder(changes, { actor: 'ops:ana', reason: 'Verified by phone', facts: facts({ repeatCustomer: true }), rules, stock: reserved });
    expect(changes.transitions.map((t) => [t.fromStatus, t.toStatus, t.actor, t.reason])).toEqual([
      ['RISK_REVIEW', 'ALLOCATED', 'ops:ana', 'Verified by phone; allocated from WH-EAST'],
      ['ALLOCATED', 'RELEASED', 'system', expect.stringContaining('Repeat customer')],
    ]);
  });

  it('knows which exceptions an approval or a lifted hold settles, with the breaches raised on them', () => {
    expect([...reviewCauses(rules)]).toEqual(['RISK_REVIEW']);
    expect([...holdCauses(rules)].sort()).toEqual(['ADDRESS_INVALID', 'MANUAL_HOLD']);
    const open = (id: string, cause: string, sourceExceptionId: string | null = null, status: ExceptionRow['status'] = 'OPEN') =>
      ({ id, cause, status, sourceExceptionId }) as ExceptionRow;
    const exceptions = [
      open('e1', 'RISK_REVIEW'),
      open('e2', 'SLA_BREACH', 'e1'),
      open('e3', 'BACKORDER'),
      open('e4', 'SLA_BREACH', 'e3'),
      open('e5', 'RISK_REVIEW', null, 'RESOLVED'),
    ];
    expect(openExceptionsOf(exceptions, reviewCauses(rules)).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(openExceptionsOf(exceptions, null).map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });
});
