import type { Json, Sample } from '../types.js';
import { renderValue } from '../prompt/template.js';
import { scorerMeta } from '../scoring/registry.js';
import type { EvalSpec } from './types.js';

// Scorers whose expected value has a type (numeric: a number) check it on every sample before any
// call: a target of "forty two" would otherwise be scored as a model failure on every epoch.

const FIRST = 3;

interface Kind { count: number; readonly first: Sample[]; readonly values: Set<string> }

/** One scorer's check, with what it found so far: problem kind ("is not a number") → samples. */
export interface ExpectedCheck {
  readonly index: number;
  readonly type: string;
  readonly expected: Json | undefined;
  readonly problem: (expected: Json) => string | undefined;
  readonly kinds: Map<string, Kind>;
}

export function expectedChecks(spec: EvalSpec): ExpectedCheck[] {
  const out: ExpectedCheck[] = [];
  spec.scorers.forEach((s, index) => {
    const problem = scorerMeta(s.type)?.expectedProblem;
    if (problem !== undefined) out.push({ index, type: s.type, expected: s.expected, problem, kinds: new Map() });
  });
  return out;
}

/** The sample's expected value for the scorer; undefined when absent or unfillable (reported by the other checks). */
function expectedOf(c: ExpectedCheck, s: Sample): Json | undefined {
  if (c.expected === undefined) return s.target === null || (typeof s.target === 'string' && s.target.trim() === '') ? undefined : s.target;
  try {
    return renderValue(c.expected, s.vars);
  } catch {
    return undefined;
  }
}

export function noteExpected(checks: readonly ExpectedCheck[], s: Sample): void {
  for (const c of checks) {
    const value = expectedOf(c, s);
    if (value === undefined) continue;
    const problem = c.problem(value);
    if (problem === undefined) continue;
    let k = c.kinds.get(problem);
    if (k === undefined) c.kinds.set(problem, (k = { count: 0, first: [], values: new Set() }));
    k.count += 1;
    if (k.first.length < FIRST) k.first.push(s);
    if (k.values.size < FIRST) k.values.add(JSON.stringify(value));
  }
}

/** One line per scorer and problem kind: the count, a few values and the first samples with their rows. */
export function expectedIssues(checks: readonly ExpectedCheck[], n: number, file: string): string[] {
  const issues: string[] = [];
  for (const c of checks) {
    const where = c.expected === undefined ? `${file}#/scorers/${c.index}` : `${file}#/scorers/${c.index}/expected`;
    const what = c.expected === undefined ? 'sample target' : 'expected value';
    const fix = c.expected === undefined ? 'fix the data, or point dataset.fields.target at the right field' : 'fix the data, or point "expected" at the right field';
    for (const [problem, k] of c.kinds) {
      const firsts = k.first.map((s) => `${s.id} (${s.source})`).join(', ');
      issues.push(`${where}: ${c.type}: ${k.count} of ${n} ${what}(s) ${problem} (${[...k.values].join(', ')}), first ${firsts}; ${fix}`);
    }
  }
  return issues;
}
