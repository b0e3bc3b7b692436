import type { JsonObject } from '../types.js';
import { custom, int, list, num, obj, opt, str, text } from '../util/json-schema.js';

// A model entry of the spec as the user writes it: the options every kind shares. Each kind's own
// options come with its definition (ProviderDefinition.options); the registry merges them into the
// entry's schema, whose Static type is ModelInput.

export type { ModelInput } from './registry.js';
export type { SimInput } from './sim.js';

/** Common options listed before the kinds' own (the id's schema is the registry's). */
export const entryHead = {
  label: opt(str('Display name in reports (default: the id).')),
  max_tokens: opt(int('Maximum output tokens (thinking included).', 1)),
  stop: opt(list(text({ minLength: 1 }), { maxItems: 16, description: 'Stop sequences.' })),
  output_format: opt(custom<JsonObject>({ type: 'object', description: 'Structured output for this model: a JSON Schema the answer must follow (overrides the spec\'s output_format).' })),
};

/** Common options listed after the kinds' own. */
export const entryTail = {
  base_url: opt(str('Base URL of the API (openai: required unless OPENAI_BASE_URL is set; anthropic: overrides ANTHROPIC_BASE_URL).')),
  api_key_env: opt(str('Name of the environment variable holding the key (default ANTHROPIC_API_KEY / OPENAI_API_KEY).', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })),
  concurrency: opt(int('Concurrent calls for this model (default: run.concurrency).', 1)),
  rate_limit: opt(obj({
    requests_per_minute: opt(int('Requests per minute.', 1)),
    input_tokens_per_minute: opt(int('Input tokens per minute (estimated at ~4 characters a token before each call).', 1)),
    output_tokens_per_minute: opt(int('Output tokens per minute.', 1)),
  }, { description: 'Your own per-minute limits for this model, kept on top of what the API reports in its rate-limit headers.' })),
  price: opt(priceSchema('This model\'s price, used for every cost instead of the built-in price table (which knows Claude models only). Without one, a model the table does not know (openai:, replay:) has an unknown cost, never $0. See docs/pricing.md.')),
};

/** A model's `price:` (a model entry's, or a judge's). */
export function priceSchema(description: string) {
  return obj({
    input: opt(num({ minimum: 0 }, 'USD per million input tokens.')),
    output: opt(num({ minimum: 0 }, 'USD per million output tokens.')),
    cache_write: opt(num({ minimum: 0 }, 'USD per million prompt-cache write tokens (default: the input price).')),
    cache_read: opt(num({ minimum: 0 }, 'USD per million prompt-cache read tokens (default: the input price).')),
    per_call: opt(num({ minimum: 0 }, 'USD per call (per answer for a replay: model), added to any token prices.')),
  }, { description });
}
