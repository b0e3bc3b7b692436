import type { CompletionRequest, Sample } from '../types.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import { renderText } from '../prompt/template.js';

/** The provider-neutral request for one sample and model (a contestant: and its prompt variant). Templates were checked before the run. */
export function buildRequest(spec: EvalSpec, model: ModelSpec, sample: Sample): CompletionRequest {
  // A contestant of a prompt variant sends its variant's prompt; otherwise the spec's.
  const prompt = model.variant ?? spec.prompt;
  const system = prompt.system !== undefined ? renderText(prompt.system, sample.vars) : undefined;
  return {
    model: model.model,
    ...(system !== undefined && { system }),
    messages: prompt.messages.map((m) => ({ role: m.role, content: renderText(m.content, sample.vars) })),
    maxTokens: model.maxTokens,
    ...(model.stop !== undefined && { stop: model.stop }),
    timeoutMs: spec.run.timeoutMs,
  };
}
