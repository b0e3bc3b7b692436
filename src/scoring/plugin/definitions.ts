import { moduleScorer } from './module.js';
import { execScorer } from './exec.js';
import { expressionScorer } from './expression.js';
import type { PluginScorerDefinition } from './types.js';

/** The scorer types whose check is the user's own code. */
export const pluginDefinitions = { module: moduleScorer, exec: execScorer, expression: expressionScorer } as const satisfies Record<string, PluginScorerDefinition>;

export function pluginDefinition(type: string): PluginScorerDefinition | undefined {
  return Object.hasOwn(pluginDefinitions, type) ? pluginDefinitions[type as keyof typeof pluginDefinitions] : undefined;
}
