import type { Sample, Usage } from './types.js';
import type { JudgeTask, Winner } from './judge/types.js';
import type { ReducedVerdict, ReduceMethod } from './judge/reduce.js';

// The judge of model-graded scorers as the rest of the code sees it: what a judged score records,
// what a scorer asks its judge client, and what comes back. Apart from types.ts to keep it small;
// types.ts re-exports every name, so imports need not know.

/** The judge's side of a model-graded score (kept in records.jsonl). */
export interface JudgeInfo {
  /** The judge's provider id. */
  readonly model: string;
  /** Judge prompt version (judgePromptVersion): part of the cache key. */
  readonly version: string;
  /** The reasoning of the first valid sample. */
  readonly reasoning: string;
  /** The reduced verdict on the judge's own scale: a score, one score per criterion, or a pairwise comparison's two orders. */
  readonly verdict: number | Readonly<Record<string, number>> | PairVerdict;
  /** Valid verdicts reduced / samples asked for. */
  readonly samples: { readonly valid: number; readonly asked: number; readonly agreement: number };
  readonly calls: JudgeCalls;
}

/**
 * A pairwise score's verdict: the winning position the judge named in each order (A is the output
 * shown first), whether the outcome for the candidate changed with the order (then it is a tie),
 * and the outcome for the candidate.
 */
export interface PairVerdict {
  /** The candidate shown first (as A), the baseline second. */
  readonly candidateFirst: Winner;
  /** The baseline shown first (as A), the candidate second. */
  readonly candidateSecond: Winner;
  readonly flipped: boolean;
  readonly outcome: 'win' | 'tie' | 'loss';
}

/** What the judge calls of one score (or one record) took: calls (re-asks and retries included), tokens, cost. */
export interface JudgeCalls {
  /** Judge requests made this run (0 for cached answers), re-asks and retries included. */
  readonly attempts: number;
  /** Judge answers used (cached ones included). */
  readonly answers: number;
  readonly usage: Usage;
  /** null when the judge model has no known price. */
  readonly costUsd: number | null;
}

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
export interface JudgeSettings {
  /** Provider id of the judge model: "anthropic:claude-sonnet-5-5", "sim:judge". */
  readonly model: string;
  /** Verdicts asked per item (k), reduced with `reducer`. */
  readonly samples: number;
  readonly reducer: ReduceMethod;
  readonly maxTokens: number;
  /** The agreement with human labels the judge must reach before the scorer's scores gate anything. */
  readonly calibration?: JudgeCalibrationSpec;
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

