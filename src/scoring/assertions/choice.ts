import { asText } from '../../prompt/template.js';
import { findLabel } from '../../extract/text.js';
import type { CheckResult, ScorerDefinition } from '../types.js';
import { firstLineNamesAnother } from './label.js';
import { CHOICE_LETTERS } from '../../types.js';

// Multiple choice (dataset.fields.choices): the output names the right option's letter. The letter is
// found as the label scorer finds a label among the question's letters: the whole output ("B",
// "(B)"), else the last answer statement ("Answer: B", "the answer is (B)", "\boxed{B}"), else a first
// line that starts with it ("B) Paris"), else the one letter named as a word; one-letter words (the
// article "a", a sentence's "I" or "A") do not count. An output that names no letter but gives one
// option's text ("London") names that option. The record keeps the expected and the named letter,
// so the summary's classification metrics show which letters a model favours.

export const choice: ScorerDefinition<Record<string, never>> = {
  type: 'choice',
  description: 'Multiple choice (dataset.fields.choices): the output names the right option\'s letter (or, naming no letter, its text).',
  options: { properties: {} },
  needsExpected: true,
  check: ({ completion, expected, sample }): CheckResult => {
    const options = sample.choices;
    if (options === undefined) return { pass: false, undetermined: true, reason: 'the sample has no options (dataset.fields.choices)' };
    const want = asText(expected ?? '').trim().toUpperCase();
    const letters = CHOICE_LETTERS.slice(0, options.length).split('');
    // The target is a letter already (dataset/choices.ts); an `expected` option must be one too.
    if (!letters.includes(want)) return { pass: false, undetermined: true, reason: `expected ${JSON.stringify(asText(expected ?? ''))} is not one of this question's letters (${letters.join(', ')}); leave the scorer's expected out to use the target` };
    const named = (predicted: string | null, fail?: string): CheckResult => {
      const label = { expected: want, predicted };
      if (fail !== undefined) return { pass: false, reason: fail, label };
      return predicted === want ? { pass: true, label } : { pass: false, reason: `got ${predicted ?? ''}, expected ${want}`, label };
    };
    const byLetter = findLabel(completion.text, letters);
    const several = byLetter.ambiguous || (byLetter.how === 'prefix' && firstLineNamesAnother(completion.text, byLetter.label, letters));
    if (several) return named(null, `names several letters (${letters.join(', ')})`);
    if (byLetter.label !== undefined) return named(byLetter.label);
    // No letter: an answer given as the option's own text.
    const byText = findLabel(completion.text, options);
    const at = byText.label === undefined ? -1 : options.indexOf(byText.label);
    if (at >= 0) return named(letters[at] ?? null);
    return named(null, byText.ambiguous ? 'names no letter, and the text of several options' : `names no option (${letters.join(', ')})`);
  },
};
