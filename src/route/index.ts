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
// The `haikubench route` feature on top of the library: records → items, model choice, the learned
// route-by-segment rule, the whole report (route.json, policy.json) and its renderers.
export { defaultSegmentFields, pairRecords, type Pairing, type PairingOptions, type QualityMeasure, type RouteRecord } from './records.js';
export { chooseModels, modelInfo, type ModelChoice, type ModelInfo } from './models.js';
export { readRunRecords, toRouteRecord, type RunRecords } from './read-runs.js';
export {
  crossFitSegments, learnSegmentRule, ruleFromVerdicts, segmentRuleDecision, segmentRulePoint, segmentSweep,
  type SegmentCrossFit, type SegmentFold, type SegmentRule,
} from './segment-route.js';
export { buildRouteReport, shortName, type RouteInput } from './report.js';
export type { CurveMetrics, ModelRef, PolicyFile, PolicyRow, Recommendation, RouteReport, RuleKind, RunRef, Validation } from './report-types.js';
export { headline } from './headline.js';
export { renderRouteText } from './render-text.js';
export { renderRouteMarkdown } from './render-markdown.js';
export { frontPlotInput } from './front-plot.js';
// `haikubench route` and `run --route`: the analysis of finished run directories, and its files.
export { routeRuns, routeText, writeRoute, type RouteArgs, type RouteOutcome } from './route-runs.js';
