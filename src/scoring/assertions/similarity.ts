import { asText } from '../../prompt/template.js';
import { levenshteinRatio } from '../../extract/text.js';
import type { ScorerDefinition } from '../types.js';
import { thousands as int } from '../../util/thousands.js';

/**
 * The most cells (output × expected, in code points) one comparison may take: about a second on one core
 * (fastest-levenshtein's bit-parallel distance; slower only past 65,535 distinct code points). The
 * comparison holds the event loop, so a larger one would stall the run and its Ctrl-C: it is a scorer
 * error instead (the record is written, the answer kept).
 */
export const MAX_SIMILARITY_CELLS = 4e9;

const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n += 1; // a high surrogate and its pair count once, at the low one
  }
  return n;
};

function tooLong(output: string, expected: string): void {
  if (output.length * expected.length <= MAX_SIMILARITY_CELLS) return; // UTF-16 lengths bound the code points
  const [n, m] = [codePoints(output), codePoints(expected)];
  if (n * m <= MAX_SIMILARITY_CELLS) return;
  throw new Error(`the output (${int(n)} characters) and the expected text (${int(m)}) are too long to compare in bounded time (${int(n)} × ${int(m)} is above ${int(MAX_SIMILARITY_CELLS)}); compare a shorter part, or use contains or regex`);
}

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
    const output = fold(completion.text);
    const want = fold(asText(expected ?? ''));
    tooLong(output, want);
    const value = levenshteinRatio(output, want);
    const threshold = options.threshold ?? 0.8;
    return { pass: value >= threshold, value, ...(value < threshold && { reason: `ratio ${value.toFixed(3)} < ${threshold}` }) };
  },
};
