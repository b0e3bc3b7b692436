import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { sha256 } from '../util/random.js';
import type { Json } from '../types.js';

// The spec's validator, compiled once at build time instead of at every start. Compiling the spec's
// JSON Schema with ajv took ~0.35 s and ~28 MB of memory in every process that checks a spec (the
// schema has a form per scorer type and provider kind). `npm run build` writes ajv's standalone code
// for it beside this module (dist/spec/spec-validator.cjs, by write-spec-validator.ts), with the
// sha256 of the schema it was compiled from. A process uses that file only when its hash is the
// schema's own, so a stale or missing file (source run through tsx, a build interrupted) falls back
// to compiling here, with the same options: the answers are the same either way, only slower.

/** ajv's options for the spec schema; the build's standalone code is compiled with these too. */
const SPEC_AJV_OPTIONS = { allErrors: true, strict: true, discriminator: true, allowUnionTypes: true } as const;

/** The file the build writes, beside this module. */
export const PRECOMPILED_FILE = 'spec-validator.cjs';

export type SpecCheck = ValidateFunction;

const require = createRequire(import.meta.url);

/** The schema's identity, as the build records it in the precompiled file. */
export const schemaSha256 = (schema: Json): string => sha256(JSON.stringify(schema));

/** The build's validator for this schema, or undefined when there is none or it was built from another schema. */
export function precompiledCheck(schema: Json): SpecCheck | undefined {
  let mod: { readonly default?: unknown; readonly schemaSha256?: unknown };
  try {
    mod = require(`./${PRECOMPILED_FILE}`) as typeof mod;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
  return mod.schemaSha256 === schemaSha256(schema) && typeof mod.default === 'function' ? mod.default as SpecCheck : undefined;
}

/** ajv's validator for this schema, compiled now (ajv is loaded only then). */
export function compileCheck(schema: Json, opts: { readonly source?: boolean } = {}): { readonly check: SpecCheck; readonly ajv: import('ajv').Ajv } {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ ...SPEC_AJV_OPTIONS, ...(opts.source === true && { code: { source: true } }) });
  return { check: ajv.compile(schema as object), ajv };
}

/** The spec's validator: the build's when it matches the schema, else compiled now. */
export const specCheck = (schema: Json): SpecCheck => precompiledCheck(schema) ?? compileCheck(schema).check;
