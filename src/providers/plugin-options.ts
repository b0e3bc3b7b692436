import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ItemContext, JsonObject } from '../types.js';
import type { PluginSample } from '../types/plugin.js';
import { custom, opt } from '../util/json-schema.js';
import type { ModelInput } from './model-entry.js';
import type { ModelSpec } from './model-spec.js';

// What module: and exec: models share: their `options` (handed to the plug-in), the spec's folder
// (where a module path starts and a command runs), and the checks of a model entry that calls nothing
// a plug-in does not read.

export const pluginEntryOptions = {
  options: opt(custom<JsonObject>({ type: 'object', description: 'module: and exec: models: any JSON object, handed to the plug-in (createProvider(options); an exec: command\'s input.options).' })),
};

/** The resolved part of a plug-in model: its folder and options. */
export const pluginResolve = (entry: ModelInput, file: string): Partial<ModelSpec> => ({
  plugin: { dir: dirname(resolve(file)), options: entry.options ?? {} },
});

/** Options of the API providers, which a plug-in model never reads. */
const API_OPTIONS = ['thinking', 'effort', 'stream', 'temperature', 'base_url', 'api_key_env', 'sim'] as const;

export function unusedOptions(entry: ModelInput, where: string, kind: string): string[] {
  return API_OPTIONS.filter((k) => entry[k] !== undefined).map((k) => `${where}/${k}: a ${kind}: model does not read it (the plug-in makes the call); remove it`);
}

export const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The sample as a plug-in sees it (no source path of ours). */
export const pluginSample = (item: ItemContext): PluginSample => ({
  id: item.sample.id, vars: item.sample.vars, ...(item.sample.target !== undefined && { target: item.sample.target }), metadata: item.sample.metadata,
});
