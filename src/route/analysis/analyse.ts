import { aiq, costQualityPoints, zeroRouterAiq, type CostRange } from './aiq.js';
import { crossFit, type CrossFit } from './cross-fit.js';
import { clusterIds } from './clusters.js';
import { gapCheck, type GapCheck } from './gap.js';
import { oraclePgr, type OraclePgr } from './oracle-curve.js';
import { apgr, cpt, deltaIbc, isoQualityCost, pgrCurve, type CurvePoint, type DeltaIbc, type IsoQuality } from './metrics.js';
import { runPolicy } from './policies.js';
import { segmentVerdicts, type SegmentVerdict } from '../segments/segment-verdicts.js';
import { deferralConfusion, signalAuroc, type DeferralConfusion, type SignalAuroc } from './signal.js';
import { paretoFront, sweepPolicy } from './sweep.js';
import type { NonInferiorityRule, PolicyPoint, RouteItem, ThresholdKind } from './types.js';
import { bootstrapOperatingPoint, mcnemarVsAlwaysL, type McNemarVsL, type OperatingPointCi } from './uncertainty.js';
import { validateRouteItems } from './validate.js';

// The whole tiering analysis in one pure call: endpoints and oracle, the gap check,
// for every threshold policy whose signal every item has: its sweep, Pareto front, PGR metrics (or why
// they are skipped), in-sample cost at iso-quality (optimistic, labelled so), AIQ on one fixed range,
// ΔIBC (cascades), signal AUROC, the cross-fitted operating point with its bootstrap CI, McNemar against
// always-L and the deferral confusion matrix, then the fixed policies and per-segment verdicts.

export interface RoutingOptions {
  /** Seeds the folds and the bootstrap: same items + same seed = same analysis. */
  readonly seed: number;
  readonly rule?: NonInferiorityRule;
  /** Non-inferiority margin ε; 0.01 by default. */
  readonly epsilon?: number;
  /** K for cross-fitting; 5 by default. */
  readonly folds?: number;
  /** Bootstrap resamples; 2000 by default. */
  readonly resamples?: number;
  readonly level?: number;
  /** AIQ range in USD per item, the same for every policy; default [C_S, C_S + C_L] with cascades, else [C_S, C_L]. */
  readonly costRange?: CostRange;
  /** q_S below this counts as "S fails"; 0.5 by default. */
  readonly passAt?: number;
  /** Route-by-segment policy to replay, e.g. { field: 'language', values: ['de'] }. */
  readonly routeSegments?: { readonly field: string; readonly values: readonly string[] };
  /** Segment fields to give verdicts for. */
  readonly segmentFields?: readonly string[];
  /** Largest acceptable loss of S per segment; 0.02 by default. */
  readonly tolerance?: number;
}

export type PgrMetrics =
  | { readonly status: 'ok'; readonly curve: readonly CurvePoint[]; readonly apgr: number; readonly cpt50: number | null; readonly cpt80: number | null; readonly cpt95: number | null }
  | { readonly status: 'skipped'; readonly reason: string };

export interface ThresholdPolicyAnalysis {
  readonly kind: ThresholdKind;
  readonly sweep: readonly PolicyPoint[];
  readonly pareto: readonly PolicyPoint[];
  readonly pgr: PgrMetrics;
  /** C* and savings on the same items τ was chosen on: optimistic. The honest figure is crossFit. */
  readonly isoQualityInSample: IsoQuality;
  /** AIQ on analysis.aiqRange; null when a cost is unknown. */
  readonly aiq: number | null;
  readonly deltaIbc: DeltaIbc | null;
  readonly auroc: SignalAuroc;
  readonly crossFit: CrossFit | null;
  /** Bootstrap of Q and savings at the cross-fitted decision. */
  readonly bootstrap: OperatingPointCi | null;
  readonly mcnemar: McNemarVsL;
  readonly confusion: DeferralConfusion | null;
}

export interface RoutingAnalysis {
  readonly n: number;
  readonly clusters: number | null;
  readonly alwaysS: PolicyPoint;
  readonly alwaysL: PolicyPoint;
  readonly oracle: PolicyPoint;
  /** APGR and CPT on the oracle's curve (route/analysis/oracle-curve), or why skipped. */
  readonly oraclePgr: OraclePgr;
  readonly gate: PolicyPoint | null;
  readonly segmentRoute: PolicyPoint | null;
  readonly gap: GapCheck;
  readonly aiqRange: CostRange | null;
  readonly zeroRouterAiq: number | null;
  readonly policies: readonly ThresholdPolicyAnalysis[];
  /** Threshold policies not analysed, and why. */
  readonly skipped: readonly string[];
  readonly segments: readonly { readonly field: string; readonly verdicts: readonly SegmentVerdict[] }[];
}

const KINDS: readonly ThresholdKind[] = ['router', 'cascade', 'gate-or-threshold'];

/** Whether every item carries what the policy reads; the reason when not. */
function missingInput(items: readonly RouteItem[], kind: ThresholdKind | 'gate'): string | null {
  const lacks = (it: RouteItem): boolean => {
    if (kind === 'router') return it.preSignal === undefined;
    if (kind === 'cascade') return it.signal === undefined;
    if (kind === 'gate') return it.checkPassed === undefined;
    return it.signal === undefined || it.checkPassed === undefined;
  };
  if (items.length === 0) return `${kind}: no items`;
  const k = items.filter(lacks).length;
  return k === 0 ? null : `${kind}: ${k} of ${items.length} items lack its signal`;
}

/** PGR, APGR and CPT(50/80/95) of a sweep, or why they are skipped (gap not significant, or Q_L = Q_S). */
export function pgrMetrics(sweep: readonly PolicyPoint[], gap: GapCheck, s: PolicyPoint, l: PolicyPoint): PgrMetrics {
  if (!gap.significant) return { status: 'skipped', reason: `${gap.reason ?? 'gap not significant'}: PGR, APGR and CPT skipped` };
  const curve = pgrCurve(sweep, s.quality as number, l.quality as number);
  if (curve === null) return { status: 'skipped', reason: 'Q_L = Q_S: PGR undefined' };
  return { status: 'ok', curve, apgr: apgr(curve), cpt50: cpt(curve, 0.5), cpt80: cpt(curve, 0.8), cpt95: cpt(curve, 0.95) };
}

function defaultRange(s: PolicyPoint, l: PolicyPoint, cascades: boolean): CostRange | null {
  if (s.costPerItem === null || l.costPerItem === null) return null;
  const max = cascades ? s.costPerItem + l.costPerItem : l.costPerItem;
  return max > s.costPerItem ? { min: s.costPerItem, max } : null;
}

interface Context {
  readonly items: readonly RouteItem[];
  readonly opts: RoutingOptions;
  readonly s: PolicyPoint;
  readonly l: PolicyPoint;
  readonly gap: GapCheck;
  readonly range: CostRange | null;
}

function analyseKind(kind: ThresholdKind, ctx: Context): ThresholdPolicyAnalysis {
  const { items, opts, s, l, gap, range } = ctx;
  const sweep = sweepPolicy(items, kind);
  const pts = costQualityPoints(sweep);
  const sq = s.costPerItem === null ? null : { cost: s.costPerItem, quality: s.quality as number };
  const lq = l.costPerItem === null ? null : { cost: l.costPerItem, quality: l.quality as number };
  const fit = crossFit(items, { kind, seed: opts.seed, k: opts.folds, rule: opts.rule, epsilon: opts.epsilon });
  return {
    kind, sweep, pareto: paretoFront(sweep), pgr: pgrMetrics(sweep, gap, s, l),
    isoQualityInSample: isoQualityCost(sweep, { qL: l.quality as number, costL: l.costPerItem, rule: opts.rule, epsilon: opts.epsilon }),
    aiq: pts && range ? aiq(pts, range) : null,
    deltaIbc: kind !== 'router' && sq && lq ? deltaIbc(sweep, sq, lq) : null,
    auroc: signalAuroc(items, kind === 'router' ? 'pre' : 'post', opts.passAt),
    crossFit: fit,
    bootstrap: fit ? bootstrapOperatingPoint(items, fit.decision, { seed: opts.seed, resamples: opts.resamples, level: opts.level }) : null,
    mcnemar: fit ? mcnemarVsAlwaysL(items, fit.decision) : { status: 'skipped', reason: 'no cross-fitted decision (fewer than 2 items or clusters)' },
    confusion: fit ? deferralConfusion(items, fit.decision, opts.passAt) : null,
  };
}

/** The routing analysis of paired S/L results. Validates the items first (RangeError on bad input). */
export function analyseRouting(items: readonly RouteItem[], opts: RoutingOptions): RoutingAnalysis {
  validateRouteItems(items);
  const s = runPolicy(items, { kind: 'always-s' });
  const l = runPolicy(items, { kind: 'always-l' });
  const gap = gapCheck(items, opts.level);
  const missing = KINDS.map((k) => [k, missingInput(items, k)] as const);
  const kinds = missing.filter(([, m]) => m === null).map(([k]) => k);
  const range = opts.costRange ?? defaultRange(s, l, kinds.some((k) => k !== 'router'));
  const ctx: Context = { items, opts, s, l, gap, range };
  const ids = clusterIds(items);
  return {
    n: items.length, clusters: ids ? new Set(ids).size : null,
    alwaysS: s, alwaysL: l, oracle: runPolicy(items, { kind: 'oracle' }), oraclePgr: oraclePgr(items, gap),
    gate: missingInput(items, 'gate') === null ? runPolicy(items, { kind: 'gate' }) : null,
    segmentRoute: opts.routeSegments ? runPolicy(items, { kind: 'segment', ...opts.routeSegments }) : null,
    gap, aiqRange: range,
    zeroRouterAiq: range && s.costPerItem !== null && l.costPerItem !== null
      ? zeroRouterAiq({ cost: s.costPerItem, quality: s.quality as number }, { cost: l.costPerItem, quality: l.quality as number }, range) : null,
    policies: kinds.map((k) => analyseKind(k, ctx)),
    skipped: missing.flatMap(([, m]) => (m === null ? [] : [m])),
    segments: (opts.segmentFields ?? []).map((field) => ({ field, verdicts: segmentVerdicts(items, { field, tolerance: opts.tolerance ?? 0.02, level: opts.level }) })),
  };
}
