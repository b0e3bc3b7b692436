import { aiq, costQualityPoints } from '../analysis/aiq.js';
import { analyseRouting, pgrMetrics, type RoutingAnalysis } from '../analysis/analyse.js';
import { isoQualityCost, nonInferiorTarget } from '../analysis/metrics.js';
import { policyRows } from './policy-rows.js';
import type { Pairing, QualityMeasure } from '../reading/records.js';
import { policyFile, recommendation } from './recommend.js';
import type { CurveMetrics, ModelRef, PolicyRow, RouteReport, RunRef } from './report-types.js';
import { crossFitSegments, segmentSweep, type SegmentCrossFit } from '../segments/segment-route.js';
import { crossFitSegmentCascade } from '../segments/segment-cascade.js';
import { deferralConfusion } from '../analysis/signal.js';
import { decide } from '../analysis/policies.js';
import type { Decision, PolicyPoint, RouteItem } from '../analysis/types.js';
import { mcnemarVsAlwaysL } from '../analysis/uncertainty.js';

// `haikubench route` as one pure call: paired items in, the whole report (route.json) out. It runs the
// library's analysis (endpoints, oracle, gap check, threshold cascades cross-fitted, segment verdicts),
// learns and cross-fits the route-by-segment rule, builds the policies table with bootstrap intervals,
// computes the curve metrics of every swept family, and picks the recommendation and policy.json.

export interface RouteInput {
  readonly pairing: Pairing;
  readonly small: ModelRef;
  readonly large: ModelRef;
  readonly runs: readonly RunRef[];
  readonly quality: QualityMeasure;
  /** "scorer:<name>" as the user wrote it, or null. */
  readonly signal: string | null;
  readonly check: string | null;
  /** The router's pre-generation signal (--router) and which model its high values favour; null or absent without one. */
  readonly router?: { readonly signal: string; readonly high: 'small' | 'large'; readonly costPerItem?: number | null } | null;
  readonly segmentFields: readonly string[];
  /** The metadata field clustering the samples (--cluster), or null. */
  readonly cluster?: string | null;
  readonly tolerance: number;
  readonly level: number;
  readonly folds: number;
  readonly seed: number;
  /** Bootstrap resamples; 2000 by default. */
  readonly resamples?: number;
  /** Notes from reading the runs (e.g. runs of different evals), shown with the others. */
  readonly notes?: readonly string[];
}

/** Display name of a model: the id without its provider prefix. */
export const shortName = (id: string): string => id.replace(/^[a-z]+:/, '');

function segmentCurve(input: RouteInput, a: RoutingAnalysis, seg: SegmentCrossFit | null): { sweep: PolicyPoint[]; metrics: CurveMetrics | null } {
  if (seg === null) return { sweep: [], metrics: null };
  const verdicts = a.segments.find((s) => s.field === seg.rule.field)?.verdicts ?? [];
  const sweep = segmentSweep(input.pairing.items, seg.rule.field, verdicts);
  const pts = costQualityPoints(sweep);
  return {
    sweep,
    metrics: {
      label: `route by ${seg.rule.field}`, pgr: pgrMetrics(sweep, a.gap, a.alwaysS, a.alwaysL),
      aiq: pts && a.aiqRange ? aiq(pts, a.aiqRange) : null,
      isoQualityInSample: isoQualityCost(sweep, { qL: a.alwaysL.quality as number, costL: a.alwaysL.costPerItem, epsilon: input.tolerance }),
      deltaIbc: null, auroc: null,
    },
  };
}

const curveLabel = (kind: string): string => (kind === 'router' ? 'router' : kind === 'cascade' ? 'cascade' : 'gate-or-threshold cascade');

function thresholdCurves(a: RoutingAnalysis): CurveMetrics[] {
  return a.policies.map((p) => {
    const at = p.crossFit === null ? -1 : p.sweep.findIndex((s) => s.threshold === p.crossFit?.inSample.threshold);
    return {
      label: curveLabel(p.kind), pgr: p.pgr, aiq: p.aiq, isoQualityInSample: p.isoQualityInSample,
      deltaIbc: at >= 0 ? (p.deltaIbc?.values[at] ?? null) : null, auroc: p.auroc,
    };
  });
}

function decisionOf(row: PolicyRow, a: RoutingAnalysis, seg: SegmentCrossFit | null, items: readonly RouteItem[]): Decision | null {
  const n = items.length;
  if (row.key === 'segments') return seg?.decision ?? null;
  const fit = a.policies.find((p) => p.kind === row.key)?.crossFit;
  if (fit) return fit.decision;
  if (row.key === 'gate') return decide(items, { kind: 'gate' });
  if (row.key === 'always-s') return { costing: 'router', weights: new Array<number>(n).fill(0) };
  if (row.key === 'always-l') return { costing: 'router', weights: new Array<number>(n).fill(1) };
  return null;
}

/** Where a router's signal comes from, for a note on the samples that lack it. */
const routerWhere = (signal: string): string =>
  signal.startsWith('field:') ? 'the metadata field is absent or not a number' : 'the model has no ok answer with a number for them';

/** The router model's own calls are not in the router's figures: what they add. */
function routerCostNote(signal: string, costPerItem: number | null): string {
  const cost = costPerItem === null ? 'an unknown cost (it has no price)' : `$${(costPerItem * 1000).toPrecision(3)} per 1k requests`;
  return `The router's own model (${signal}) is called on every request before routing: ${cost}, not included in the router's cost and savings figures.`;
}

function notesOf(input: RouteInput, a: RoutingAnalysis): string[] {
  const { samples, missing, epochs } = input.pairing;
  const notes: string[] = [...(input.notes ?? [])];
  if (epochs.small > 1 || epochs.large > 1) notes.push(`Epochs: each sample's quality, cost and latency are the mean over its epochs (${epochs.small} for the small model, ${epochs.large} for the large); samples, not epochs, are the units of every interval.`);
  if (samples.errors > 0) notes.push(`${samples.errors} sample(s) left out because a call of either model ended in error (errors are not counted as wrong answers).`);
  if (samples.unpaired > 0) notes.push(`${samples.unpaired} sample(s) left out because only one of the two models answered them.`);
  if (samples.unscored > 0) notes.push(`${samples.unscored} sample(s) left out because a model's answer to them has no verdict (no scorer applies to it: the reference of a pairwise scorer).`);
  if (missing.signal > 0) notes.push(`${missing.signal} paired sample(s) lack the signal ${input.signal ?? ''} on the small model's answer.`);
  if (missing.check > 0) notes.push(`${missing.check} paired sample(s) lack the check ${input.check ?? ''} on the small model's answer.`);
  const router = input.router ?? null;
  if (router !== null && missing.router > 0) notes.push(`${missing.router} of ${samples.paired} paired sample(s) have no number for the router's signal ${router.signal} (${routerWhere(router.signal)}); the router needs one for every sample.`);
  if (router !== null && router.costPerItem !== undefined) notes.push(routerCostNote(router.signal, router.costPerItem ?? null));
  const asked = (s: string) => (s.startsWith('cascade:') && input.signal !== null) || (s.startsWith('gate-or-threshold:') && input.signal !== null && input.check !== null) || (s.startsWith('router:') && router !== null);
  for (const s of a.skipped) if (asked(s)) notes.push(`Not analysed: ${s}.`);
  if (input.check !== null && a.gate === null) notes.push(`Gate cascade not analysed: some paired samples lack the check ${input.check}.`);
  return notes;
}

/** The whole routing report. Throws RangeError on invalid items (the CLI validates before). */
export function buildRouteReport(input: RouteInput): RouteReport {
  const { items } = input.pairing;
  const common = { seed: input.seed, level: input.level, folds: input.folds, epsilon: input.tolerance, tolerance: input.tolerance, ...(input.resamples === undefined ? {} : { resamples: input.resamples }) };
  const analysis = analyseRouting(items, { ...common, segmentFields: input.segmentFields });
  const seg = crossFitSegments(items, { fields: input.segmentFields, tolerance: input.tolerance, level: input.level, seed: input.seed, k: input.folds, epsilon: input.tolerance });
  const sc = crossFitSegmentCascade(items, { fields: input.segmentFields, tolerance: input.tolerance, level: input.level, seed: input.seed, k: input.folds, epsilon: input.tolerance });
  const names = { small: shortName(input.small.id), large: shortName(input.large.id) };
  const rows = policyRows({ items, analysis, segmentRoute: seg, segmentCascade: sc, tolerance: input.tolerance, level: input.level, seed: input.seed, resamples: input.resamples, names, signal: input.signal, check: input.check, router: input.router ?? null });
  const pre = recommendation(rows, input.tolerance, { confusion: null, mcnemar: null });
  const d = pre.row.key === 'segments-cascade' ? sc?.decision ?? null : decisionOf(pre.row, analysis, seg, items);
  const rec = { ...pre, confusion: d ? deferralConfusion(items, d) : null, mcnemar: d ? mcnemarVsAlwaysL(items, d) : null };
  const segCurve = segmentCurve(input, analysis, seg);
  const core = {
    models: { small: input.small, large: input.large }, samples: input.pairing.samples, analysis, runs: input.runs,
    simulated: input.small.simulated || input.large.simulated,
    options: {
      tolerance: input.tolerance, level: input.level, folds: input.folds, seed: input.seed, segmentFields: input.segmentFields, cluster: input.cluster ?? null, signal: input.signal, check: input.check,
      router: input.router ? { signal: input.router.signal, high: input.router.high } : null,
    },
  };
  return {
    schemaVersion: 1, generatedBy: 'haikubench route', ...core, quality: input.quality, epochs: input.pairing.epochs,
    target: analysis.alwaysL.quality === null ? null : nonInferiorTarget(analysis.alwaysL.quality, { epsilon: input.tolerance }),
    segmentRoute: seg, segmentCascade: sc, segmentSweep: segCurve.sweep, policies: rows,
    curves: [...(segCurve.metrics ? [segCurve.metrics] : []), ...thresholdCurves(analysis)],
    recommendation: rec, policy: policyFile(core, rec, seg, sc), notes: notesOf(input, analysis),
  };
}
