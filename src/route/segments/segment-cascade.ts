import { chooseThreshold } from '../analysis/cross-fit.js';
import { evaluateDecision } from '../analysis/evaluate.js';
import { assignFolds } from '../analysis/folds.js';
import { decide, thresholdSpec } from '../analysis/policies.js';
import { learnSegmentRule, type SegmentRule, type SegmentRuleOptions } from './segment-route.js';
import { NO_SEGMENT } from './segment-verdicts.js';
import type { Decision, PolicyPoint, RouteItem } from '../analysis/types.js';
import type { NonInferiority } from '../analysis/metrics.js';

// Route by segment and cascade elsewhere (a combination of the two, issue 6 part 2): requests whose
// segment value S holds up on go to S alone; every other request goes to S first and escalates to L
// when S's signal ≤ τ. Both the rule and τ are learned from the data, so both are cross-fitted
// together: each fold is decided by the rule learned on the other K − 1 folds and the τ chosen on
// those folds under that rule. τ is chosen like a cascade's (the cheapest threshold keeping quality
// within the tolerance of always-L), on items where the S-segments never escalate: their signal is
// set to +∞, so no finite τ moves them (τ = +∞, sending everything to L, stays the fallback when no
// finite τ keeps quality).

export interface SegmentCascadeFold {
  readonly fold: number;
  readonly n: number;
  readonly rule: SegmentRule;
  readonly threshold: number;
}

export interface SegmentCascadeFit {
  readonly k: number;
  /** Learned on all items: the rule and threshold to deploy. */
  readonly rule: SegmentRule;
  readonly threshold: number;
  /** That policy replayed on the items it was learned on: optimistic. */
  readonly inSample: PolicyPoint;
  readonly folds: readonly SegmentCascadeFold[];
  /** Each item decided by the rule and τ of the folds it was not in. */
  readonly decision: Decision;
  /** The pooled held-out policy: the honest estimate. */
  readonly heldOut: PolicyPoint;
}

export interface SegmentCascadeOptions extends SegmentRuleOptions, NonInferiority {
  readonly seed: number;
  readonly k?: number;
}

/** The items as the cascade part sees them: S-segment items never escalate (signal +∞). */
export function shieldSegments(items: readonly RouteItem[], rule: SegmentRule): RouteItem[] {
  const small = new Set(rule.toSmall);
  return items.map((it) => (small.has(it.segments?.[rule.field] ?? NO_SEGMENT) ? { ...it, signal: Number.POSITIVE_INFINITY } : it));
}

/** Rule and τ learned on `items`; null when the rule sends nothing to S (then it is the plain cascade). */
function learn(items: readonly RouteItem[], opts: SegmentCascadeOptions): { rule: SegmentRule; threshold: number } | null {
  const rule = learnSegmentRule(items, opts);
  if (rule === null) return null;
  const choice = chooseThreshold(shieldSegments(items, rule), { kind: 'cascade', ...(opts.epsilon === undefined ? {} : { epsilon: opts.epsilon }), ...(opts.rule === undefined ? {} : { rule: opts.rule }) });
  return choice === null ? null : { rule, threshold: choice.threshold };
}

const decideWith = (items: readonly RouteItem[], p: { rule: SegmentRule; threshold: number }): Decision =>
  decide(shieldSegments(items, p.rule), thresholdSpec('cascade', p.threshold));

/**
 * K-fold cross-fitted "route by segment, cascade elsewhere". Null with fewer than 2 units, without
 * segment fields, or when the rule learned on all items sends no value to S or every value to S (the
 * plain cascade and route by segment cover those).
 */
export function crossFitSegmentCascade(items: readonly RouteItem[], opts: SegmentCascadeOptions): SegmentCascadeFit | null {
  if (items.some((it) => it.signal === undefined || Number.isNaN(it.signal))) return null;
  const folds = assignFolds(items, { seed: opts.seed, ...(opts.k === undefined ? {} : { k: opts.k }) });
  const all = learn(items, opts);
  if (folds === null || all === null || all.rule.toSmall.length === 0 || all.rule.toLarge.length === 0) return null;
  const weights = new Array<number>(items.length).fill(1);
  const results: SegmentCascadeFold[] = [];
  for (let f = 0; f < folds.k; f++) {
    const idx = items.map((_, i) => i).filter((i) => folds.fold[i] === f);
    const fit = learn(items.filter((_, i) => folds.fold[i] !== f), opts);
    if (fit === null) return null;
    const w = decideWith(idx.map((i) => items[i] as RouteItem), fit).weights;
    idx.forEach((i, j) => { weights[i] = w[j] as number; });
    results.push({ fold: f, n: idx.length, rule: fit.rule, threshold: fit.threshold });
  }
  const decision: Decision = { costing: 'cascade', weights };
  const label = `route by ${all.rule.field}, cascade elsewhere`;
  return {
    k: folds.k, rule: all.rule, threshold: all.threshold,
    inSample: evaluateDecision(items, decideWith(items, all), { policy: `${label} (in-sample, optimistic)`, threshold: all.threshold }),
    folds: results, decision,
    heldOut: evaluateDecision(items, decision, { policy: `${label} (cross-fitted, ${folds.k} folds)`, threshold: null }),
  };
}
