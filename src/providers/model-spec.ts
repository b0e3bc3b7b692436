import type { ChatMessage, JsonObject, MinuteLimits } from '../types.js';
import type { ModelPrice } from '../pricing/model-price.js';
import type { SimInput } from './model-entry.js';
import type { ProviderKind } from './registry.js';
import type { Transport } from './transport.js';

/** A model entry of the spec, resolved: every default applied. Code past the spec's resolve() trusts it. */
export interface ModelSpec {
  /** "anthropic:claude-haiku-5-5" */
  readonly id: string;
  readonly provider: ProviderKind;
  /** The part after the colon. */
  readonly model: string;
  readonly label: string;
  readonly maxTokens: number;
  readonly stop?: readonly string[];
  readonly thinking?: 'adaptive' | 'disabled' | { readonly budgetTokens: number };
  readonly effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  readonly stream: boolean;
  readonly temperature?: number;
  readonly baseUrl?: string;
  readonly apiKeyEnv: string;
  readonly concurrency: number;
  /** Explicit per-minute limits (spec `rate_limit`). */
  readonly minuteLimits?: MinuteLimits;
  readonly sim?: SimInput;
  /** The spec's price for this model (`price:`); it wins over the price table. */
  readonly price?: ModelPrice;
  /** With prompt variants: this contestant's variant (its id is `<model id>@<variant id>`). */
  readonly variant?: PromptVariant;
  /** With prompt variants: the model's own id, without the variant. */
  readonly baseId?: string;
  /** module: and exec: models: the spec file's folder (the module path starts there, the command runs there) and the entry's options. */
  readonly plugin?: { readonly dir: string; readonly options: JsonObject };
  /** The HTTP client under the SDK (run.transport, --transport); absent: the default (providers/transport.ts). */
  readonly transport?: Transport;
  /** Structured output: the JSON Schema the answer must follow (the entry's output_format, else the spec's). */
  readonly outputFormat?: JsonObject;
}

/** One prompt variant of the spec, resolved over its `prompt`: a contestant's prompt. */
export interface PromptVariant {
  readonly id: string;
  readonly system?: string;
  readonly messages: readonly ChatMessage[];
  /** A multi-turn spec (prompt.turns): this variant's user turns, the first being `messages`' one. */
  readonly turns?: readonly string[];
  /** Where each part was written ("file#/prompts/1/user"), for the template checks' messages. */
  readonly at: { readonly system?: string; readonly messages: readonly string[]; readonly turns?: readonly string[] };
}
