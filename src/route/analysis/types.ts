// Shared types of the routing analysis (issue 6, "which requests can run on Haiku";
// Part 2). Every policy is an offline replay over items both models answered: nothing here calls a model.

/**
 * One sample that both the small model S and the large model L answered. Costs and latencies may be
 * unknown (null): the analysis then reports "unknown" for whatever needs them and never invents a number.
 */
export interface RouteItem {
  /** Sample id, for reports only. */
  readonly id?: string;
  /** Quality of S's answer: 0/1 pass or a score in [0, 1]. */
  readonly qS: number;
  /** Quality of L's answer, on the same scale. */
  readonly qL: number;
  /** USD cost of S's call (tokens × price, cache discounts included); null when unknown. */
  readonly cS: number | null;
  readonly cL: number | null;
  /** Latency of S's call in ms; null when unknown. */
  readonly lS: number | null;
  readonly lL: number | null;
  /** Unit of randomisation (passage, source question): folds and bootstrap keep a cluster together. */
  readonly cluster?: string;
  /** Segment values by field (e.g. { language: 'de' }), for route-by-segment and per-segment verdicts. */
  readonly segments?: Readonly<Record<string, string>>;
  /** Pre-generation signal, known before any call (a tag score, a trained router): higher = S more likely enough. */
  readonly preSignal?: number;
  /** Post-generation signal on S's answer (judge score, stated confidence, logprob): higher = more confident. */
  readonly signal?: number;
  /** Whether S's answer passed its deterministic checks (the gate cascade escalates when false). */
  readonly checkPassed?: boolean;
}

/**
 * How a policy pays. A router picks one model before any call (cost c_S or c_L). A cascade always calls S
 * and, when it escalates, also L (cost c_S + c_L, latency l_S + l_L).
 */
export type Costing = 'router' | 'cascade';

/**
 * A policy's decision on every item: weights[i] = probability that item i calls L (0 or 1 for
 * deterministic policies, the mix share for the random mix). Same order as the items.
 */
export interface Decision {
  readonly costing: Costing;
  readonly weights: readonly number[];
}

/** Policies with a threshold τ on a signal; items with signal ≤ τ go to (or escalate to) L. */
export type ThresholdKind = 'router' | 'cascade' | 'gate-or-threshold';

/** The policies the analysis replays. Threshold τ = −Infinity sends nothing to L by the threshold. */
export type PolicySpec =
  | { readonly kind: 'always-s' }
  | { readonly kind: 'always-l' }
  /** Each item goes to L with probability `share` (the Zero router; evaluated in expectation, no draws). */
  | { readonly kind: 'random'; readonly share: number }
  /** L iff q_L > q_S; ties go to the cheaper model (to S when a price is unknown). */
  | { readonly kind: 'oracle' }
  /** Router on preSignal: L iff preSignal ≤ threshold. */
  | { readonly kind: 'router'; readonly threshold: number }
  /** Cascade on signal: escalate iff signal ≤ threshold. */
  | { readonly kind: 'cascade'; readonly threshold: number }
  /** Cascade that escalates iff S's deterministic checks failed. */
  | { readonly kind: 'gate' }
  /** Cascade that escalates iff the checks failed or signal ≤ threshold. */
  | { readonly kind: 'gate-or-threshold'; readonly threshold: number }
  /** Router that sends items whose segment `field` has one of `values` to L. */
  | { readonly kind: 'segment'; readonly field: string; readonly values: readonly string[] };

/** A policy replayed on a set of items. Every figure is null when it cannot be computed (n = 0, unknown prices). */
export interface PolicyPoint {
  /** Human-readable label, e.g. "cascade" or "segment language ∈ {de}". */
  readonly policy: string;
  readonly costing: Costing;
  /** τ for threshold policies, else null. */
  readonly threshold: number | null;
  readonly n: number;
  /** Mean quality Q. */
  readonly quality: number | null;
  /** Strong-call share c: the share of items that call L. */
  readonly strongShare: number | null;
  /** Share of items that called S and then L (cascades); 0 for routers, which never escalate. */
  readonly escalatedShare: number | null;
  /** Mean USD per item; null when a price the policy needs is unknown. */
  readonly costPerItem: number | null;
  /** USD per 1,000 requests (costPerItem × 1000). */
  readonly costPer1k: number | null;
  readonly latencyMeanMs: number | null;
  /** The smallest latency that at least 95% of requests finish within (see evaluate.ts). */
  readonly latencyP95Ms: number | null;
  /** Why a figure is null, e.g. "cost unknown: 2 of 10 items lack a price this policy needs". */
  readonly unknown: readonly string[];
}

/** A point in the quality–cost plane (cost in USD per item unless said otherwise). */
export interface CostQuality {
  readonly cost: number;
  readonly quality: number;
}

/** The non-inferiority rule for "as good as L": Q ≥ Q_L − ε ('margin') or Q ≥ 0.95·Q_L ('relative'). */
export type NonInferiorityRule = 'margin' | 'relative';
