import type { ScorerSpec } from '../create.js';
import type { PluginCheckEnv } from './types.js';
import { pluginDefinition } from './definitions.js';

/**
 * The plug-in scorers' checks that load or look up something (a module's exports, a command on
 * PATH), before any call: "file#/scorers/i/path: message", one per problem. Modules load in parallel.
 */
export async function checkPluginScorers(scorers: readonly ScorerSpec[], file: string, env: PluginCheckEnv): Promise<string[]> {
  const found = await Promise.all(scorers.map(async (s, i) => {
    const def = pluginDefinition(s.type);
    if (def === undefined) return [];
    return (await def.check(s, env)).map((p) => `${file}#/scorers/${i}${p.path}: ${p.message}`);
  }));
  return found.flat();
}
