import { equals, contains, containsAny, containsAll, startsWith, regex } from './assertions/match.js';
import { isJson, jsonSchema, jsonField } from './assertions/json.js';
import { numeric } from './assertions/numeric.js';
import { label } from './assertions/label.js';
import { choice } from './assertions/choice.js';
import { similarity } from './assertions/similarity.js';
import { maxLatency, maxCost, maxTokens } from './assertions/limits.js';
import { noToolCall, toolArgsSchema, toolCall, toolCalled, toolOrder, trajectory } from './assertions/tools.js';
import type { AnyScorerDefinition, OptionsSchema } from './types.js';
import type { Json } from '../types.js';
import { gradedDefinitions, pairwiseMeta } from './model-graded/index.js';
import { pluginDefinitions } from './plugin/definitions.js';

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
  choice,
  similarity,
  'max-latency': maxLatency,
  'max-cost': maxCost,
  'max-output-tokens': maxTokens,
  'tool-called': toolCalled,
  'tool-call': toolCall,
  'tool-args-schema': toolArgsSchema,
  'no-tool-call': noToolCall,
  'tool-order': toolOrder,
  trajectory,
} as const satisfies Record<string, AnyScorerDefinition>;

export type ScorerType = keyof typeof scorerDefinitions | keyof typeof gradedDefinitions | 'pairwise' | keyof typeof pluginDefinitions;
/** Every scorer type: deterministic, model-graded, and plug-ins (module, exec, expression). */
export const scorerTypes = [...Object.keys(scorerDefinitions), ...Object.keys(gradedDefinitions), 'pairwise', ...Object.keys(pluginDefinitions)] as ScorerType[];

/** What the spec layer needs of any scorer type (schema, templates, expected value). */
export interface ScorerMeta {
  readonly type: string;
  readonly description: string;
  readonly options: OptionsSchema;
  readonly needsExpected: boolean;
  readonly templated?: readonly string[];
  readonly expectedProblem?: (expected: Json) => string | undefined;
  /** Model-graded: takes a `judge` option, and `{{output}}` in its templates names the output. */
  readonly graded: boolean;
}

export function scorerMeta(type: string): ScorerMeta | undefined {
  if (type === 'pairwise') return { ...pairwiseMeta, graded: true };
  if (Object.hasOwn(gradedDefinitions, type)) return { ...gradedDefinitions[type as keyof typeof gradedDefinitions], graded: true };
  if (Object.hasOwn(pluginDefinitions, type)) return { ...pluginDefinitions[type as keyof typeof pluginDefinitions], graded: false };
  const def = scorerDefinition(type);
  return def === undefined ? undefined : { ...def, graded: false };
}

export function scorerDefinition(type: string): AnyScorerDefinition | undefined {
  return Object.hasOwn(scorerDefinitions, type) ? scorerDefinitions[type as keyof typeof scorerDefinitions] : undefined;
}
