// Public API of the routing analysis (issue 6): what other folders may import.
export type {
  Costing, CostQuality, Decision, NonInferiorityRule, PolicyPoint, PolicySpec, RouteItem, ThresholdKind,
} from './analysis/types.js';
export { validateRouteItems } from './analysis/validate.js';
export { evaluateDecision, weightedQuantile } from './analysis/evaluate.js';
export { costingOf, decide, policyLabel, runPolicy } from './analysis/policies.js';
export { paretoFront, sweepPolicy, sweepThresholds } from './analysis/sweep.js';
export {
  apgr, cpt, deltaIbc, isoQualityCost, nonInferiorTarget, pgr, pgrCurve,
  type CurvePoint, type DeltaIbc, type IsoQuality, type IsoQualityInput, type NonInferiority,
} from './analysis/metrics.js';
export { aiq, costQualityPoints, hullArea, ndch, zeroRouterAiq, type CostRange } from './analysis/aiq.js';
export { auroc, deferralConfusion, signalAuroc, type DeferralConfusion, type SignalAuroc, type SignalSource } from './analysis/signal.js';
export { gapCheck, type GapCheck } from './analysis/gap.js';
export { assignFolds, type FoldOptions, type Folds } from './analysis/folds.js';
export {
  calibrateAndTest, chooseThreshold, crossFit,
  type CrossFit, type CrossFitOptions, type FoldResult, type HeldOutCheck, type SelectionOptions, type ThresholdChoice,
} from './analysis/cross-fit.js';
export { bootstrapOperatingPoint, mcnemarVsAlwaysL, type McNemarVsL, type OperatingPointCi } from './analysis/uncertainty.js';
export { NO_SEGMENT, segmentVerdicts, type SegmentVerdict, type SegmentCall as Verdict, type VerdictOptions } from './segments/segment-verdicts.js';
export { escapeXml, niceTicks, routingPlotSvg, type PlotCurve, type PlotPoint, type RoutingPlotInput } from './rendering/plot-svg.js';
export { analyseRouting, type PgrMetrics, type RoutingAnalysis, type RoutingOptions, type ThresholdPolicyAnalysis } from './analysis/analyse.js';
export { routingPlotInput } from './rendering/plot-input.js';
// The `haikubench route` feature on top of the library: records → items, model choice, the learned
// route-by-segment rule, the whole report (route.json, policy.json) and its renderers.
export { defaultSegmentFields, pairRecords, type Pairing, type PairingOptions, type QualityMeasure, type RouteRecord } from './reading/records.js';
export { chooseModels, modelInfo, type ModelChoice, type ModelInfo } from './reading/models.js';
export { readRunRecords, toRouteRecord, type RunRecords } from './reading/read-runs.js';
export {
  crossFitSegments, learnSegmentRule, ruleFromVerdicts, segmentRuleDecision, segmentRulePoint, segmentSweep,
  type SegmentCrossFit, type SegmentFold, type SegmentRule,
} from './segments/segment-route.js';
export { buildRouteReport, shortName, type RouteInput } from './report/report.js';
export type { CurveMetrics, ModelRef, PolicyFile, PolicyRow, Recommendation, RouteReport, RuleKind, RunRef, Validation } from './report/report-types.js';
export { headline } from './rendering/headline.js';
export { renderRouteText } from './rendering/render-text.js';
export { renderRouteMarkdown } from './rendering/render-markdown.js';
export { frontPlotInput } from './rendering/front-plot.js';
// `haikubench route` and `run --route`: the analysis of finished run directories, and its files.
export { routeRuns, routeText, writeRoute, type RouteArgs, type RouteOutcome } from './report/route-runs.js';
