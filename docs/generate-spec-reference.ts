// Writes docs/spec-fields.md from schemas/eval-spec.schema.json. Run: npx tsx docs/generate-spec-reference.ts
// The rendering lives in test/support/spec-reference.ts, which test/unit/docs.test.ts also uses to check
// that the committed page is up to date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSpecReference, SPEC_REFERENCE_PATH } from '../test/support/spec-reference.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'eval-spec.schema.json'), 'utf8')) as unknown;
writeFileSync(join(root, SPEC_REFERENCE_PATH), renderSpecReference(schema));
console.log(`wrote ${SPEC_REFERENCE_PATH}`);
