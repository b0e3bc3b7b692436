import { nearest } from '../util/suggest.js';
import { InputError } from '../errors.js';
import type { Json, Sample } from '../types.js';
import { asText, hasPlaceholders, lookup, missingPaths, placeholders, stringsIn } from '../prompt/template.js';
import { allowedLabels } from '../scoring/assertions/label.js';
import { normalizeLabel } from '../extract/text.js';
import { scorerMeta } from '../scoring/registry.js';
import type { EvalSpec, ModelSpec } from './types.js';
import { providerDefinition } from '../providers/registry.js';
import { contentChecker } from './check-content.js';
import { expectedChecks, expectedIssues, noteExpected, type ExpectedCheck } from './check-expected.js';

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
  if (spec.variants !== undefined) out.push(...variantTemplates(spec.variants));
  else {
    if (spec.prompt.system !== undefined) out.push({ where: `${file}#/prompt/system`, text: spec.prompt.system });
    if (spec.prompt.turns !== undefined) spec.prompt.turns.forEach((t, i) => out.push({ where: `${file}#/prompt/turns/${i}`, text: t }));
    else spec.prompt.messages.forEach((m, i) => out.push({ where: spec.prompt.shorthand ? `${file}#/prompt/user` : `${file}#/prompt/messages/${i}/content`, text: m.content }));
  }
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

/** Each variant's templates, once per place they were written (a part of the base prompt is shared). */
function variantTemplates(variants: NonNullable<EvalSpec['variants']>): Template[] {
  const out = new Map<string, Template>();
  for (const v of variants) {
    if (v.system !== undefined && v.at.system !== undefined) out.set(v.at.system, { where: v.at.system, text: v.system });
    v.messages.forEach((m, i) => { const where = v.at.messages[i] ?? ''; out.set(where, { where, text: m.content }); });
    v.turns?.forEach((t, i) => { const where = v.at.turns?.[i] ?? ''; if (i > 0) out.set(where, { where, text: t }); });
  }
  return [...out.values()];
}

interface Miss { count: number; first: Sample }
interface Tally { count: number; first: Sample | undefined; values: Set<string> }
const tally = (): Tally => ({ count: 0, first: undefined, values: new Set() });
const note = (t: Tally, s: Sample, value?: string) => {
  t.count += 1;
  t.first ??= s;
  if (value !== undefined && t.values.size < 5) t.values.add(value);
};

/** What one pass over the samples found: template paths that cannot be filled, missing and empty targets, targets not allowed. */
interface Findings {
  n: number;
  firstSample: Sample | undefined;
  readonly misses: Map<string, Miss>[];
  readonly noTarget: Tally;
  readonly emptyTarget: Tally;
  readonly notAllowed: Map<number, Tally>;
  /** replay: models: samples without the replayed field (or with null), by model id. */
  readonly noReplay: Map<string, Tally>;
  /** Expected values of the wrong type (numeric: not a number), per scorer. */
  readonly expected: readonly ExpectedCheck[];
}

/** Label scorers with a fixed `allowed` list compared with the dataset target: scorer index → allowed (normalised). */
function allowedSets(spec: EvalSpec): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  spec.scorers.forEach((s, i) => {
    const allowed = allowedLabels(s.options['allowed']);
    if (s.type !== 'label' || s.expected !== undefined || allowed.length === 0 || allowed.some(hasPlaceholders)) return;
    out.set(i, new Set(allowed.map(normalizeLabel)));
  });
  return out;
}

const replays = (m: ModelSpec) => providerDefinition(m.provider).replay;

/** One pass over the samples, fed one at a time (as the dataset streams by, or afterwards). */
function scanner(spec: EvalSpec, ts: readonly Template[], skip: readonly Set<string>[], content: { add(s: Sample): void }): { readonly f: Findings; add(s: Sample): void } {
  const allowed = allowedSets(spec);
  const f: Findings = { n: 0, firstSample: undefined, misses: ts.map(() => new Map()), noTarget: tally(), emptyTarget: tally(), notAllowed: new Map([...allowed.keys()].map((k) => [k, tally()])),
    noReplay: new Map(spec.models.filter(replays).map((m) => [m.id, tally()])), expected: expectedChecks(spec) };
  const replayed = spec.models.filter(replays);
  const add = (s: Sample): void => {
    f.n += 1;
    f.firstSample ??= s;
    content.add(s);
    ts.forEach((t, k) => {
      for (const path of missingPaths(t.text, t.output === true ? { ...s.vars, output: '' } : s.vars)) {
        if (skip[k]?.has(path) === true) continue;
        const misses = f.misses[k] as Map<string, Miss>;
        const m = misses.get(path);
        if (m === undefined) misses.set(path, { count: 1, first: s });
        else m.count += 1;
      }
    });
    for (const m of replayed) {
      const hit = lookup(s.vars, m.model);
      if (!hit.found || hit.value === null) note(f.noReplay.get(m.id) as Tally, s);
    }
    noteExpected(f.expected, s);
    if (s.target === undefined) note(f.noTarget, s);
    else if (s.target === null || (typeof s.target === 'string' && s.target.trim() === '')) note(f.emptyTarget, s);
    if (s.target !== undefined) {
      for (const [i, ok] of allowed) {
        const label = asText(s.target);
        if (!ok.has(normalizeLabel(label))) note(f.notAllowed.get(i) as Tally, s, JSON.stringify(label));
      }
    }
  };
  return { f, add };
}

function placeholderIssues(ts: readonly Template[], f: Findings): string[] {
  const issues: string[] = [];
  const fieldList = (s: Sample | undefined) => Object.keys(s?.vars ?? {}).slice(0, 12).join(', ');
  ts.forEach((t, k) => {
    for (const p of placeholders(t.text).filter((x) => !x.valid)) issues.push(`${t.where}: ${p.raw} is not a valid placeholder; write {{field}}, {{field.sub}} or {{list[0]}}`);
    for (const [path, { count, first }] of f.misses[k] ?? []) {
      const where = count === f.n ? 'no sample has it' : `missing in ${count} of ${f.n} samples, first ${first.id} (${first.source})`;
      const near = nearest(path, Object.keys(first.vars));
      issues.push(`${t.where}: {{${path}}} cannot be filled: ${where}${near === undefined ? '' : ` (did you mean {{${near}}}?)`}; fields are: ${fieldList(first)}`);
    }
  });
  return issues;
}

/** Scorers that compare with the dataset target need one in every sample, and a non-empty one; label targets must be allowed. */
function targetIssues(spec: EvalSpec, f: Findings, file: string): string[] {
  const issues: string[] = [];
  spec.scorers.forEach((s, i) => {
    if (scorerMeta(s.type)?.needsExpected !== true || s.expected !== undefined) return;
    const empty = f.emptyTarget.first;
    if (f.noTarget.count > 0) issues.push(`${file}#/scorers/${i}: ${s.type} needs an expected value; set dataset.fields.target or give the scorer "expected: '{{field}}'"`);
    else if (empty !== undefined && s.type !== 'json-field') {
      issues.push(`${file}#/scorers/${i}: ${f.emptyTarget.count} sample(s) have an empty target, first ${empty.id} (${empty.source}); fill them or remove the rows`);
    }
  });
  spec.models.forEach((m, i) => {
    const missing = f.noReplay.get(m.id);
    if (missing?.first !== undefined) {
      issues.push(`${file}#/models/${i}: ${m.id} replays the samples' "${m.model}" field, but ${missing.count} of ${f.n} sample(s) have none, first ${missing.first.id} (${missing.first.source}); fill the field or fix the name`);
    }
    if (providerDefinition(m.provider).simulated && f.noTarget.count > 0) issues.push(`${file}#/models/${i}: the simulator (${m.id}) answers from the dataset target; set dataset.fields.target`);
  });
  for (const [i, t] of f.notAllowed) {
    if (t.first === undefined) continue;
    issues.push(`${file}#/scorers/${i}/allowed: ${t.count} sample target(s) are not allowed labels (${[...t.values].join(', ')}), first ${t.first.id} (${t.first.source}); fix the data or the list`);
  }
  return issues;
}

/**
 * Every template filled from every sample, and the targets the scorers need. `templatesOnly`: check
 * the templates alone (the dataset's own problems, a missing target among them, are reported apart).
 */
export function checkSamples(spec: EvalSpec, samples: Iterable<Sample>, file: string, opts: { readonly templatesOnly?: boolean } = {}): void {
  const c = samplesChecker(spec, file, opts);
  for (const sample of samples) c.add(sample);
  c.finish();
}

/** A samples check fed one sample at a time, in run order; finish() throws what it found. */
export interface SamplesChecker {
  add(sample: Sample): void;
  finish(): void;
}

export function samplesChecker(spec: EvalSpec, file: string, opts: { readonly templatesOnly?: boolean } = {}): SamplesChecker {
  const ts = templates(spec, file);
  const skip = ts.map((t) => new Set(placeholders(t.text).filter((p) => !p.valid).map((p) => p.path)));
  const content = contentChecker(spec, file);
  const { f, add } = scanner(spec, ts, skip, content);
  return {
    add,
    finish() {
      const issues = opts.templatesOnly === true ? [...placeholderIssues(ts, f), ...content.issues()]
        : [...placeholderIssues(ts, f), ...targetIssues(spec, f, file), ...expectedIssues(f.expected, f.n, file), ...content.issues()];
      if (issues.length > 0) throw new InputError('spec.templates', `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} with the dataset`, [...new Set(issues)]);
    },
  };
}
