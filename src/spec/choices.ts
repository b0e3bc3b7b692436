import type { EvalSpecInput } from './input.js';
import type { ScorerSpec } from '../scoring/create.js';

// Multiple choice in a spec: the `choice` scorer reads each question's options, so it needs
// dataset.fields.choices; dataset.choice_index_base means nothing without them.

export function choiceIssues(input: EvalSpecInput, scorers: readonly Pick<ScorerSpec, 'type'>[], file: string): string[] {
  const issues: string[] = [];
  const field = input.dataset.fields?.choices;
  if (field === undefined) {
    scorers.forEach((s, i) => {
      if (s.type === 'choice') issues.push(`${file}#/scorers/${i}: the choice scorer needs dataset.fields.choices, the field holding each question's options (a list, or an object keyed A, B, C…)`);
    });
    if (input.dataset.choice_index_base !== undefined) issues.push(`${file}#/dataset/choice_index_base: applies with dataset.fields.choices only (it says what a numeric target counts from)`);
    if (input.dataset.shuffle_choices !== undefined) issues.push(`${file}#/dataset/shuffle_choices: applies with dataset.fields.choices only (it shuffles each question's options)`);
  }
  // Without fields.target the right answer may come with the options ({choices, labels}); a sample
  // that has none is reported with the dataset checks.
  return issues;
}
