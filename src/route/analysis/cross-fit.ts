import { evaluateDecision } from './evaluate.js';
import { assignFolds, type FoldOptions } from './folds.js';
import { isoQualityCost, nonInferiorTarget, type NonInferiority } from './metrics.js';
import { costingOf, decide, runPolicy, thresholdSpec } from './policies.js';
import { sweepPolicy } from './sweep.js';
import type { Decision, PolicyPoint, RouteItem, ThresholdKind } from './types.js';

// Honest threshold choice: τ* minimises cost subject to Q ≥ Q_L − ε on a calibration
// split, and is judged on data it never saw. With small n, K-fold cross-fitting: each fold's items are
// decided by the τ chosen on the other K − 1 folds, so every item gets an out-of-sample decision and the
// pooled figure is honest. The in-sample (optimistic) choice is reported separately and labelled; the gap
// between its strong-call share and the achieved held-out share is RouteLLM's calibration warning.

export interface SelectionOptions extends NonInferiority {
  readonly kind: ThresholdKind;
}

export interface ThresholdChoice {
  readonly threshold: number;
  /** The policy at τ* on the items it was chosen on. */
  readonly point: PolicyPoint;
  /** The quality target there (Q_L − ε or 0.95·Q_L on those items). */
  readonly target: number;
  /** 'cost', or 'strong-share' when prices are unknown and the fewest strong calls were chosen. */
  readonly by: 'cost' | 'strong-share';
}

const meanQL = (items: readonly RouteItem[]): number => items.reduce((s, it) => s + it.qL, 0) / items.length;

/** τ* on these items: the cheapest threshold whose quality reaches the non-inferiority target. Null when n = 0. */
export function chooseThreshold(items: readonly RouteItem[], opts: SelectionOptions): ThresholdChoice | null {
  if (items.length === 0) return null;
  const sweep = sweepPolicy(items, opts.kind);
  const costL = runPolicy(items, { kind: 'always-l' }).costPerItem;
  const iso = isoQualityCost(sweep, { ...opts, qL: meanQL(items), costL });
  // Sending everything to L reaches Q_L, so some point is always feasible; guard anyway.
  if (iso.point === null) return null;
  return { threshold: iso.point.threshold as number, point: iso.point, target: iso.target, by: iso.by };
}

/** The held-out side of a calibrate-then-test split. */
export interface HeldOutCheck {
  readonly choice: ThresholdChoice;
  /** The policy at τ* on the held-out items. */
  readonly heldOut: PolicyPoint;
  /** Always-L on the held-out items, for the quality target and savings. */
  readonly alwaysL: PolicyPoint;
  /** Strong-call share τ* gave on the calibration items: what was aimed at. */
  readonly targetShare: number;
  /** Strong-call share it gives on the held-out items. */
  readonly achievedShare: number | null;
  /** Held-out Q ≥ the non-inferiority target against held-out Q_L; null when there are no held-out items. */
  readonly meetsTarget: boolean | null;
}

function meets(point: PolicyPoint, alwaysL: PolicyPoint, opts: NonInferiority): boolean | null {
  if (point.quality === null || alwaysL.quality === null) return null;
  return point.quality >= nonInferiorTarget(alwaysL.quality, opts) - 1e-9;
}

/** Choose τ* on `calibration`, report it on `heldOut`. Null when the calibration set is empty. */
export function calibrateAndTest(calibration: readonly RouteItem[], heldOut: readonly RouteItem[], opts: SelectionOptions): HeldOutCheck | null {
  const choice = chooseThreshold(calibration, opts);
  if (choice === null) return null;
  const point = runPolicy(heldOut, thresholdSpec(opts.kind, choice.threshold));
  const alwaysL = runPolicy(heldOut, { kind: 'always-l' });
  return {
    choice, heldOut: point, alwaysL, targetShare: choice.point.strongShare as number,
    achievedShare: point.strongShare, meetsTarget: meets(point, alwaysL, opts),
  };
}

export interface FoldResult {
  readonly fold: number;
  /** Held-out items in this fold. */
  readonly n: number;
  /** τ chosen on the other folds. */
  readonly threshold: number;
  readonly targetShare: number;
  readonly achievedShare: number | null;
  readonly quality: number | null;
}

export interface CrossFit {
  readonly k: number;
  readonly folds: readonly FoldResult[];
  /** Each item decided by the τ of the folds it was not in: the out-of-sample decision. */
  readonly decision: Decision;
  /** The pooled held-out policy: the honest estimate. */
  readonly heldOut: PolicyPoint;
  readonly alwaysL: PolicyPoint;
  /** Calibration strong-call shares, weighted by fold size: what τ aimed at. */
  readonly targetShare: number;
  readonly achievedShare: number | null;
  /** 1 − held-out cost / always-L cost; null when a cost is unknown. */
  readonly savings: number | null;
  readonly meetsTarget: boolean | null;
  /** τ* chosen and scored on all items: the threshold to deploy, but its figures are optimistic. */
  readonly inSample: ThresholdChoice & { readonly label: 'in-sample (optimistic)' };
}

export interface CrossFitOptions extends SelectionOptions, FoldOptions {}

function savingsOf(point: PolicyPoint, alwaysL: PolicyPoint): number | null {
  if (point.costPerItem === null || alwaysL.costPerItem === null || alwaysL.costPerItem === 0) return null;
  return 1 - point.costPerItem / alwaysL.costPerItem;
}

/** One fold: τ from the other folds, decisions for this fold's items written into `weights`. */
function fitFold(items: readonly RouteItem[], fold: readonly number[], f: number, opts: CrossFitOptions, weights: number[]): FoldResult {
  const inFold = items.map((_, i) => i).filter((i) => fold[i] === f);
  const train = items.filter((_, i) => fold[i] !== f);
  const test = inFold.map((i) => items[i] as RouteItem);
  const choice = chooseThreshold(train, opts) as ThresholdChoice; // train is never empty: k ≥ 2 non-empty folds
  const w = decide(test, thresholdSpec(opts.kind, choice.threshold)).weights;
  inFold.forEach((i, j) => { weights[i] = w[j] as number; });
  const point = runPolicy(test, thresholdSpec(opts.kind, choice.threshold));
  return { fold: f, n: test.length, threshold: choice.threshold, targetShare: choice.point.strongShare as number, achievedShare: point.strongShare, quality: point.quality };
}

/** K-fold cross-fitted threshold policy (folds grouped by cluster, seeded). Null with fewer than 2 units. */
export function crossFit(items: readonly RouteItem[], opts: CrossFitOptions): CrossFit | null {
  const folds = assignFolds(items, opts);
  const inSample = chooseThreshold(items, opts);
  if (folds === null || inSample === null) return null;
  const weights = new Array<number>(items.length).fill(0);
  const results = Array.from({ length: folds.k }, (_, f) => fitFold(items, folds.fold, f, opts, weights));
  const decision: Decision = { costing: costingOf(thresholdSpec(opts.kind, 0)), weights };
  const heldOut = evaluateDecision(items, decision, { policy: `${opts.kind} (cross-fitted, ${folds.k} folds)`, threshold: null });
  const alwaysL = runPolicy(items, { kind: 'always-l' });
  const targetShare = results.reduce((s, r) => s + r.targetShare * r.n, 0) / items.length;
  return {
    k: folds.k, folds: results, decision, heldOut, alwaysL, targetShare, achievedShare: heldOut.strongShare,
    savings: savingsOf(heldOut, alwaysL), meetsTarget: meets(heldOut, alwaysL, opts),
    inSample: { ...inSample, label: 'in-sample (optimistic)' },
  };
}
