import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { Json } from '../../types.js';
import { getPath, parseJsonLoose } from '../../extract/json.js';
import type { CheckResult, ScorerDefinition } from '../types.js';

// JSON assertions. Outputs are parsed tolerantly (fences, prose, raw newlines: see extract/json.ts);
// `strict: true` demands that the whole output is valid JSON as it stands.

export interface StrictOption { readonly strict?: boolean }
const strictOption = { strict: { type: 'boolean', description: 'Require the whole output to be valid JSON, with no fences or prose (default false).' } } as const;

type Parsed = { ok: true; value: unknown; note: string } | { ok: false; reason: string };

function parseOutput(text: string, strict: boolean | undefined): Parsed {
  const r = parseJsonLoose(text);
  if (!r.ok) return { ok: false, reason: `not JSON: ${r.error}` };
  if (strict === true && r.repaired.length > 0) return { ok: false, reason: `not strict JSON (needed: ${r.repaired.join(', ')})` };
  // An array found inside prose is more often a citation ("[1]") or an aside ("[]") than an answer.
  if (Array.isArray(r.value) && r.repaired.includes('prose') && !r.repaired.includes('fence')) return { ok: false, reason: 'not JSON: only a bracketed list inside prose' };
  return { ok: true, value: r.value, note: r.repaired.length > 0 ? ` (repaired: ${r.repaired.join(', ')})` : '' };
}

export const isJson: ScorerDefinition<StrictOption> = {
  type: 'is-json',
  description: 'Output is (or contains) a JSON value.',
  options: { properties: { ...strictOption } },
  needsExpected: false,
  check: ({ completion, options }) => {
    const p = parseOutput(completion.text, options.strict);
    return p.ok ? { pass: true } : { pass: false, reason: p.reason };
  },
};

export interface SchemaOption extends StrictOption { readonly schema: Json }

// One Ajv instance for output schemas, made (and ajv loaded) when a first schema is compiled;
// compiled validators are cached per schema object.
let shared: Ajv | undefined;
const ajvOf = (): Ajv => (shared ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false }));
const compiled = new WeakMap<object, ValidateFunction>();
export function compileOutputSchema(schema: Json): ValidateFunction {
  const key = schema as object;
  const hit = compiled.get(key);
  if (hit) return hit;
  const fn = ajvOf().compile(schema as object);
  compiled.set(key, fn);
  return fn;
}

/** Why an answer may not be whole JSON: the model refused, or max_tokens cut it (said before the parse failure). */
function stopNote(stopReason: string | null): string {
  if (stopReason === 'refusal' || stopReason === 'content_filter') return `the model refused (stop reason ${stopReason}); `;
  if (stopReason === 'max_tokens' || stopReason === 'length') return `the answer was cut at max_tokens (stop reason ${stopReason}); `;
  return '';
}

export const jsonSchema: ScorerDefinition<SchemaOption> = {
  type: 'json-schema',
  description: 'Output parses as JSON and validates against a JSON Schema (ajv, draft 2020-12 subset).',
  options: {
    properties: { schema: { type: 'object', description: 'The JSON Schema the output must satisfy.' }, ...strictOption },
    required: ['schema'],
  },
  needsExpected: false,
  check: ({ completion, options }) => {
    const p = parseOutput(completion.text, options.strict);
    if (!p.ok) return { pass: false, reason: `${stopNote(completion.stopReason)}${p.reason}` };
    const validate = compileOutputSchema(options.schema);
    if (validate(p.value)) return { pass: true };
    const errs = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    return { pass: false, reason: `${stopNote(completion.stopReason)}schema: ${errs.join('; ')}` };
  },
};

export interface FieldOption extends StrictOption { readonly path: string; readonly tolerance?: number; readonly ignore_case?: boolean }

// A CSV/TSV target is always text, so "1299.00" must still match the number 1299.
const textNumber = (s: string): number | undefined => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
/** JSON text with object keys sorted, so key order never decides equality. */
const canonical = (v: unknown): string | undefined =>
  JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(byKey)) : x));

function sameValue(got: unknown, want: Json | undefined, o: FieldOption): boolean {
  const wantNumber = typeof want === 'number' ? want : typeof want === 'string' && typeof got === 'number' ? textNumber(want) : undefined;
  if (wantNumber !== undefined && typeof got === 'number') return Math.abs(got - wantNumber) <= (o.tolerance ?? 0);
  if (typeof want === 'string' && typeof got === 'string') {
    return o.ignore_case === true ? got.trim().toLocaleLowerCase('und') === want.trim().toLocaleLowerCase('und') : got.trim() === want.trim();
  }
  return canonical(got) === canonical(want);
}

export const jsonField: ScorerDefinition<FieldOption> = {
  type: 'json-field',
  description: 'The JSON field at `path` equals the expected value (numbers within `tolerance`).',
  options: {
    properties: {
      path: { type: 'string', minLength: 1, description: 'Dotted path into the output JSON, e.g. "total" or "items[0].sku".' },
      tolerance: { type: 'number', minimum: 0, description: 'Allowed absolute difference for numbers (default 0).' },
      ignore_case: { type: 'boolean', description: 'Compare strings case-insensitively (default false).' },
      ...strictOption,
    },
    required: ['path'],
  },
  needsExpected: true,
  check: ({ completion, expected, options }): CheckResult => {
    const p = parseOutput(completion.text, options.strict);
    if (!p.ok) return { pass: false, reason: p.reason };
    const hit = getPath(p.value, options.path);
    if (!hit.found) return { pass: false, reason: `no field ${options.path}` };
    return sameValue(hit.value, expected, options)
      ? { pass: true }
      : { pass: false, reason: `${options.path}: got ${JSON.stringify(hit.value)}, expected ${JSON.stringify(expected)}` };
  },
};
