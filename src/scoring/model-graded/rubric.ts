import type { ReducedVerdict } from '../../judge/reduce.js';
import { intScaleSchema, normalised, scaleIssues, type GradedDefinition, type IntScale } from './types.js';

// rubric: the judge grades the output against a rubric on an integer scale; the sample passes when
// the (reduced) score reaches pass_at. The value is the score mapped to 0..1.

export interface RubricOptions {
  readonly rubric: string;
  readonly scale: IntScale;
  readonly pass_at: number;
}

export const rubric: GradedDefinition<RubricOptions> = {
  type: 'rubric',
  description: 'A judge model grades the output against a rubric on an integer scale; passes at pass_at or above.',
  options: {
    properties: {
      rubric: { type: 'string', minLength: 1, description: 'What a good output is; {{var}} from the sample, {{output}} refers to the output.' },
      scale: intScaleSchema,
      pass_at: { type: 'number', description: 'Pass when the judge\'s score is at least this (on the scale). Set here, never by the judge.' },
    },
    required: ['rubric', 'scale', 'pass_at'],
  },
  needsExpected: false,
  templated: ['rubric'],
  check: (o) => scaleIssues(o.scale, o.pass_at, ''),
  task: ({ options, output, input }) => ({
    kind: 'rubric', rubric: options.rubric, scale: { type: 'integer', min: options.scale.min, max: options.scale.max }, output,
    ...(input !== undefined && { input }),
  }),
  score: (v: ReducedVerdict, o) => {
    const s = v.kind === 'rubric' ? v.score.value : Number.NaN;
    const pass = s >= o.pass_at;
    return { value: normalised(s, o.scale), pass, ...(!pass && { reason: `judge score ${s} is below pass_at ${o.pass_at}` }) };
  },
  margin: (v: ReducedVerdict, o) => Math.abs((v.kind === 'rubric' ? v.score.value : Number.NaN) - o.pass_at),
};
