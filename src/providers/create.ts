import type { Provider } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import type { Env } from './definition.js';
import { providerDefinition } from './registry.js';
import type { Pricing } from '../pricing/model-price.js';

export type { Env } from './definition.js';

/** The model whose list price prices a model's calls (the simulator: the model its profile is named after). */
export function pricingModelOf(model: ModelSpec): string | undefined {
  return providerDefinition(model.provider).pricingModel(model);
}

/** How a model's calls are priced: the spec's `price:` when it gives one, else the price table's list price. */
export function pricingOf(model: ModelSpec): Pricing {
  return { tableModel: pricingModelOf(model), price: model.price };
}

/** Build the provider for a model. A missing key is an input error (exit 2): nothing is ever faked. */
export function createProvider(model: ModelSpec, env: Env, runSeed: number): Provider {
  // Library callers from JavaScript may pass a model id: say what is wanted instead of failing deep inside.
  if (typeof model !== 'object' || model === null || typeof (model as { provider?: unknown }).provider !== 'string') {
    throw new TypeError(`createProvider takes a resolved model (one of prepareEval(spec).spec.models), not ${JSON.stringify(model) ?? String(model)}; to run a model id, use evaluate(spec, { models: [id] })`);
  }
  return providerDefinition(model.provider).create(model, env, runSeed);
}
