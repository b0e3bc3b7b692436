import type { Json } from '../types.js';
import { evalSpecSchema } from '../spec/schema.js';
import { recordSchema, summarySchema } from '../report/schemas.js';

export const allSchemas = (): Record<string, Json> => ({
  'eval-spec.schema.json': evalSpecSchema(),
  'record.schema.json': recordSchema,
  'summary.schema.json': summarySchema,
});
