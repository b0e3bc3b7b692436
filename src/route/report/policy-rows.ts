import type { RoutingAnalysis } from '../analysis/analyse.js';
import { nonInferiority } from '../analysis/non-inferiority.js';
import { decide, runPolicy } from '../analysis/policies.js';
import type { PolicyRow } from './report-types.js';
import type { SegmentCrossFit } from '../segments/segment-route.js';
import type { SegmentCascadeFit } from '../segments/segment-cascade.js';
import type { Decision, PolicyPoint, RouteItem } from '../analysis/types.js';
import { bootstrapOperatingPoint, type OperatingPointCi } from '../analysis/uncertainty.js';

// The rows of the policies table: always-S, always-L, the random mix (Zero router) at the strong-call
// share of the first candidate, the oracle (an upper bound: it needs the answers), route by segment and
// each threshold cascade at its cross-fitted operating point, and the gate cascade. Every quality gets a
// paired bootstrap interval at its fixed decision (the same seed for all rows, so they are comparable),
// and its difference from always-L the paired interval and non-inferiority verdict of route/analysis/non-inferiority:
// a row is within the tolerance only when that interval's lower bound clears −tolerance.

export interface RowContext {
  readonly items: readonly RouteItem[];
  readonly analysis: RoutingAnalysis;
  readonly segmentRoute: SegmentCrossFit | null;
  readonly segmentCascade: SegmentCascadeFit | null;
  readonly tolerance: number;
  readonly level: number;
  readonly seed: number;
  readonly resamples?: number | undefined;
  readonly names: { readonly small: string; readonly large: string };
  readonly signal: string | null;
  readonly check: string | null;
  /** The router's signal and which model its high values favour (--router), or null. */
  readonly router?: { readonly signal: string; readonly high: 'small' | 'large' } | null;
}

/** A router's threshold in the signal's own scale (the analysis negates a signal whose high values favour L). */
export const routerThreshold = (tau: number, high: 'small' | 'large'): number => (high === 'large' && tau !== 0 ? -tau : tau);

/** The router row, at its cross-fitted operating point. */
function routerSeed(ctx: RowContext): RowSeed | null {
  const p = ctx.analysis.policies.find((x) => x.kind === 'router');
  const r = ctx.router ?? null;
  if (p === undefined || p.crossFit === null || r === null) return null;
  const op = r.high === 'small' ? '≤' : '≥';
  return { key: 'router', label: `router: ${ctx.names.large} when ${r.signal} ${op} τ*`, validation: 'held-out', point: p.crossFit.heldOut,
    decision: p.crossFit.decision, ci: p.bootstrap, threshold: routerThreshold(p.crossFit.inSample.threshold, r.high) };
}

type RowSeed = Omit<PolicyRow, 'qualityCi' | 'savings' | 'meetsTarget' | 'vsLarge'> & { readonly decision: Decision; readonly ci?: OperatingPointCi | null };

function finish(seed: RowSeed, ctx: RowContext): PolicyRow {
  const ci = seed.ci !== undefined && seed.ci !== null ? seed.ci
    : bootstrapOperatingPoint(ctx.items, seed.decision, { seed: ctx.seed, level: ctx.level, ...(ctx.resamples === undefined ? {} : { resamples: ctx.resamples }) });
  const { decision: _d, ci: _c, ...row } = seed;
  const vsLarge = seed.key === 'always-l' ? null : nonInferiority(ctx.items, seed.decision, ctx.tolerance, ctx.level);
  const known = seed.point.quality !== null && ctx.analysis.alwaysL.quality !== null;
  return {
    ...row, qualityCi: ci?.quality.ci ?? null, savings: seed.key === 'always-l' ? null : (ci?.savings ?? null),
    meetsTarget: !known ? null : vsLarge === null || vsLarge.verdict === 'within',
    vsLarge,
  };
}

const fixed = (items: readonly RouteItem[], key: 'always-s' | 'always-l' | 'oracle' | 'gate'): Decision =>
  decide(items, key === 'always-s' ? { kind: 'always-s' } : key === 'always-l' ? { kind: 'always-l' } : { kind: key });

/** The candidate rows: route by segment, threshold cascades (held-out), the gate. */
function candidateSeeds(ctx: RowContext): RowSeed[] {
  const { analysis: a, items } = ctx;
  const out: RowSeed[] = [];
  const seg = ctx.segmentRoute;
  if (seg !== null && seg.rule.toSmall.length > 0) {
    out.push({ key: 'segments', label: `route by ${seg.rule.field}: ${seg.rule.toSmall.length} of ${seg.rule.toSmall.length + seg.rule.toLarge.length} to ${ctx.names.small}`,
      validation: 'held-out', point: seg.heldOut, decision: seg.decision, threshold: null });
  }
  const sc = ctx.segmentCascade;
  if (sc !== null) {
    out.push({ key: 'segments-cascade', label: `route by ${sc.rule.field}: ${sc.rule.toSmall.length} of ${sc.rule.toSmall.length + sc.rule.toLarge.length} to ${ctx.names.small}, the rest cascade on ${ctx.signal} ≤ τ*`,
      validation: 'held-out', point: sc.heldOut, decision: sc.decision, threshold: sc.threshold });
  }
  const router = routerSeed(ctx);
  if (router !== null) out.push(router);
  for (const p of a.policies) {
    if (p.kind === 'router' || p.crossFit === null) continue;
    const what = p.kind === 'cascade' ? `${ctx.signal} ≤ τ*` : `${ctx.check} fails or ${ctx.signal} ≤ τ*`;
    out.push({ key: p.kind, label: `cascade: escalate when ${what}`, validation: 'held-out', point: p.crossFit.heldOut,
      decision: p.crossFit.decision, ci: p.bootstrap, threshold: p.crossFit.inSample.threshold });
  }
  if (a.gate !== null) {
    out.push({ key: 'gate', label: `gate cascade: escalate when ${ctx.check} fails`, validation: 'nothing fitted', point: a.gate, decision: fixed(items, 'gate'), threshold: null });
  }
  return out;
}

/** Every row of the policies table, candidates after the reference rows. */
export function policyRows(ctx: RowContext): PolicyRow[] {
  const { analysis: a, items } = ctx;
  const candidates = candidateSeeds(ctx);
  const share = candidates[0]?.point.strongShare ?? 0.5;
  const randomSpec = { kind: 'random', share } as const;
  const reference: RowSeed[] = [
    { key: 'always-s', label: `always ${ctx.names.small}`, validation: 'nothing fitted', point: a.alwaysS, decision: fixed(items, 'always-s'), threshold: null },
    { key: 'always-l', label: `always ${ctx.names.large}`, validation: 'nothing fitted', point: a.alwaysL, decision: fixed(items, 'always-l'), threshold: null },
    { key: 'random', label: `random mix, ${Math.round(share * 100)}% to ${ctx.names.large}`, validation: 'reference', point: runPolicy(items, randomSpec), decision: decide(items, randomSpec), threshold: null },
    { key: 'oracle', label: 'oracle (knows both answers)', validation: 'upper bound', point: a.oracle, decision: fixed(items, 'oracle'), threshold: null },
  ];
  return [...reference, ...candidates].map((s) => finish(s, ctx));
}
