import type { ReducedVerdict } from '../../judge/reduce.js';
import { asText } from '../../prompt/template.js';
import type { GradedDefinition } from './types.js';

// reference: the judge decides whether the output is correct against the expected answer (the
// `expected` option or the sample's target): 0 or 1, or 0 / 0.5 / 1 with partial_credit. Passes at
// pass_at (default 1: fully correct).

export interface ReferenceOptions {
  readonly partial_credit?: boolean;
  readonly pass_at?: number;
  readonly instructions?: string;
}

export const reference: GradedDefinition<ReferenceOptions> = {
  type: 'reference',
  description: 'A judge model checks the output against the expected answer (0/1, or 0/0.5/1 with partial_credit).',
  options: {
    properties: {
      partial_credit: { type: 'boolean', description: 'Allow 0.5 for a partially correct output (default false: 0 or 1).' },
      pass_at: { type: 'number', description: 'Pass when the judge\'s score is at least this (default 1: fully correct).' },
      instructions: { type: 'string', minLength: 1, description: 'Extra guidance for the judge ({{var}} templates).' },
    },
  },
  needsExpected: true,
  templated: ['instructions'],
  check: (o) => {
    const p = o.pass_at;
    if (p === undefined) return [];
    if (!(p > 0 && p <= 1)) return [{ path: '/pass_at', message: `${p} is outside the scale 0..1; use a value above 0 and at most 1` }];
    if (o.partial_credit !== true && p !== 1) return [{ path: '/pass_at', message: `${p} is neither 0 nor 1: without partial_credit the judge answers 0 or 1; set partial_credit: true or pass_at: 1` }];
    return [];
  },
  task: ({ options, output, input, expected }) => ({
    kind: 'reference', reference: asText(expected ?? ''), output,
    ...(options.partial_credit === true && { partialCredit: [0.5] }),
    ...(options.instructions !== undefined && { instructions: options.instructions }),
    ...(input !== undefined && { input }),
  }),
  score: (v: ReducedVerdict, o) => {
    const s = v.kind === 'reference' ? v.score.value : Number.NaN;
    const at = o.pass_at ?? 1;
    const pass = s >= at;
    return { value: s, pass, ...(!pass && { reason: `judge score ${s} is below pass_at ${at}` }) };
  },
  // On the reference scale itself, 0..1: with partial_credit and pass_at 1, near 0.5 escalates the half-right answers.
  margin: (v: ReducedVerdict, o) => Math.abs((v.kind === 'reference' ? v.score.value : Number.NaN) - (o.pass_at ?? 1)),
};
