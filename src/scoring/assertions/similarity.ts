import { asText } from '../../prompt/template.js';
import { levenshteinRatio } from '../../extract/text.js';
import type { ScorerDefinition } from '../types.js';

export interface SimilarityOption { readonly threshold?: number; readonly ignore_case?: boolean }

export const similarity: ScorerDefinition<SimilarityOption> = {
  type: 'similarity',
  description: 'Levenshtein ratio (1 − distance / longer length) between output and expected, passing at `threshold`.',
  options: {
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum ratio to pass (default 0.8).' },
      ignore_case: { type: 'boolean', description: 'Compare case-insensitively (default false).' },
    },
  },
  needsExpected: true,
  check: ({ completion, expected, options }) => {
    const fold = (s: string) => (options.ignore_case === true ? s.toLocaleLowerCase('und') : s).trim();
    const value = levenshteinRatio(fold(completion.text), fold(asText(expected ?? '')));
    const threshold = options.threshold ?? 0.8;
    return { pass: value >= threshold, value, ...(value < threshold && { reason: `ratio ${value.toFixed(3)} < ${threshold}` }) };
  },
};
