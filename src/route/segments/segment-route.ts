import { evaluateDecision } from '../analysis/evaluate.js';
import { assignFolds } from '../analysis/folds.js';
import { nonInferiorTarget, type NonInferiority } from '../analysis/metrics.js';
import { runPolicy } from '../analysis/policies.js';
import { NO_SEGMENT, segmentVerdicts, type SegmentVerdict } from './segment-verdicts.js';
import type { Decision, PolicyPoint, RouteItem } from '../analysis/types.js';

// Route by segment, learned from the per-segment verdicts and validated honestly.
// The rule for one field: S takes the values where "S holds up" (the paired interval of q_S − q_L lies
// above −tolerance); every other value goes to L: "escalate", "not enough data", and any value the rule
// never saw (a new intent in production is not evidence that S copes with it). With several fields, the
// rule with the lowest cost on the learning items wins (by strong-call share when prices are unknown;
// ties to the earlier field). Choosing the values (and the field) from the data flatters the rule on the
// same data, so it is cross-fitted exactly like a threshold: each fold is decided by the rule learned on
// the other K − 1 folds, and the pooled held-out figure is the honest one.

export interface SegmentRule {
  readonly field: string;
  /** Values routed to S. */
  readonly toSmall: readonly string[];
  /** Values seen and routed to L; unseen values go to L too. */
  readonly toLarge: readonly string[];
}

export interface SegmentRuleOptions {
  readonly fields: readonly string[];
  readonly tolerance: number;
  readonly level?: number;
}

const valueOf = (it: RouteItem, field: string): string => it.segments?.[field] ?? NO_SEGMENT;

/** The decision of a rule: L unless the item's value is one S takes. */
export function segmentRuleDecision(items: readonly RouteItem[], rule: SegmentRule): Decision {
  const small = new Set(rule.toSmall);
  return { costing: 'router', weights: items.map((it) => (small.has(valueOf(it, rule.field)) ? 0 : 1)) };
}

/** A rule's replay over the items, labelled with the field. */
export function segmentRulePoint(items: readonly RouteItem[], rule: SegmentRule, label?: string): PolicyPoint {
  return evaluateDecision(items, segmentRuleDecision(items, rule), { policy: label ?? `route by ${rule.field}`, threshold: null });
}

/** The rule of one field from its verdicts. */
export function ruleFromVerdicts(field: string, verdicts: readonly SegmentVerdict[]): SegmentRule {
  return {
    field,
    toSmall: verdicts.filter((v) => v.verdict === 'holds').map((v) => v.value),
    toLarge: verdicts.filter((v) => v.verdict !== 'holds').map((v) => v.value),
  };
}

/** Cost of a rule's point for choosing among fields: USD per item, or the strong share when unknown. */
const key = (p: PolicyPoint): number => p.costPerItem ?? (p.strongShare as number) * 1e9;

/** The rule learned on these items: per field from its verdicts, the cheapest field. Null without fields or items. */
export function learnSegmentRule(items: readonly RouteItem[], opts: SegmentRuleOptions): SegmentRule | null {
  if (items.length === 0 || opts.fields.length === 0) return null;
  let best: { rule: SegmentRule; cost: number } | null = null;
  for (const field of opts.fields) {
    const verdicts = segmentVerdicts(items, { field, tolerance: opts.tolerance, ...(opts.level === undefined ? {} : { level: opts.level }) });
    const rule = ruleFromVerdicts(field, verdicts);
    const cost = key(segmentRulePoint(items, rule));
    if (best === null || cost < best.cost - 1e-12) best = { rule, cost };
  }
  return best === null ? null : best.rule;
}

export interface SegmentFold {
  readonly fold: number;
  readonly n: number;
  /** The rule learned on the other folds. */
  readonly rule: SegmentRule;
  /** Held-out items per value of the rule's field: with the rule, what a known truth per segment needs. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface SegmentCrossFit {
  readonly k: number;
  /** The rule learned on all items: the one to deploy. */
  readonly rule: SegmentRule;
  /** That rule replayed on the items it was learned on: optimistic. */
  readonly inSample: PolicyPoint;
  readonly folds: readonly SegmentFold[];
  /** Each item decided by the rule of the folds it was not in. */
  readonly decision: Decision;
  /** The pooled held-out policy: the honest estimate. */
  readonly heldOut: PolicyPoint;
  readonly alwaysL: PolicyPoint;
  /** 1 − held-out cost / always-L cost; null when a cost is unknown or always-L costs 0. */
  readonly savings: number | null;
  /** Held-out Q ≥ the non-inferiority target; null without a quality. */
  readonly meetsTarget: boolean | null;
  /** Folds whose rule sends the same values to S as the rule learned on all items. */
  readonly stableFolds: number;
}

export interface SegmentCrossFitOptions extends SegmentRuleOptions, NonInferiority {
  readonly seed: number;
  readonly k?: number;
}

function countValues(items: readonly RouteItem[], field: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[valueOf(it, field)] = (out[valueOf(it, field)] ?? 0) + 1;
  return out;
}

const sameRule = (a: SegmentRule, b: SegmentRule): boolean =>
  a.field === b.field && a.toSmall.length === b.toSmall.length && a.toSmall.every((v) => b.toSmall.includes(v));

/** K-fold cross-fitted route-by-segment (folds as for thresholds: seeded, grouped by cluster). Null with fewer than 2 units. */
export function crossFitSegments(items: readonly RouteItem[], opts: SegmentCrossFitOptions): SegmentCrossFit | null {
  const folds = assignFolds(items, { seed: opts.seed, ...(opts.k === undefined ? {} : { k: opts.k }) });
  const rule = learnSegmentRule(items, opts);
  if (folds === null || rule === null) return null;
  const weights = new Array<number>(items.length).fill(1);
  const results: SegmentFold[] = [];
  for (let f = 0; f < folds.k; f++) {
    const idx = items.map((_, i) => i).filter((i) => folds.fold[i] === f);
    const test = idx.map((i) => items[i] as RouteItem);
    const foldRule = learnSegmentRule(items.filter((_, i) => folds.fold[i] !== f), opts) as SegmentRule;
    const w = segmentRuleDecision(test, foldRule).weights;
    idx.forEach((i, j) => { weights[i] = w[j] as number; });
    results.push({ fold: f, n: test.length, rule: foldRule, counts: countValues(test, foldRule.field) });
  }
  const decision: Decision = { costing: 'router', weights };
  const heldOut = evaluateDecision(items, decision, { policy: `route by ${rule.field} (cross-fitted, ${folds.k} folds)`, threshold: null });
  const alwaysL = runPolicy(items, { kind: 'always-l' });
  const savings = heldOut.costPerItem === null || alwaysL.costPerItem === null || alwaysL.costPerItem === 0 ? null : 1 - heldOut.costPerItem / alwaysL.costPerItem;
  const meetsTarget = heldOut.quality === null || alwaysL.quality === null ? null : heldOut.quality >= nonInferiorTarget(alwaysL.quality, opts) - 1e-9;
  return {
    k: folds.k, rule, inSample: segmentRulePoint(items, rule, `route by ${rule.field} (in-sample, optimistic)`), folds: results,
    decision, heldOut, alwaysL, savings, meetsTarget, stableFolds: results.filter((r) => sameRule(r.rule, rule)).length,
  };
}

/**
 * The route-by-segment curve of one field: escalate the segments one at a time, the one where S loses
 * most first (by the paired difference; undecidable segments last), from "none to L" to "all to L".
 * The order is read from the same items, so the curve is in-sample (optimistic), like any sweep.
 */
export function segmentSweep(items: readonly RouteItem[], field: string, verdicts: readonly SegmentVerdict[]): PolicyPoint[] {
  const order = [...verdicts].sort((a, b) => (a.diff ?? Infinity) - (b.diff ?? Infinity)).map((v) => v.value);
  return Array.from({ length: order.length + 1 }, (_, k) =>
    segmentRulePoint(items, { field, toSmall: order.slice(k), toLarge: order.slice(0, k) }, `route by ${field}: ${k} of ${order.length} to L`));
}
