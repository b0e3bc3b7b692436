import type { ErrorObject } from 'ajv';
import { SpecError } from '../errors.js';
import { suggest } from '../util/suggest.js';
import { evalSpecSchema } from './schema.js';
import { specCheck } from './spec-validator.js';
import { scorerTypes } from '../scoring/registry.js';
import type { SpecSource } from './load.js';
import type { EvalSpecInput } from './input.js';

const schema = evalSpecSchema();
const check = specCheck(schema);

const MODEL_FORM = /\/models\/items\/anyOf\/\d+\/type$/;
const quoteList = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ');


function schemaAt(path: string): Record<string, unknown> | undefined {
  let cur: unknown = schema;
  for (const part of path.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>) : undefined;
}

/** One ajv error → "what is wrong and what is allowed". */
function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required property "${String(p['missingProperty'])}"`;
    case 'additionalProperties': {
      const parent = schemaAt(e.schemaPath.replace(/\/additionalProperties$/, ''));
      const props = parent && typeof parent['properties'] === 'object' ? Object.keys(parent['properties'] as object).filter((k) => k !== '$schema') : []; // $schema: for editors only
      const got = String(p['additionalProperty']);
      return `unknown property "${got}"${suggest(got, props)}; allowed: ${props.join(', ')}`;
    }
    case 'enum':
      return `must be one of ${quoteList(p['allowedValues'] as unknown[])}`;
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'discriminator':
      return p['error'] === 'mapping'
        ? `unknown scorer type ${JSON.stringify(p['tagValue'])}${suggest(String(p['tagValue']), scorerTypes)}; allowed: ${scorerTypes.join(', ')}`
        : `scorer needs a "type" (one of ${scorerTypes.join(', ')})`;
    case 'pattern': {
      const s = schemaAt(e.schemaPath.replace(/\/pattern$/, ''));
      return `${e.message ?? 'does not match'}${s?.['description'] ? ` (${String(s['description'])})` : ''}`;
    }
    case 'type':
      return MODEL_FORM.test(e.schemaPath) ? 'must be a provider id string ("anthropic:<model>") or an object with an "id"' : `must be ${String(p['type'])}`;
    default:
      return e.message ?? 'is invalid';
  }
}


/** Drop the noise ajv adds for anyOf/oneOf branches when a more specific error exists. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  // A model is an object or a string: report the errors of the form the user wrote, and drop the
  // other form's "must be object" / "must be string" when the written form has errors of its own.
  const formError = (e: ErrorObject) => MODEL_FORM.test(e.schemaPath);
  const sameItem = (a: ErrorObject, b: ErrorObject) => b.instancePath === a.instancePath || b.instancePath.startsWith(`${a.instancePath}/`);
  const noise = (e: ErrorObject) => formError(e) && specific.some((x) => !formError(x) && sameItem(e, x));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of specific.filter((x) => !noise(x))) byPath.set(e.instancePath + e.keyword + (formError(e) ? '' : JSON.stringify(e.params)), [e]);
  const out = [...byPath.values()].flat();
  return out.length > 0 ? out : [...errors];
}

export function validateSpec(src: SpecSource): EvalSpecInput {
  if (check(src.data)) return src.data as EvalSpecInput;
  const issues = relevant(check.errors ?? []).map((e) => {
    const line = src.lineOf(e.instancePath);
    return `${src.file}#${e.instancePath || '/'}${line !== undefined ? ` (line ${line})` : ''}: ${describe(e)}`;
  });
  throw new SpecError(src.file, [...new Set(issues)]);
}

