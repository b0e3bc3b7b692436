import type { CompletionRequest, RequestMessage, Sample } from '../types.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import { dirname } from 'node:path';
import { renderText } from '../prompt/template.js';
import { conversationOf } from '../prompt/conversation.js';
import { mediaBlocks } from '../prompt/media.js';

/** A contestant's prompt: its prompt variant's, else the spec's. */
type PromptOf = Pick<EvalSpec['prompt'], 'system' | 'messages'>;

/** The sample's conversation (dataset.fields.messages), then the prompt's turns; its media go first in the first user turn. */
function messagesOf(spec: EvalSpec, prompt: PromptOf, sample: Sample): RequestMessage[] {
  const field = spec.dataset.fields.messages;
  const history = field === undefined ? [] : conversationOf(sample.vars[field] ?? null);
  const own: RequestMessage[] = prompt.messages.map((m) => ({ role: m.role, content: renderText(m.content, sample.vars) }));
  const all = [...history, ...own];
  const images = spec.dataset.fields.images;
  const media = images === undefined ? [] : mediaBlocks(sample.vars[images] ?? null, dirname(spec.dataset.path));
  const first = all.findIndex((m) => m.role === 'user');
  if (media.length === 0 || first < 0) return all;
  const m = all[first] as RequestMessage;
  const text = typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content;
  // Images before text: what the Messages API documentation recommends.
  all[first] = { role: 'user', content: [...media, ...text] };
  return all;
}

/** The provider-neutral request for one sample and model (a contestant: and its prompt variant). Templates and media were checked before the run. */
export function buildRequest(spec: EvalSpec, model: ModelSpec, sample: Sample): CompletionRequest {
  // A contestant of a prompt variant sends its variant's prompt; otherwise the spec's.
  const prompt: PromptOf = model.variant ?? spec.prompt;
  const system = prompt.system !== undefined ? renderText(prompt.system, sample.vars) : undefined;
  const tools = spec.tools;
  return {
    model: model.model,
    ...(system !== undefined && { system }),
    messages: messagesOf(spec, prompt, sample),
    maxTokens: model.maxTokens,
    ...(model.stop !== undefined && { stop: model.stop }),
    timeoutMs: spec.run.timeoutMs,
    ...(model.outputFormat !== undefined && { outputSchema: model.outputFormat, outputName: 'output' }),
    ...(tools !== undefined && { tools: tools.definitions }),
    ...(tools?.choice !== undefined && { toolChoice: tools.choice }),
    ...(spec.prompt.cache === true && { cachePrefix: true }),
  };
}

