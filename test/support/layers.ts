import type { Layering } from './architecture.js';

// The declared layering of src/, top to bottom: a unit may import itself or a unit of a lower layer,
// never a sibling of its own layer nor anything above. A unit is a path prefix under src/ (a folder,
// a file, or a file with its `.ts` left off); a file belongs to the longest prefix that matches it.
// The one place this is declared: test/unit/architecture.test.ts and bench/architecture.ts read it.
// util/json-schema (the JSON Schema builders over TypeBox, importing nothing of ours) sits below the
// vocabulary, so that types/record-schema.ts can define a record's types and schema with it.
export const LAYERS: Layering = [
  ['cli', 'index.ts'],
  ['api'],
  ['eval'],
  ['route'],
  ['compare'],
  ['report'],
  ['summary'],
  ['judge/agreement'],
  ['run-log'],
  ['runner'],
  ['cassette'],
  ['dataset', 'cache'],
  ['spec'],
  ['scoring'],
  ['judge'],
  ['providers'],
  ['prompt', 'pricing', 'extract', 'plugin'],
  ['stats'],
  ['util'],
  ['errors.ts'],
  ['types'],
  ['util/json-schema'],
];
