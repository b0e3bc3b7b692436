import type { CompletionRequest, Sample } from '../types.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import { renderText } from '../prompt/template.js';

/** The provider-neutral request for one sample and model. Templates were checked before the run. */
export function buildRequest(spec: EvalSpec, model: ModelSpec, sample: Sample): CompletionRequest {
  const system = spec.prompt.system !== undefined ? renderText(spec.prompt.system, sample.vars) : undefined;
  return {
    model: model.model,
    ...(system !== undefined && { system }),
    messages: spec.prompt.messages.map((m) => ({ role: m.role, content: renderText(m.content, sample.vars) })),
    maxTokens: model.maxTokens,
    ...(model.stop !== undefined && { stop: model.stop }),
    timeoutMs: spec.run.timeoutMs,
  };
}
