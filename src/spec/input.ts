import type { Json } from '../types.js';

// The spec as the user writes it (after schema validation). spec/resolve turns it into EvalSpec.

export interface SimInput {
  readonly accuracy?: number;
  readonly segment?: string;
  readonly accuracy_by?: Readonly<Record<string, number>>;
  readonly latency_ms?: number;
  readonly realtime?: boolean;
  readonly seed?: number;
  readonly stated_confidence?: { readonly auroc: number; readonly bias?: number };
}

export interface ModelInput {
  readonly id: string;
  readonly label?: string;
  readonly max_tokens?: number;
  readonly stop?: readonly string[];
  readonly thinking?: 'adaptive' | 'disabled' | { readonly budget_tokens: number };
  readonly effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  readonly stream?: boolean;
  readonly temperature?: number;
  readonly base_url?: string;
  readonly api_key_env?: string;
  readonly concurrency?: number;
  readonly rate_limit?: { readonly requests_per_minute?: number; readonly input_tokens_per_minute?: number; readonly output_tokens_per_minute?: number };
  readonly sim?: SimInput;
}

export interface ScorerInput {
  readonly type: string;
  readonly name?: string;
  readonly weight?: number;
  readonly negate?: boolean;
  readonly reducer?: 'mean' | 'majority' | 'pass_at_k' | 'pass_hat_k' | { readonly at_least: number };
  readonly expected?: Json;
  readonly [option: string]: Json | undefined;
}

/** The judge of model-graded scorers, as written (on a scorer, or the spec-level default). */
export interface JudgeInput {
  readonly model?: string;
  readonly structured?: 'json_schema' | 'tool' | 'none';
  readonly samples?: number;
  readonly reducer?: 'mean' | 'median' | 'majority';
  readonly max_tokens?: number;
  readonly agreement?: number;
  /** A larger judge for the items this one is unsure of; false on a scorer turns off the spec-level one. */
  readonly escalate?: EscalateInput | false;
  readonly calibration?: JudgeCalibrationInput;
}

/** The escalation judge of a cascade, as written. */
export interface EscalateInput {
  readonly model: string;
  readonly structured?: 'json_schema' | 'tool' | 'none';
  readonly samples?: number;
  readonly reducer?: 'mean' | 'median' | 'majority';
  readonly max_tokens?: number;
  readonly agreement?: number;
  readonly when: { readonly near?: number; readonly disagree?: boolean; readonly flip?: boolean; readonly error?: boolean };
}

/** `judge.calibration`: the agreement with human labels required before the scorer's scores gate. */
export interface JudgeCalibrationInput {
  readonly labels: string;
  readonly min_kappa?: number;
  readonly min_accuracy?: number;
  readonly weighting?: 'quadratic' | 'linear' | 'unweighted';
  readonly bound?: 'estimate' | 'lower';
  readonly id_field?: string;
  readonly label_field?: string;
  readonly criterion?: string;
}

export interface EvalSpecInput {
  readonly name: string;
  readonly description?: string;
  readonly dataset: {
    readonly path: string;
    readonly format?: 'jsonl' | 'json' | 'csv' | 'tsv';
    readonly fields?: { readonly id?: string; readonly target?: string; readonly group?: string; readonly metadata?: readonly string[] };
    readonly limit?: number;
    readonly shuffle?: boolean;
    readonly seed?: number;
  };
  readonly prompt: {
    readonly system?: string;
    readonly user?: string;
    readonly messages?: readonly { readonly role: 'user' | 'assistant'; readonly content: string }[];
  };
  readonly models: readonly (string | ModelInput)[];
  readonly scorers: readonly ScorerInput[];
  readonly judge?: JudgeInput;
  readonly pass?: 'all' | 'any' | { readonly threshold: number };
  readonly gates?: readonly { readonly model: string; readonly min_pass_rate: number }[];
  readonly regression?: {
    readonly max_drop?: number; readonly max_score_drop?: number; readonly judge?: 'interval' | 'significance';
    readonly level?: number; readonly must_pass?: readonly string[];
  };
  readonly run?: {
    readonly epochs?: number;
    readonly concurrency?: number;
    readonly limit?: number;
    readonly seed?: number;
    readonly max_tokens?: number;
    readonly timeout_ms?: number;
    readonly max_attempts?: number;
    readonly max_retry_wait_ms?: number;
    readonly connection_retry_ms?: number;
    readonly max_error_rate?: number;
    readonly confidence?: number;
    readonly retries?: { readonly rate_limit?: number; readonly overloaded?: number; readonly server?: number };
  };
}
