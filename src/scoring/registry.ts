import { equals, contains, containsAny, containsAll, startsWith, regex } from './assertions/match.js';
import { isJson, jsonSchema, jsonField } from './assertions/json.js';
import { numeric } from './assertions/numeric.js';
import { label } from './assertions/label.js';
import { similarity } from './assertions/similarity.js';
import { maxLatency, maxCost, maxTokens } from './assertions/limits.js';
import type { AnyScorerDefinition } from './types.js';

/** Every scorer type, derived from the definitions (no side-effect registration). */
export const scorerDefinitions = {
  equals,
  contains,
  'contains-any': containsAny,
  'contains-all': containsAll,
  'starts-with': startsWith,
  regex,
  'is-json': isJson,
  'json-schema': jsonSchema,
  'json-field': jsonField,
  numeric,
  label,
  similarity,
  'max-latency': maxLatency,
  'max-cost': maxCost,
  'max-output-tokens': maxTokens,
} as const satisfies Record<string, AnyScorerDefinition>;

export type ScorerType = keyof typeof scorerDefinitions;
export const scorerTypes = Object.keys(scorerDefinitions) as ScorerType[];

export function scorerDefinition(type: string): AnyScorerDefinition | undefined {
  return Object.hasOwn(scorerDefinitions, type) ? scorerDefinitions[type as ScorerType] : undefined;
}
