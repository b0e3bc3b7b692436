export { pluginDefinitions, pluginDefinition } from './definitions.js';
export { checkPluginScorers } from './check.js';
export type { PluginCheckEnv, PluginScorerDefinition } from './types.js';
