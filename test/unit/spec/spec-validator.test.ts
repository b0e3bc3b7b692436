import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalSpecSchema } from '../../../src/spec/schema.js';
import { parseSpecText } from '../../../src/spec/load.js';
import { compileCheck, precompiledCheck, schemaSha256, type SpecCheck } from '../../../src/spec/spec-validator.js';
import type { Json } from '../../../src/types.js';

// The build writes the spec's validator as ajv standalone code (dist/spec/spec-validator.cjs); the
// built CLI uses it instead of compiling the schema at every start. It must be the schema of this
// source tree, and answer every spec, valid or not, exactly as a validator compiled now does: the
// same verdict and the same errors (the messages users read are built from them). The YAML files
// under evals/ and docs/examples are specs and other files (prompt variants): both sorts are inputs.

const root = resolve(import.meta.dirname, '../../..');
const built = join(root, 'dist', 'spec', 'spec-validator.cjs');
const schema = evalSpecSchema();

const specFiles = [join(root, 'evals'), join(root, 'docs', 'examples')].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)) : []);
const bundled = specFiles.flatMap((f) => { try { return [parseSpecText(readFileSync(f, 'utf8'), f).data as Record<string, Json>]; } catch { return []; } });

const base = { name: 'x', dataset: { path: 'd.jsonl' }, prompt: { user: '{{q}}' }, models: ['anthropic:claude-haiku-4-5'], scorers: [{ type: 'equals' }] };
const broken: { name: string; spec: unknown }[] = [
  { name: 'not an object', spec: 'name: x' },
  { name: 'null', spec: null },
  { name: 'empty', spec: {} },
  { name: 'unknown top-level key', spec: { ...base, modles: [] } },
  { name: 'name not a string', spec: { ...base, name: 3 } },
  { name: 'unknown scorer type', spec: { ...base, scorers: [{ type: 'exact' }] } },
  { name: 'scorer without type', spec: { ...base, scorers: [{ value: 'a' }] } },
  { name: 'scorer option of the wrong type', spec: { ...base, scorers: [{ type: 'regex', pattern: 5 }] } },
  { name: 'unknown scorer option', spec: { ...base, scorers: [{ type: 'label', allowed: ['a'], alowed: ['b'] }] } },
  { name: 'model of the wrong form', spec: { ...base, models: [42, { idd: 'x' }] } },
  { name: 'model id without a provider', spec: { ...base, models: ['claude-haiku'] } },
  { name: 'run options out of range', spec: { ...base, run: { concurrency: 0, epochs: -1, seed: 'x' } } },
  { name: 'dataset fields wrong', spec: { ...base, dataset: { path: 3, fields: { id: [] } } } },
  { name: 'prompt messages wrong', spec: { ...base, prompt: { messages: [{ role: 'robot', content: 1 }] } } },
  { name: 'many problems at once', spec: { name: [], dataset: 'x', prompt: 3, models: {}, scorers: [{ type: 'nope' }, {}], extra: true } },
];

describe('the precompiled spec validator', () => {
  it('was built from this source tree\'s schema (npm run build writes it)', () => {
    expect(existsSync(built)).toBe(true);
    expect((createRequire(import.meta.url)(built) as { schemaSha256: string }).schemaSha256).toBe(schemaSha256(schema));
  });

  it('is not used for another schema', () => {
    expect(precompiledCheck({ ...(schema as Record<string, Json>), title: 'another' })).toBeUndefined();
  });

  const pre = createRequire(import.meta.url)(built) as { default: SpecCheck };
  const now = compileCheck(schema).check;
  it.each([...bundled.map((spec, i) => ({ name: `bundled ${i}`, spec })), ...broken])('$name: the same verdict and errors as a validator compiled now', ({ spec }) => {
    const a = pre.default(structuredClone(spec));
    const b = now(structuredClone(spec));
    expect(a).toBe(b);
    expect(pre.default.errors ?? null).toEqual(now.errors ?? null);
  });

  it('covers the bundled evals, each valid', () => {
    const evals = readdirSync(join(root, 'evals')).filter((f) => f.endsWith('.yaml'));
    expect(evals.length).toBeGreaterThanOrEqual(8);
    for (const f of evals) expect(now(parseSpecText(readFileSync(join(root, 'evals', f), 'utf8'), f).data), JSON.stringify(now.errors)).toBe(true);
  });
});
