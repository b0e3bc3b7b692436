import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { evalSpecSchema } from '../../src/spec/schema.js';
import { recordSchema, summarySchema } from '../../src/report/schemas.js';
import { parseSpecText } from '../../src/spec/load.js';
import { ROOT } from '../support/cli.js';

// The JSON Schemas in schemas/ are generated (`npm run schemas`); they must match the code, and the
// bundled evals must satisfy the spec schema as an editor would check them (with the plain file).

const onDisk = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as unknown;

describe('schemas/', () => {
  it.each([
    ['eval-spec.schema.json', evalSpecSchema()],
    ['record.schema.json', recordSchema],
    ['summary.schema.json', summarySchema],
  ])('%s matches the code (run `npm run schemas` after changing it)', (name, schema) => {
    expect(onDisk(name)).toEqual(schema);
  });

  it.each(['support-routing', 'invoice-extraction', 'math-word-problems', 'multilingual-intents', 'policy-qa', 'tool-use', 'vision-charts'])('evals/%s.yaml validates against schemas/eval-spec.schema.json', (name) => {
    const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
    const check = ajv.compile(onDisk('eval-spec.schema.json') as object);
    const src = parseSpecText(readFileSync(join(ROOT, 'evals', `${name}.yaml`), 'utf8'), name);
    expect(check(src.data), JSON.stringify(check.errors)).toBe(true);
  });
});
