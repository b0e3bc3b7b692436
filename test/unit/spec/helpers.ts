// Builds spec text from a base spec plus changes, and runs it through parse → validate → resolve.
import { stringify } from 'yaml';
import { parseSpecText } from '../../../src/spec/load.js';
import { validateSpec } from '../../../src/spec/validate.js';
import { resolveSpec, type SpecOverrides } from '../../../src/spec/resolve.js';
import { SpecError } from '../../../src/errors.js';
import type { EvalSpec } from '../../../src/spec/types.js';

export const FILE = '/work/evals/demo.eval.yaml';

export type Doc = Record<string, unknown>;

export const baseDoc = (): Doc => ({
  name: 'demo',
  dataset: { path: '../data/items.jsonl' },
  prompt: { user: 'Q: {{question}}' },
  models: ['anthropic:claude-haiku-5-5'],
  scorers: [{ type: 'equals' }],
});

/** The base spec with top-level keys replaced (undefined deletes a key). */
export function doc(changes: Doc = {}): Doc {
  const out: Doc = { ...baseDoc(), ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete out[k];
  return out;
}

export function loadText(text: string, overrides: SpecOverrides = {}, file = FILE): EvalSpec {
  return resolveSpec(validateSpec(parseSpecText(text, file)), file, overrides);
}

export const load = (d: Doc, overrides: SpecOverrides = {}): EvalSpec => loadText(stringify(d), overrides);

/** The issues of the SpecError that `fn` throws (fails the test when it does not throw one). */
export function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  throw new Error('expected a SpecError');
}
