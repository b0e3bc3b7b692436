import type { Json } from '../../types.js';
import { asText } from '../../prompt/template.js';
import { findLabel, normalizeLabel } from '../../extract/text.js';
import type { CheckResult, ScorerDefinition } from '../types.js';

/** A free-text answer (no `allowed`) longer than this is cut when kept as the predicted label. */
const MAX_FREE_LABEL = 60;

// Classification: the output names one label. Normalisation ignores case, whitespace, punctuation,
// quotes and a "Label:" prefix; with `allowed`, the output must name exactly one allowed label, so
// "billing or technical" is ambiguous (a fail, with the reason) rather than a lucky substring hit.

export interface LabelOption { readonly allowed?: Json }

export const label: ScorerDefinition<LabelOption> = {
  type: 'label',
  description: 'Output names the expected label (normalised; with `allowed`, exactly one allowed label must be named).',
  options: {
    properties: {
      allowed: { description: 'Allowed labels: a list, or a {{var}} holding a list or a comma-separated string.' },
    },
  },
  needsExpected: true,
  templated: ['allowed'],
  check: ({ completion, expected, options }) => {
    const want = normalizeLabel(asText(expected ?? ''));
    const allowed = allowedLabels(options.allowed);
    const named = (predicted: string | null, fail?: string): CheckResult => {
      const label = { expected: want, predicted };
      if (fail !== undefined) return { pass: false, reason: fail, label };
      return predicted === want ? { pass: true, label } : { pass: false, reason: `got "${predicted ?? ''}", expected "${want}"`, label };
    };
    if (allowed.length === 0) {
      const got = normalizeLabel(completion.text);
      if (got === want) return { pass: true, label: { expected: want, predicted: want } };
      // Free text is the prediction; a long wrong answer is cut so the confusion matrix stays readable.
      return named(got === '' ? null : got.length > MAX_FREE_LABEL ? `${got.slice(0, MAX_FREE_LABEL - 1)}…` : got, `got "${got}", expected "${want}"`);
    }
    const found = findLabel(completion.text, allowed);
    if (found.how === 'prefix' && firstLineNamesAnother(completion.text, found.label, allowed)) return named(null, 'names several allowed labels');
    if (found.label === undefined) {
      return named(null, found.ambiguous ? 'names several allowed labels' : `names no allowed label (${allowed.join(', ')})`);
    }
    return named(normalizeLabel(found.label));
  },
};

/**
 * A first line that starts with one label but also names another ("billing or technical") is
 * ambiguous, not a prefix hit. Labels contained in the found one ("billing" in "billing issue") don't count.
 */
export function firstLineNamesAnother(text: string, found: string | undefined, allowed: readonly string[]): boolean {
  const own = `_${normalizeLabel(found ?? '')}_`;
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return allowed.some((a) => {
    const n = normalizeLabel(a);
    return n !== '' && !own.includes(`_${n}_`) && findLabel(line, [a]).label !== undefined;
  });
}

export function allowedLabels(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return (v as readonly Json[]).map(asText);
  return asText(v).split(/[,\n|]/).map((s) => s.trim()).filter((s) => s !== '');
}
