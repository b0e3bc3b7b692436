import { InputError } from '../errors.js';
import type { Json, Sample } from '../types.js';
import { asText, hasPlaceholders, missingPaths, stringsIn } from '../prompt/template.js';
import { allowedLabels } from '../scoring/assertions/label.js';
import { normalizeLabel } from '../scoring/extract/text.js';
import { scorerDefinition } from '../scoring/registry.js';
import type { EvalSpec } from './types.js';

// Before any call: every {{placeholder}} must be fillable from every sample, and every scorer that
// compares against an expected value must have one. Problems are grouped per template and path, so a
// typo across 500 samples is one line, not 500.

interface Template {
  readonly where: string;
  readonly text: string;
}

function templates(spec: EvalSpec, file: string): Template[] {
  const out: Template[] = [];
  if (spec.prompt.system !== undefined) out.push({ where: `${file}#/prompt/system`, text: spec.prompt.system });
  spec.prompt.messages.forEach((m, i) => out.push({ where: `${file}#/prompt/messages/${i}/content`, text: m.content }));
  spec.scorers.forEach((s, i) => {
    const def = scorerDefinition(s.type);
    if (s.expected !== undefined) for (const t of stringsIn(s.expected)) out.push({ where: `${file}#/scorers/${i}/expected`, text: t });
    for (const key of def?.templated ?? []) {
      const v: Json | undefined = s.options[key];
      if (v !== undefined) for (const t of stringsIn(v)) out.push({ where: `${file}#/scorers/${i}/${key}`, text: t });
    }
  });
  return out;
}

/** A label scorer with a fixed `allowed` list and the dataset target: every target must be allowed. */
function labelTargetIssues(spec: EvalSpec, samples: readonly Sample[], file: string): string[] {
  const out: string[] = [];
  spec.scorers.forEach((s, i) => {
    const allowed = allowedLabels(s.options['allowed']);
    if (s.type !== 'label' || s.expected !== undefined || allowed.length === 0 || allowed.some(hasPlaceholders)) return;
    const ok = new Set(allowed.map(normalizeLabel));
    const bad = samples.filter((x) => x.target !== undefined && !ok.has(normalizeLabel(asText(x.target))));
    const first = bad[0];
    if (first === undefined) return;
    const values = [...new Set(bad.map((x) => asText(x.target as Json)))].slice(0, 5).map((v) => JSON.stringify(v)).join(', ');
    out.push(`${file}#/scorers/${i}/allowed: ${bad.length} sample target(s) are not allowed labels (${values}), first ${first.id} (${first.source}); fix the data or the list`);
  });
  return out;
}

export function checkSamples(spec: EvalSpec, samples: readonly Sample[], file: string): void {
  const issues: string[] = [];
  const fieldList = (s: Sample) => Object.keys(s.vars).slice(0, 12).join(', ');
  for (const t of templates(spec, file)) {
    const misses = new Map<string, Sample[]>();
    for (const s of samples) {
      for (const path of missingPaths(t.text, s.vars)) misses.set(path, [...(misses.get(path) ?? []), s]);
    }
    for (const [path, bad] of misses) {
      const first = bad[0] as Sample;
      const count = bad.length === samples.length ? 'no sample has it' : `missing in ${bad.length} of ${samples.length} samples, first ${first.id} (${first.source})`;
      issues.push(`${t.where}: {{${path}}} cannot be filled: ${count}; fields are: ${fieldList(first)}`);
    }
  }
  const noTarget = samples.filter((s) => s.target === undefined);
  spec.scorers.forEach((s, i) => {
    if (scorerDefinition(s.type)?.needsExpected !== true || s.expected !== undefined || noTarget.length === 0) return;
    issues.push(`${file}#/scorers/${i}: ${s.type} needs an expected value; set dataset.fields.target or give the scorer "expected: '{{field}}'"`);
  });
  issues.push(...labelTargetIssues(spec, samples, file));
  spec.models.forEach((m, i) => {
    if (m.provider === 'sim' && noTarget.length > 0) {
      issues.push(`${file}#/models/${i}: the simulator (${m.id}) answers from the dataset target; set dataset.fields.target`);
    }
  });
  if (issues.length > 0) throw new InputError('spec.templates', `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} with the dataset`, issues);
}
