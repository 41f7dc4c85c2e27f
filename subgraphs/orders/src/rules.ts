import type { decisionRules } from '@opsgraph/db';

/**
 * Governance rules as data (orders.decision_rules): each row says when it applies (conditions, all of which
 * must hold) and what happens. This module is the only interpreter of those conditions.
 */

export type RuleConditions = {
  /** Order total at least this many minor units. */
  minTotalMinor?: number;
  maxTotalMinor?: number;
  /** true: the order carries at least one risk signal; false: none. */
  riskSignal?: boolean;
  /** The order carries at least one of these signals. */
  riskSignalsAny?: string[];
  /** true: the customer has an earlier order that was not cancelled; false: a first order. */
  repeatCustomer?: boolean;
  countryIn?: string[];
  countryNotIn?: string[];
  /** Country -> pattern: applies when the ship-to country has a pattern and the postal code does not match it. */
  postalCodeNotMatching?: Record<string, string>;
  channelIn?: string[];
};

const conditionKeys = new Set<string>([
  'minTotalMinor',
  'maxTotalMinor',
  'riskSignal',
  'riskSignalsAny',
  'repeatCustomer',
  'countryIn',
  'countryNotIn',
  'postalCodeNotMatching',
  'channelIn',
]);

export type DecisionRule = Omit<typeof decisionRules.$inferSelect, 'conditions'> & { conditions: RuleConditions };

/** What the rules look at. */
export type OrderFacts = {
  channelCode: string;
  totalMinor: number;
  riskSignals: readonly string[];
  repeatCustomer: boolean;
  shipTo: { country: string; postalCode: string };
};

/** Reads rows from the table, refusing a condition this module does not understand (a typo must not pass silently). */
export function parseRules(rows: (typeof decisionRules.$inferSelect)[]): DecisionRule[] {
  return rows
    .map((row) => {
      const unknown = Object.keys(row.conditions).filter((key) => !conditionKeys.has(key));
      if (unknown.length > 0) throw new Error(`Decision rule ${row.code} has unknown condition(s): ${unknown.join(', ')}`);
      if (row.outcome !== 'AUTO_RELEASE' && !row.exceptionCause) throw new Error(`Decision rule ${row.code} must name the exception it opens`);
      return { ...row, conditions: row.conditions as RuleConditions };
    })
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}

export function matches(rule: DecisionRule, facts: OrderFacts): boolean {
  const c = rule.conditions;
  const country = facts.shipTo.country.toUpperCase();
  const checks: (boolean | undefined)[] = [
    c.minTotalMinor === undefined || facts.totalMinor >= c.minTotalMinor,
    c.maxTotalMinor === undefined || facts.totalMinor <= c.maxTotalMinor,
    c.riskSignal === undefined || facts.riskSignals.length > 0 === c.riskSignal,
    c.riskSignalsAny === undefined || facts.riskSignals.some((s) => c.riskSignalsAny!.includes(s)),
    c.repeatCustomer === undefined || facts.repeatCustomer === c.repeatCustomer,
    c.countryIn === undefined || c.countryIn.includes(country),
    c.countryNotIn === undefined || !c.countryNotIn.includes(country),
    c.postalCodeNotMatching === undefined ||
      (c.postalCodeNotMatching[country] !== undefined && !new RegExp(c.postalCodeNotMatching[country]!).test(facts.shipTo.postalCode.trim())),
    c.channelIn === undefined || c.channelIn.includes(facts.channelCode),
  ];
  return checks.every(Boolean);
}

/** The rule that stops an order at capture (RISK_REVIEW or ON_HOLD), lowest rank first; null lets it through. */
export function gateAtCapture(rules: readonly DecisionRule[], facts: OrderFacts): DecisionRule | null {
  return rules.find((r) => r.enabled && r.outcome !== 'AUTO_RELEASE' && matches(r, facts)) ?? null;
}

/** The rule that releases an allocated order to the warehouse without a person; null leaves it ALLOCATED. */
export function autoReleaseRule(rules: readonly DecisionRule[], facts: OrderFacts): DecisionRule | null {
  return rules.find((r) => r.enabled && r.outcome === 'AUTO_RELEASE' && matches(r, facts)) ?? null;
}
