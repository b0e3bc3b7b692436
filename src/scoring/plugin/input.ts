import type { ChatMessage, Json, ScoreInput } from '../../types.js';
import type { ScorerPluginInput } from '../../types/plugin.js';
import { renderText, renderValue } from '../../prompt/template.js';
import type { ScorerSpec } from '../create.js';

/** The JSON a plug-in scorer gets for one answer (types/plugin.ts ScorerPluginInput). */
export function pluginInput(spec: ScorerSpec, prompt: readonly ChatMessage[], input: ScoreInput): ScorerPluginInput {
  const { sample, completion } = input;
  const expected = spec.expected !== undefined ? renderValue(spec.expected, sample.vars) : sample.target;
  const options = spec.options['options'];
  return {
    sample: { id: sample.id, vars: sample.vars, ...(sample.target !== undefined && { target: sample.target }), metadata: sample.metadata },
    output: completion.text,
    expected: expected ?? null,
    options: typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as { readonly [k: string]: Json }) : {},
    model: input.model ?? '',
    epoch: input.epoch,
    conversation: [...prompt.map((m) => ({ role: m.role, content: renderText(m.content, sample.vars) })), { role: 'assistant' as const, content: completion.text }],
    completion: {
      stopReason: completion.stopReason,
      latencyMs: completion.latencyMs,
      usage: { inputTokens: completion.usage.inputTokens, outputTokens: completion.usage.outputTokens },
      costUsd: input.costUsd,
    },
  };
}
