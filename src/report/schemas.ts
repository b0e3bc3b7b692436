import type { Json } from '../types.js';
import { recordJsonSchema } from '../types/record-schema.js';
import { summaryJsonSchema } from '../summary/schema.js';

// JSON Schemas of the run directory's files, written to schemas/ by `haikubench schemas --write
// schemas`; tests validate real output against them. Each comes from the one definition its
// TypeScript types derive from (Static<>): records.jsonl's line from types/record-schema.ts,
// summary.json from summary/schema.ts.

/** schemas/record.schema.json. */
export const recordSchema: Json = recordJsonSchema() as Json;

/** schemas/summary.schema.json. */
export const summarySchema: Json = summaryJsonSchema() as Json;
