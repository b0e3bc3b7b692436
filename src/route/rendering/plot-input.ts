import type { RoutingAnalysis } from '../analysis/analyse.js';
import type { PlotCurve, PlotPoint, RoutingPlotInput } from './plot-svg.js';
import type { PolicyPoint } from '../analysis/types.js';

// From an analysis to the quality-vs-$ plot: S, L, the oracle, each threshold policy's sweep as a curve,
// and as the chosen operating point the first policy's cross-fitted (held-out) point, since that is the
// figure the analysis stands behind. Points whose cost is unknown cannot be placed and are left out.

const placed = (p: PolicyPoint): PlotPoint | null =>
  p.costPer1k === null || p.quality === null ? null : { costPer1k: p.costPer1k, quality: p.quality };

/** The plot's input, or null when S's or L's cost is unknown (there is no cost axis to draw on). */
export function routingPlotInput(analysis: RoutingAnalysis, title?: string): RoutingPlotInput | null {
  const s = placed(analysis.alwaysS);
  const l = placed(analysis.alwaysL);
  if (s === null || l === null) return null;
  const oracle = placed(analysis.oracle);
  const curves: PlotCurve[] = analysis.policies.map((p) => ({
    label: p.kind, points: p.sweep.map(placed).filter((x): x is PlotPoint => x !== null),
  }));
  const fit = analysis.policies[0]?.crossFit;
  const chosenPoint = fit ? placed(fit.heldOut) : null;
  return {
    ...(title === undefined ? {} : { title }), s, l, curves,
    ...(oracle ? { oracle } : {}),
    ...(fit && chosenPoint ? { chosen: { ...chosenPoint, label: `${fit.heldOut.policy}, held-out` } } : {}),
  };
}
