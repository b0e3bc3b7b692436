import type { Sample, Usage } from '../types.js';
import type { JudgeTask, Winner } from './judge-task.js';
import type { ReducedVerdict, ReduceMethod } from './judge-task.js';

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
  /** Summed over every judge this score asked (with a cascade: the cheap judge's and the escalation's calls). */
  readonly calls: JudgeCalls;
  /** With `escalate`: whether the cheap judge's verdict was escalated, why, and each judge's share. */
  readonly cascade?: JudgeCascade;
}

/**
 * Why an item went to the larger judge: the cheap score was near the pass threshold, its samples
 * disagreed, its pairwise verdict flipped with the order, or it gave no verdict at all.
 */
export type EscalationReason = 'near' | 'disagree' | 'flip' | 'error';

/**
 * A cascaded score's judges. Not escalated: JudgeInfo is the cheap judge's, as without a cascade.
 * Escalated: the score (and JudgeInfo's model, verdict, reasoning and samples) is the escalation
 * judge's, `cheap` keeps the cheap judge's side, and JudgeInfo.calls = cheap.calls + escalationCalls.
 */
export type JudgeCascade =
  | { readonly escalated: false; readonly escalateTo: string }
  | {
      readonly escalated: true;
      /** The escalation judge's provider id. */
      readonly escalateTo: string;
      readonly reasons: readonly EscalationReason[];
      /**
       * The cheap judge: its verdict (on its scale), the pass decision it gave (negate applied), its
       * samples and calls; verdict and pass are null when it gave no verdict (reason 'error', with why).
       */
      readonly cheap: {
        readonly model: string;
        readonly verdict: JudgeInfo['verdict'] | null;
        readonly pass: boolean | null;
        readonly error?: string;
        readonly samples: JudgeInfo['samples'];
        readonly calls: JudgeCalls;
      };
      readonly escalationCalls: JudgeCalls;
    };

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
  /** The two outputs' lengths in characters (for calibrate's length bias); absent in records written before they were kept. */
  readonly lengths?: { readonly candidate: number; readonly baseline: number };
}

/** What the judge calls of one score (or one record) took: calls (re-asks and retries included), tokens, cost. */
export interface JudgeCalls {
  /** Judge requests made this run (0 for cached answers), re-asks and retries included. */
  readonly attempts: number;
  /** Judge answers used (cached ones included). */
  readonly answers: number;
  readonly usage: Usage;
  /** What the answers used cost at list price (cached ones included); null when a judge has no known price. */
  readonly costUsd: number | null;
  /**
   * What this run spent on judge calls: answers from the cache excluded (what --max-cost counts); null
   * when a judge has no known price. Absent in records of runs before it was recorded.
   */
  readonly spentUsd?: number | null;
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

