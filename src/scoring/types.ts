import type { Json, Score, ScoreInput, ScoreLabel } from '../types.js';

/** JSON Schema fragment for one scorer's own options (the common ones are added by the registry). */
export type OptionsSchema = {
  readonly properties: Readonly<Record<string, Json>>;
  readonly required?: readonly string[];
};

/** What a scorer's `check` sees: the sample, the completion, and its options with templates rendered. */
export interface CheckInput<O> extends ScoreInput {
  readonly options: O;
  /** The expected value: the rendered `expected` option, else the sample's target. */
  readonly expected: Json | undefined;
}

export interface CheckResult {
  readonly pass: boolean;
  /** 0..1; defaults to 1 for a pass and 0 for a fail. */
  readonly value?: number;
  readonly reason?: string;
  /** The check could not be judged (e.g. a cost limit with no known price): it fails, negated or not. */
  readonly undetermined?: boolean;
  /** Label scorers: what was expected and what the output named, for the classification metrics. */
  readonly label?: ScoreLabel;
}

/**
 * A deterministic scorer: one pure `check` plus the schema of its options.
 * The registry wraps it with the common options (name, weight, negate, expected).
 */
export interface ScorerDefinition<O> {
  readonly type: string;
  readonly description: string;
  readonly options: OptionsSchema;
  /** Whether the check needs an expected value (option `expected` or the sample's target). */
  readonly needsExpected: boolean;
  /** Option names whose string values are {{var}} templates rendered per sample. */
  readonly templated?: readonly string[];
  /** What is wrong with an expected value of the wrong type ("are not numbers"), checked before any call; undefined when it is fine. */
  readonly expectedProblem?: (expected: Json) => string | undefined;
  check(input: CheckInput<O>): CheckResult;
}

export type AnyScorerDefinition = ScorerDefinition<never>;

export type { Score };
