import { InputError } from '../errors.js';
import type { Json, Sample } from '../types.js';
import { asText, hasPlaceholders, missingPaths, placeholders, stringsIn } from '../prompt/template.js';
import { allowedLabels } from '../scoring/assertions/label.js';
import { normalizeLabel } from '../scoring/extract/text.js';
import { scorerMeta } from '../scoring/registry.js';
import type { EvalSpec } from './types.js';

// Before any call: every {{placeholder}} must be fillable from every sample, and every scorer that
// compares against an expected value must have one. Problems are grouped per template and path, so a
// typo across 500 samples is one line, not 500.

interface Template {
  readonly where: string;
  readonly text: string;
  /** Model-graded templates: {{output}} names the output under evaluation, always fillable. */
  readonly output?: boolean;
}

function templates(spec: EvalSpec, file: string): Template[] {
  const out: Template[] = [];
  if (spec.prompt.system !== undefined) out.push({ where: `${file}#/prompt/system`, text: spec.prompt.system });
  spec.prompt.messages.forEach((m, i) => out.push({ where: spec.prompt.shorthand ? `${file}#/prompt/user` : `${file}#/prompt/messages/${i}/content`, text: m.content }));
  spec.scorers.forEach((s, i) => {
    const def = scorerMeta(s.type);
    if (s.expected !== undefined) for (const t of stringsIn(s.expected)) out.push({ where: `${file}#/scorers/${i}/expected`, text: t });
    for (const key of def?.templated ?? []) {
      const v: Json | undefined = s.options[key];
      if (v !== undefined) for (const t of stringsIn(v)) out.push({ where: `${file}#/scorers/${i}/${key}`, text: t, output: def?.graded === true });
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

function placeholderIssues(spec: EvalSpec, samples: readonly Sample[], file: string): string[] {
  const issues: string[] = [];
  const fieldList = (s: Sample) => Object.keys(s.vars).slice(0, 12).join(', ');
  for (const t of templates(spec, file)) {
    const bad = placeholders(t.text).filter((p) => !p.valid);
    for (const p of bad) issues.push(`${t.where}: ${p.raw} is not a valid placeholder; write {{field}}, {{field.sub}} or {{list[0]}}`);
    const misses = new Map<string, { count: number; first: Sample }>();
    for (const s of samples) {
      for (const path of missingPaths(t.text, t.output === true ? { ...s.vars, output: '' } : s.vars)) {
        if (bad.some((p) => p.path === path)) continue;
        const m = misses.get(path);
        if (m === undefined) misses.set(path, { count: 1, first: s });
        else m.count += 1;
      }
    }
    for (const [path, { count, first }] of misses) {
      const where = count === samples.length ? 'no sample has it' : `missing in ${count} of ${samples.length} samples, first ${first.id} (${first.source})`;
      issues.push(`${t.where}: {{${path}}} cannot be filled: ${where}; fields are: ${fieldList(first)}`);
    }
  }
  return issues;
}

/** Scorers that compare with the dataset target need one in every sample, and a non-empty one. */
function targetIssues(spec: EvalSpec, samples: readonly Sample[], file: string): string[] {
  const issues: string[] = [];
  const noTarget = samples.filter((s) => s.target === undefined);
  const empty = samples.filter((s) => s.target === null || (typeof s.target === 'string' && s.target.trim() === ''));
  spec.scorers.forEach((s, i) => {
    if (scorerMeta(s.type)?.needsExpected !== true || s.expected !== undefined) return;
    if (noTarget.length > 0) issues.push(`${file}#/scorers/${i}: ${s.type} needs an expected value; set dataset.fields.target or give the scorer "expected: '{{field}}'"`);
    else if (empty[0] !== undefined && s.type !== 'json-field') {
      issues.push(`${file}#/scorers/${i}: ${empty.length} sample(s) have an empty target, first ${empty[0].id} (${empty[0].source}); fill them or remove the rows`);
    }
  });
  spec.models.forEach((m, i) => {
    if (m.provider === 'sim' && noTarget.length > 0) issues.push(`${file}#/models/${i}: the simulator (${m.id}) answers from the dataset target; set dataset.fields.target`);
  });
  return issues;
}

export function checkSamples(spec: EvalSpec, samples: readonly Sample[], file: string): void {
  const issues = [...placeholderIssues(spec, samples, file), ...targetIssues(spec, samples, file), ...labelTargetIssues(spec, samples, file)];
  if (issues.length > 0) throw new InputError('spec.templates', `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} with the dataset`, [...new Set(issues)]);
}
