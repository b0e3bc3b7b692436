import { resolve } from 'node:path';
import type { Provider } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import type { ProviderDefinition } from './definition.js';
import { modulePool } from '../plugin/module-pool.js';
import { pluginProvider } from './plugin-answer.js';
import { isFile, pluginEntryOptions, pluginResolve, unusedOptions } from './plugin-options.js';

// module:<path> — your own provider: a JS/TS module implementing Provider.complete(request, signal,
// item) (the interface the built-in providers implement), run in worker threads (plugin/module-pool)
// with run.timeout_ms per attempt. A thrown error that says it is retryable is retried like an API's.

const fileOf = (model: ModelSpec) => resolve(model.plugin?.dir ?? '.', model.model);
const poolOf = (model: ModelSpec) => modulePool({ file: fileOf(model), role: 'provider', size: model.concurrency, options: model.plugin?.options ?? {} });

export function moduleProvider(model: ModelSpec): Provider {
  const pool = poolOf(model);
  const label = `module provider ${model.model}`;
  // Latency is the call's own (the result's ms): a worker's first load (tsx compiling TypeScript) is not the model's time.
  return pluginProvider(model, label, (req, signal, item) => pool.call([req, item], { timeoutMs: req.timeoutMs, signal, label }));
}

/** Load the module before any call: what is wrong with it (no complete), or undefined. */
export const checkModuleProvider = async (model: ModelSpec): Promise<string | undefined> => {
  const problem = await poolOf(model).check();
  return problem === undefined ? undefined : `${model.model} ${problem}`;
};

export const moduleKind: ProviderDefinition<typeof pluginEntryOptions> = {
  kind: 'module',
  idForm: '<path>',
  idNote: '(your own provider module, relative to the spec file)',
  listing: 'your own provider: a JS/TS module exporting complete(request, signal, item) (docs/plugins.md); no known price',
  options: pluginEntryOptions,
  simulated: false,
  replay: false,
  local: true,
  apiKeyEnv: 'ANTHROPIC_API_KEY', // never read: the module makes its own calls
  check: ({ entry, model, where, file }) => [
    ...unusedOptions(entry, where, 'module'),
    ...(isFile(resolve(file, '..', model)) ? [] : [`${where}: no file ${model} (looked for ${resolve(file, '..', model)}); fix the path (relative to the spec file)`]),
  ],
  resolve: pluginResolve,
  create: (model) => moduleProvider(model),
  pricingModel: () => undefined,
};
