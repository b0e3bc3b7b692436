import type { Json } from '../types.js';

// A model entry of the spec as the user writes it: the options every kind shares. Each kind's own
// options come with its definition (ProviderDefinition.options); the registry merges them.

export interface SimInput {
  readonly accuracy?: number;
  readonly segment?: string;
  readonly accuracy_by?: Readonly<Record<string, number>>;
  readonly latency_ms?: number;
  readonly realtime?: boolean;
  readonly seed?: number;
  readonly stated_confidence?: { readonly auroc: number; readonly bias?: number };
}

export interface ModelInput {
  readonly id: string;
  readonly label?: string;
  readonly max_tokens?: number;
  readonly stop?: readonly string[];
  readonly thinking?: 'adaptive' | 'disabled' | { readonly budget_tokens: number };
  readonly effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  readonly stream?: boolean;
  readonly temperature?: number;
  readonly base_url?: string;
  readonly api_key_env?: string;
  readonly concurrency?: number;
  readonly rate_limit?: { readonly requests_per_minute?: number; readonly input_tokens_per_minute?: number; readonly output_tokens_per_minute?: number };
  readonly sim?: SimInput;
}

const str = (description: string, extra: Record<string, Json> = {}): Json => ({ type: 'string', description, ...extra });
const int = (description: string, minimum: number): Json => ({ type: 'integer', minimum, description });

/** Common options listed before the kinds' own (the id's schema is the registry's). */
export const entryHead: Readonly<Record<string, Json>> = {
  label: str('Display name in reports (default: the id).'),
  max_tokens: int('Maximum output tokens (thinking included).', 1),
  stop: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 16, description: 'Stop sequences.' },
};

/** Common options listed after the kinds' own. */
export const entryTail: Readonly<Record<string, Json>> = {
  base_url: str('Base URL of the API (openai: required unless OPENAI_BASE_URL is set; anthropic: overrides ANTHROPIC_BASE_URL).'),
  api_key_env: str('Name of the environment variable holding the key (default ANTHROPIC_API_KEY / OPENAI_API_KEY).', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
  concurrency: int('Concurrent calls for this model (default: run.concurrency).', 1),
  rate_limit: {
    type: 'object',
    description: 'Your own per-minute limits for this model, kept on top of what the API reports in its rate-limit headers.',
    properties: {
      requests_per_minute: int('Requests per minute.', 1),
      input_tokens_per_minute: int('Input tokens per minute (estimated at ~4 characters a token before each call).', 1),
      output_tokens_per_minute: int('Output tokens per minute.', 1),
    },
    additionalProperties: false,
  },
};
