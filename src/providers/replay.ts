import type { Completion, CompletionRequest, ItemContext, Json, Provider } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import type { ProviderDefinition } from './definition.js';
import { asText, lookup } from '../prompt/template.js';
import { providerError } from './classify.js';

// replay:<field> — no model at all: the "output" is the sample's own field (a path like
// "answer" or "reply.text"; a recorded conversation gives its last assistant turn), for grading
// outputs that already exist: a judge's calibration on a
// dataset of outputs with human labels, or scoring another system's answers. No call, no tokens, no
// latency and no cost ($0: nothing is called); never cached, never simulated.
// The field must be in every sample (spec/check-samples says so before any call).

type Turn = { readonly role: string; readonly content: Json };
const isTurn = (v: Json): v is Turn => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, Json>)['role'] === 'string' && 'content' in v;

/** A turn's text: a string, or its text blocks ({type: "text", text}) joined. */
function turnText(content: Json): string {
  if (!Array.isArray(content)) return asText(content);
  return content.flatMap((b) => (b !== null && typeof b === 'object' && !Array.isArray(b) && typeof b['text'] === 'string' ? [b['text']] : [])).join('');
}

/**
 * The recorded output: the field as text, or, when the field is a recorded conversation (a list of
 * {role, content} turns, as chat datasets store them), its last assistant turn's text.
 */
export function replayedText(value: Json): string {
  if (Array.isArray(value) && value.length > 0 && value.every(isTurn)) {
    const last = [...value].reverse().find((t) => t.role === 'assistant');
    if (last !== undefined) return turnText(last.content);
  }
  return asText(value);
}

export function replayProvider(model: ModelSpec): Provider {
  const field = model.model;
  return {
    id: model.id,
    queueKey: model.id,
    simulated: false,
    pricingModel: undefined,
    replay: true,
    complete: (_req: CompletionRequest, _signal: AbortSignal, item: ItemContext): Promise<Completion> => {
      const hit = lookup(item.sample.vars, field);
      if (!hit.found || hit.value === null) return Promise.reject(providerError('bad_request', `${model.id}: sample ${item.sample.id} has no field "${field}" (${item.sample.source})`));
      return Promise.resolve({ text: replayedText(hit.value), usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 0 });
    },
  };
}

/** Options that configure a call, which a replay: model never makes. */
const CALL_OPTIONS = ['thinking', 'effort', 'stream', 'temperature', 'stop', 'base_url', 'rate_limit', 'sim'] as const;

/** replay:<field>: no model, the output is the sample's own field. */
export const replay: ProviderDefinition<Record<never, never>> = {
  kind: 'replay',
  idForm: '<field>',
  idNote: '(the output is the sample\'s field; no model is called)',
  listing: 'no model: the output is the sample\'s own field (outputs to grade, e.g. a judge\'s calibration set); no call, no cost',
  options: {},
  simulated: false,
  replay: true,
  apiKeyEnv: 'ANTHROPIC_API_KEY', // never read: nothing is called
  check: ({ entry, model, where }) => CALL_OPTIONS
    .filter((key) => entry[key] !== undefined)
    .map((key) => `${where}/${key}: a replay: model calls nothing (its output is the sample's "${model}" field); remove it`),
  create: (model) => replayProvider(model),
  pricingModel: () => undefined,
};
