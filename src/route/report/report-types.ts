import type { PgrMetrics, RoutingAnalysis } from '../analysis/analyse.js';
import type { IsoQuality } from '../analysis/metrics.js';
import type { NonInferiority } from '../analysis/non-inferiority.js';
import type { QualityMeasure } from '../reading/records.js';
import type { SegmentCrossFit } from '../segments/segment-route.js';
import type { SegmentCascadeFit } from '../segments/segment-cascade.js';
import type { DeferralConfusion, SignalAuroc } from '../analysis/signal.js';
import type { PolicyPoint } from '../analysis/types.js';
import type { Estimate, McNemarVsL } from '../analysis/uncertainty.js';

// The shape of route.json (the whole tiering analysis of `haikubench route`) and of policy.json (the
// chosen policy, for an application to load). Renderers read only a RouteReport.

export interface ModelRef {
  readonly id: string;
  readonly simulated: boolean;
  /** False when some of its paired records have no cost (the model had no price when it ran). */
  readonly priced?: boolean;
}

export interface RunRef {
  readonly dir: string;
  readonly runId: string;
  readonly evalId: string;
}

/** The policies a recommendation can be; 'gate' and the cascades call S first. */
export type RuleKind = 'segments' | 'segments-cascade' | 'router' | 'cascade' | 'gate' | 'gate-or-threshold' | 'always-small' | 'always-large';

/**
 * How a row's figures were obtained: 'held-out' = cross-fitted (rule or threshold chosen on the other
 * folds); 'nothing fitted' = a fixed policy with nothing chosen from the data, so its figure on all items
 * is not flattered; 'upper bound' = the oracle (needs the answers); 'reference' = the random mix.
 */
export type Validation = 'held-out' | 'nothing fitted' | 'upper bound' | 'reference';

export interface PolicyRow {
  readonly key: 'always-s' | 'always-l' | 'random' | 'oracle' | 'segments' | 'segments-cascade' | 'router' | 'cascade' | 'gate-or-threshold' | 'gate';
  readonly label: string;
  readonly validation: Validation;
  readonly point: PolicyPoint;
  /** Paired bootstrap interval of the quality (over items, or clusters). */
  readonly qualityCi: readonly [number, number] | null;
  /** Savings against always-L with its bootstrap interval; null when a price is unknown. */
  readonly savings: Estimate | null;
  /** Within the tolerance of always-L by the interval (lower bound of Q − Q_L ≥ −tolerance, vsLarge); null without a quality. */
  readonly meetsTarget: boolean | null;
  /** Q − Q_L on the paired items with its interval and non-inferiority verdict; null for always-L itself. */
  readonly vsLarge: NonInferiority | null;
  /** The threshold to deploy (chosen on all items) for threshold policies. */
  readonly threshold: number | null;
}

/** Curve metrics of one swept policy family, all in-sample. */
export interface CurveMetrics {
  readonly label: string;
  readonly pgr: PgrMetrics;
  readonly aiq: number | null;
  readonly isoQualityInSample: IsoQuality;
  /** AutoMix ΔIBC at the deployed threshold (cascades only). */
  readonly deltaIbc: number | null;
  readonly auroc: SignalAuroc | null;
}

export interface Recommendation {
  readonly rule: RuleKind;
  readonly row: PolicyRow;
  /** The candidates considered (rows whose figures are held-out or have nothing fitted). */
  readonly considered: readonly string[];
  readonly why: string;
  readonly confusion: DeferralConfusion | null;
  readonly mcnemar: McNemarVsL | null;
}

/** policy.json: what an application needs to route, and how the policy was validated. */
export interface PolicyFile {
  readonly schemaVersion: 1;
  readonly small: string;
  readonly large: string;
  readonly rule: RuleKind;
  /**
   * rule 'segments': requests whose `field` value is in toSmall go to small; every other value (new ones
   * too) to large. rule 'segments-cascade': toSmall values go to small alone; every other value follows `cascade`.
   */
  readonly segments?: { readonly field: string; readonly toSmall: readonly string[]; readonly toLarge: readonly string[]; readonly otherValues: 'large' | 'cascade' };
  /**
   * Router (pre-generation): before any call, send a request to large when its signal ≤ threshold
   * (high values favour small), or ≥ threshold when high values favour large.
   */
  readonly router?: { readonly signal: string; readonly threshold: number; readonly largeWhen: 'signal <= threshold' | 'signal >= threshold' };
  /** Cascades: call small first, escalate to large when the signal (a scorer's value on small's answer) ≤ threshold. */
  readonly cascade?: { readonly signal: string; readonly threshold: number; readonly escalateWhen: 'signal <= threshold' };
  /** Gate cascades: escalate when this deterministic check fails on small's answer. */
  readonly check?: { readonly scorer: string; readonly escalateWhen: 'check fails' };
  readonly validated: {
    readonly quality: number | null;
    readonly ci: readonly [number, number] | null;
    readonly level: number;
    readonly alwaysLargeQuality: number | null;
    readonly tolerance: number;
    readonly savings: number | null;
    readonly savingsCi: readonly [number, number] | null;
    readonly shareToLarge: number | null;
    /** True when the figures come from held-out folds (rule or threshold chosen on the other folds). */
    readonly heldOut: boolean;
    readonly folds: number | null;
    /** Rule 'segments': folds whose rule (learned without them) matched this one. */
    readonly stableFolds: number | null;
    readonly pairedSamples: number;
  };
  /** The runs the policy was learned from. */
  readonly runs: readonly string[];
  /** True when either model's records come from the simulator: then nothing here is a measurement. */
  readonly simulated: boolean;
}

export interface RouteReport {
  readonly schemaVersion: 1;
  readonly generatedBy: 'haikubench route';
  readonly models: { readonly small: ModelRef; readonly large: ModelRef };
  readonly runs: readonly RunRef[];
  readonly quality: QualityMeasure;
  readonly epochs: { readonly small: number; readonly large: number };
  readonly samples: { readonly paired: number; readonly errors: number; readonly unpaired: number; readonly unscored: number };
  readonly options: {
    readonly tolerance: number;
    readonly level: number;
    readonly folds: number;
    readonly seed: number;
    readonly segmentFields: readonly string[];
    /** Metadata field whose values cluster the samples (folds keep a cluster together, intervals resample clusters); null = independent. */
    readonly cluster: string | null;
    readonly signal: string | null;
    readonly check: string | null;
    /** The router's pre-generation signal (--router), and which model its high values favour; null without one. */
    readonly router?: { readonly signal: string; readonly high: 'small' | 'large' } | null;
  };
  readonly simulated: boolean;
  /** Q_L − tolerance: the quality a policy must keep. */
  readonly target: number | null;
  readonly analysis: RoutingAnalysis;
  readonly segmentRoute: SegmentCrossFit | null;
  /** Route by segment, cascade elsewhere (needs a signal): cross-fitted rule and threshold. */
  readonly segmentCascade: SegmentCascadeFit | null;
  /** The swept route-by-segment curve of the chosen field (in-sample). */
  readonly segmentSweep: readonly PolicyPoint[];
  readonly policies: readonly PolicyRow[];
  readonly curves: readonly CurveMetrics[];
  readonly recommendation: Recommendation;
  readonly policy: PolicyFile;
  /** Things the reader must know: skipped policies, missing signals, left-out samples. */
  readonly notes: readonly string[];
}
