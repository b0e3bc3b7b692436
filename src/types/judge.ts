import type { Sample } from '../types.js';
import type { JudgeTask } from './judge-task.js';
import type { JudgeCalls, JudgeInfo } from './record-schema.js';
import type { ReducedVerdict, ReduceMethod } from './judge-task.js';

// The judge of model-graded scorers as the rest of the code sees it: what a judged score records,
// what a scorer asks its judge client, and what comes back. Apart from types.ts to keep it small;
// types.ts re-exports every name, so imports need not know. What a judged score records (JudgeInfo,
// its verdict, cascade and calls) is defined with the record's JSON Schema, in record-schema.ts.

export type { JudgeCalls, JudgeCascade, JudgeInfo, PairVerdict } from './record-schema.js';

/**
 * Why an item went to the larger judge: the cheap score was near the pass threshold, its samples
 * disagreed, its pairwise verdict flipped with the order, or it gave no verdict at all.
 */
export type EscalationReason = 'near' | 'disagree' | 'flip' | 'error';

/** What a model-graded scorer asks its judge client. */
export interface JudgeRequest {
  /** Scorer name: part of the nonce, so two judged scorers of one item never share a prompt. */
  readonly scorer: string;
  readonly settings: JudgeSettings;
  readonly task: JudgeTask;
  readonly sample: Sample;
  readonly epoch: number;
  /** The output under evaluation (the simulator's truth is computed from it); pairwise: the output shown as A. */
  readonly output: string;
}

/** A judge's verdict reduced over its samples, or why there is none. */
export type JudgeOutcome =
  | { readonly ok: true; readonly verdict: ReducedVerdict; readonly info: JudgeInfo }
  | { readonly ok: false; readonly message: string; readonly calls: JudgeCalls };

/** Calls a judge model through the run's machinery (pacing, retries, cache, prices). Injected into scorers. */
export interface JudgeClient {
  judge(req: JudgeRequest, signal: AbortSignal): Promise<JudgeOutcome>;
}

/** A model-graded scorer's judge, resolved from the scorer's `judge:` and the spec's default. */
/**
 * How a judge's verdict is asked for: the API's JSON-schema output format (default), a forced tool
 * call (the way of models and endpoints without it), or neither (the prompt alone; the tolerant
 * parser reads the answer).
 */
export type StructuredMode = 'json_schema' | 'tool' | 'none';

export interface JudgeSettings {
  /** Provider id of the judge model: "anthropic:claude-sonnet-5-5", "sim:judge". */
  readonly model: string;
  /** Default json_schema. */
  readonly structured?: StructuredMode;
  /** Verdicts asked per item (k), reduced with `reducer`. */
  readonly samples: number;
  readonly reducer: ReduceMethod;
  readonly maxTokens: number;
  /** A larger judge asked when this one is unsure (issue 5: cascaded judging). */
  readonly escalate?: EscalationSettings;
  /** The agreement with human labels the judge must reach before the scorer's scores gate anything. */
  readonly calibration?: JudgeCalibrationSpec;
}

/** When the cheap judge counts as unsure: `near` (scale points from the scorer's pass threshold, inclusive), `disagree` (its samples differ). */
export interface EscalateWhen {
  readonly near: number | null;
  readonly disagree: boolean;
  /** pairwise: the cheap verdict changed with the order. */
  readonly flip: boolean;
  /** The cheap judge gave no verdict. */
  readonly error: boolean;
}

/** The escalation judge: resolved like any judge, plus when to ask it. */
export interface EscalationSettings {
  readonly model: string;
  /** Default json_schema (not the cheap judge's: it is another model). */
  readonly structured?: StructuredMode;
  readonly samples: number;
  readonly reducer: ReduceMethod;
  readonly maxTokens: number;
  readonly when: EscalateWhen;
}

/** A judge's required agreement with human labels (`judge.calibration` in the spec), resolved. */
export interface JudgeCalibrationSpec {
  /** Absolute path of the labels file. */
  readonly labels: string;
  /** The path as the spec wrote it (relative to the spec), shown in messages. */
  readonly shown: string;
  /** JSON pointer of the declaration: "/scorers/1/judge/calibration" or "/judge/calibration". */
  readonly at: string;
  readonly minKappa?: number;
  readonly minAccuracy?: number;
  readonly weighting: 'quadratic' | 'linear' | 'unweighted';
  /** Compare the point estimate or the lower end of the 95% interval with the minimum. */
  readonly bound: 'estimate' | 'lower';
  readonly idField: string;
  readonly labelField: string;
  /** Criteria scorers: the criterion whose verdicts are calibrated. */
  readonly criterion?: string;
}

