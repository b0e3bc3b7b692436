import type { Json } from '../../types.js';
import type { JudgeTask } from '../../types/judge-task.js';
import type { ReducedVerdict } from '../../judge/reduce.js';
import type { OptionsSchema } from '../types.js';

// A model-graded scorer type: its options, the checks a JSON Schema cannot express, how a sample
// becomes a judge task, and how the judge's reduced verdict becomes a score. The pass threshold
// (pass_at) always comes from the spec, never from the judge.

/** One problem with a scorer's options: a JSON pointer below the scorer (e.g. "/pass_at") and a message. */
export interface OptionIssue {
  readonly path: string;
  readonly message: string;
}

/** What a task is built from: the rendered options, the output under evaluation, the prompt, the expected value. */
export interface TaskInput<O> {
  readonly options: O;
  readonly output: string;
  /** The user turn(s) the model was given, rendered. */
  readonly input: string | undefined;
  readonly expected: Json | undefined;
}

export interface GradedResult {
  /** 0..1 */
  readonly value: number;
  readonly pass: boolean;
  readonly reason?: string;
}

export interface GradedDefinition<O> {
  readonly type: string;
  readonly description: string;
  /** The type's own options; the common ones and `judge` are added by the spec schema. */
  readonly options: OptionsSchema;
  readonly needsExpected: boolean;
  /** Option names whose strings are {{var}} templates; `{{output}}` names the output under evaluation. */
  readonly templated: readonly string[];
  check(options: O): readonly OptionIssue[];
  task(input: TaskInput<O>): JudgeTask;
  score(verdict: ReducedVerdict, options: O): GradedResult;
  /** Distance in scale points of the reduced verdict from the pass threshold (criteria: the smallest); `escalate.when.near` compares it. */
  margin(verdict: ReducedVerdict, options: O): number;
}

export type AnyGradedDefinition = GradedDefinition<never>;

/** JSON Schema of an integer scale {min, max}. */
export const intScaleSchema: Json = {
  type: 'object',
  description: 'The judge\'s integer scale, e.g. {min: 1, max: 10}.',
  properties: { min: { type: 'integer' }, max: { type: 'integer' } },
  required: ['min', 'max'],
  additionalProperties: false,
};

export interface IntScale { readonly min: number; readonly max: number }

/** Issues of a scale and a pass_at on it (at `where`, e.g. "" or "/criteria/0"). */
export function scaleIssues(scale: IntScale, passAt: number, where: string): OptionIssue[] {
  if (scale.min >= scale.max) return [{ path: `${where}/scale`, message: `min (${scale.min}) must be below max (${scale.max})` }];
  if (passAt < scale.min || passAt > scale.max) {
    return [{ path: `${where}/pass_at`, message: `${passAt} is outside the scale ${scale.min}..${scale.max}; the pass threshold must be a score the judge can give` }];
  }
  return [];
}

/** A score on an integer scale mapped to 0..1. */
export const normalised = (score: number, scale: IntScale): number => (score - scale.min) / (scale.max - scale.min);

/** What `{{output}}` becomes in trusted text: a pointer to the delimited block, never the untrusted output itself. */
export const OUTPUT_REFERENCE = 'the output (shown in the output block below)';
