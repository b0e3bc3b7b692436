import { asText } from '../../prompt/template.js';
import { extractFinalNumber, numbersClose, parseNumberLoose } from '../../extract/number.js';
import type { ScorerDefinition } from '../types.js';
import type { Json } from '../../types.js';

export interface NumericOption { readonly tolerance?: number; readonly rel_tolerance?: number }

/** The expected number, parsed as the check parses it (the pre-run check uses the same parser). */
const expectedNumber = (expected: Json | undefined): number | undefined =>
  typeof expected === 'number' ? expected : parseNumberLoose(asText(expected ?? ''));

export const numeric: ScorerDefinition<NumericOption> = {
  type: 'numeric',
  description:
    'The final number in the output (JSON "answer" field, "Answer:"/"####"/\\boxed{} marker, else the last number; ' +
    'thousands separators, signs, currency, units and fractions understood) equals the expected number within tolerance.',
  options: {
    properties: {
      tolerance: { type: 'number', minimum: 0, description: 'Allowed absolute difference (default 1e-9).' },
      rel_tolerance: { type: 'number', minimum: 0, description: 'Allowed relative difference, e.g. 0.01 for 1%.' },
    },
  },
  needsExpected: true,
  expectedProblem: (expected) => (expectedNumber(expected) === undefined ? 'are not numbers' : undefined),
  check: ({ completion, expected, options }) => {
    const want = expectedNumber(expected);
    if (want === undefined) return { pass: false, reason: `expected value ${JSON.stringify(expected)} is not a number` };
    const got = extractFinalNumber(completion.text);
    if (got === undefined) return { pass: false, reason: 'no number in output' };
    const pass = numbersClose(got.value, want, { abs: options.tolerance ?? 1e-9, ...(options.rel_tolerance !== undefined && { rel: options.rel_tolerance }) });
    return pass ? { pass } : { pass, reason: `got ${got.value} (from "${got.raw}", ${got.source}), expected ${want}` };
  },
};
