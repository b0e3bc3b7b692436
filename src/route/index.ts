// Public API of the routing analysis (issue 6): what other folders may import.
export type {
  Costing, CostQuality, Decision, NonInferiorityRule, PolicyPoint, PolicySpec, RouteItem, ThresholdKind,
} from './types.js';
export { validateRouteItems } from './validate.js';
export { evaluateDecision, weightedQuantile } from './evaluate.js';
export { costingOf, decide, policyLabel, runPolicy } from './policies.js';
export { paretoFront, sweepPolicy, sweepThresholds } from './sweep.js';
export {
  apgr, cpt, deltaIbc, isoQualityCost, nonInferiorTarget, pgr, pgrCurve,
  type CurvePoint, type DeltaIbc, type IsoQuality, type IsoQualityInput, type NonInferiority,
} from './metrics.js';
export { aiq, costQualityPoints, hullArea, ndch, zeroRouterAiq, type CostRange } from './aiq.js';
export { auroc, deferralConfusion, signalAuroc, type DeferralConfusion, type SignalAuroc, type SignalSource } from './signal.js';
export { gapCheck, type GapCheck } from './gap.js';
export { assignFolds, type FoldOptions, type Folds } from './folds.js';
export {
  calibrateAndTest, chooseThreshold, crossFit,
  type CrossFit, type CrossFitOptions, type FoldResult, type HeldOutCheck, type SelectionOptions, type ThresholdChoice,
} from './calibrate.js';
export { bootstrapOperatingPoint, mcnemarVsAlwaysL, type McNemarVsL, type OperatingPointCi } from './uncertainty.js';
export { NO_SEGMENT, segmentVerdicts, type SegmentVerdict, type Verdict, type VerdictOptions } from './segment-verdicts.js';
export { escapeXml, niceTicks, routingPlotSvg, type PlotCurve, type PlotPoint, type RoutingPlotInput } from './plot-svg.js';
export { analyseRouting, type PgrMetrics, type RoutingAnalysis, type RoutingOptions, type ThresholdPolicyAnalysis } from './analyse.js';
export { routingPlotInput } from './plot-input.js';
