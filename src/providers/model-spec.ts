import type { JsonObject, MinuteLimits } from '../types.js';
import type { SimInput } from './model-entry.js';
import type { ProviderKind } from './registry.js';

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
  /** Structured output: the JSON Schema the answer must follow (the entry's output_format, else the spec's). */
  readonly outputFormat?: JsonObject;
}
