import { SIM } from './headline.js';
import { shortName } from '../report/report.js';
import type { PlotCurve, PlotPoint, RoutingPlotInput } from './plot-svg.js';
import type { RouteReport } from '../report/report-types.js';
import type { PolicyPoint } from '../analysis/types.js';

// front.svg's input from a route report: S, L and the oracle as points, the route-by-segment curve and
// each threshold cascade's sweep (in-sample curves: labels stay short to fit the legend), and the
// recommended policy's own figure (held-out when it was fitted) ringed. Null when S's or L's cost is
// unknown: there is no cost axis to draw on.

const placed = (p: PolicyPoint): PlotPoint | null =>
  p.costPer1k === null || p.quality === null ? null : { costPer1k: p.costPer1k, quality: p.quality };

const curve = (label: string, points: readonly PolicyPoint[]): PlotCurve => ({
  label, points: points.map(placed).filter((x): x is PlotPoint => x !== null),
});

export function frontPlotInput(r: RouteReport): RoutingPlotInput | null {
  const a = r.analysis;
  const s = placed(a.alwaysS);
  const l = placed(a.alwaysL);
  if (s === null || l === null) return null;
  const oracle = placed(a.oracle);
  const curves: PlotCurve[] = [
    ...(r.segmentRoute === null || r.segmentSweep.length === 0 ? [] : [curve(`by ${r.segmentRoute.rule.field}`.slice(0, 18), r.segmentSweep)]),
    ...a.policies.map((p) => curve(p.kind, p.sweep)),
  ];
  const row = r.recommendation.row;
  const chosen = placed(row.point);
  const title = `Quality vs cost, ${shortName(r.models.small.id)} → ${shortName(r.models.large.id)}${r.simulated ? ` ${SIM}` : ''}`;
  return {
    title, s, l, curves, ...(oracle ? { oracle } : {}),
    ...(chosen ? { chosen: { ...chosen, label: `recommended${row.validation === 'held-out' ? ', held-out' : ''}` } } : {}),
  };
}
