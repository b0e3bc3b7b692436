import type { ScorerDefinition } from '../types.js';

// Budget assertions on the call itself rather than the text. A cost limit on a model with no known
// price cannot be judged: it fails with the reason, rather than silently passing at "$0".

export const maxLatency: ScorerDefinition<{ readonly ms: number }> = {
  type: 'max-latency',
  description: 'The call took at most `ms` milliseconds.',
  options: { properties: { ms: { type: 'number', exclusiveMinimum: 0, description: 'Latency limit in milliseconds.' } }, required: ['ms'] },
  needsExpected: false,
  check: ({ completion, options }) =>
    completion.latencyMs <= options.ms ? { pass: true } : { pass: false, reason: `${Math.round(completion.latencyMs)} ms > ${options.ms} ms` },
};

export const maxCost: ScorerDefinition<{ readonly usd: number }> = {
  type: 'max-cost',
  description: 'The call cost at most `usd` dollars (fails when the model has no known price).',
  options: { properties: { usd: { type: 'number', minimum: 0, description: 'Cost limit in US dollars.' } }, required: ['usd'] },
  needsExpected: false,
  check: ({ costUsd, options }) => {
    if (costUsd === null) return { pass: false, undetermined: true, reason: 'cost unknown (no price for this model; give its model entry a price:)' };
    return costUsd <= options.usd ? { pass: true } : { pass: false, reason: `$${costUsd.toPrecision(3)} > $${options.usd}` };
  },
};

export const maxTokens: ScorerDefinition<{ readonly tokens: number; readonly include_thinking?: boolean }> = {
  type: 'max-output-tokens',
  description: 'The output used at most `tokens` tokens (thinking tokens excluded unless include_thinking).',
  options: {
    properties: {
      tokens: { type: 'integer', minimum: 0, description: 'Output token limit.' },
      include_thinking: { type: 'boolean', description: 'Count thinking tokens too (default false).' },
    },
    required: ['tokens'],
  },
  needsExpected: false,
  check: ({ completion, options }) => {
    const u = completion.usage;
    const used = options.include_thinking === true ? u.outputTokens : u.outputTokens - u.thinkingTokens;
    return used <= options.tokens ? { pass: true } : { pass: false, reason: `${used} output tokens > ${options.tokens}` };
  },
};
