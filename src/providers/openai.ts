import { endpointHost } from '../util/endpoint.js';
import type { Completion, CompletionRequest, Provider, TokenLogprob } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import { InputError, ProviderError } from '../errors.js';
import { baseUrlProblem, checkedBaseUrl, checkKey, isLoopback, nonEmpty, type ProviderDefinition } from './definition.js';
import { num, opt } from '../util/json-schema.js';
import { fetchFor } from './transport.js';
import { fromOpenAICalls, openaiMessages, openaiToolChoice, openaiTools, strictCompatible } from './openai-content.js';
import { providerError, withoutSecret } from './classify.js';
import { createChatCompletion, type ChatClient } from './chat-client.js';
import type { ChatChoice, ChatCompletion, ChatCompletionParams, ChatMessageParam, WireTokenLogprob } from './openai-wire.js';

// openai:<model> for any OpenAI-compatible Chat Completions endpoint (vLLM, Ollama, llama.cpp, hosted
// APIs), through chat-client.ts (one request, no retries: the harness retries, as for Anthropic).

export interface OpenAIOptions {
  readonly apiKey: string;
  readonly baseURL: string;
}

export function buildChatParams(model: ModelSpec, req: CompletionRequest): ChatCompletionParams {
  const messages: ChatMessageParam[] = [
    ...(req.system !== undefined ? [{ role: 'system' as const, content: req.system }] : []),
    ...openaiMessages(req.messages),
  ];
  const schemaFormat = req.outputSchema !== undefined && req.outputMode !== 'tool';
  return {
    model: model.model,
    messages,
    max_tokens: req.maxTokens,
    ...(req.stop !== undefined && req.stop.length > 0 && { stop: [...req.stop] }),
    ...(model.temperature !== undefined && { temperature: model.temperature }),
    // A pairwise judge's logprobs: true: the verdict token's distribution (judge/verdict-logprobs.ts).
    ...(req.logprobs === true && { logprobs: true, top_logprobs: TOP_LOGPROBS }),
    ...(schemaFormat && {
      response_format: { type: 'json_schema', json_schema: { name: req.outputName ?? 'verdict', schema: { ...req.outputSchema }, strict: strictCompatible(req.outputSchema ?? {}) } },
    }),
    ...(req.outputMode !== 'tool' && req.tools !== undefined && req.tools.length > 0 && { tools: openaiTools(req.tools) }),
    ...(req.outputMode !== 'tool' && req.toolChoice !== undefined && { tool_choice: openaiToolChoice(req.toolChoice) }),
    // judge.structured: tool, for endpoints without response_format json_schema: a forced function call.
    ...(req.outputSchema !== undefined && req.outputMode === 'tool' && {
      tools: [{ type: 'function', function: { name: VERDICT_FUNCTION, description: 'Record your verdict.', parameters: { ...req.outputSchema } } }],
      tool_choice: { type: 'function', function: { name: VERDICT_FUNCTION } },
    }),
  };
}

/** Alternatives asked per token with logprobs: enough for every verdict token (A, B, tie). */
export const TOP_LOGPROBS = 5;

/** The answer's content tokens with their log-probabilities; undefined when the endpoint gave none. */
function tokenLogprobs(choice: ChatChoice | undefined): TokenLogprob[] | undefined {
  // Arrays are checked, not trusted: an endpoint may send anything in these fields.
  const content: unknown = choice?.logprobs?.content;
  if (!Array.isArray(content) || content.length === 0) return undefined;
  return (content as readonly WireTokenLogprob[]).map((t) => ({
    token: t.token, logprob: t.logprob,
    top: (Array.isArray(t.top_logprobs) ? t.top_logprobs as NonNullable<WireTokenLogprob['top_logprobs']> : []).map((x) => ({ token: x.token, logprob: x.logprob })),
  }));
}

/** The function a judge asked by tool use calls; its arguments are the verdict. */
export const VERDICT_FUNCTION = 'record_verdict';

export function chatToCompletion(res: ChatCompletion, latencyMs: number): Completion {
  const shape = res as { choices?: unknown } | null;
  if (shape === null || typeof shape !== 'object' || !Array.isArray(shape.choices)) {
    throw providerError('server', `malformed response body: not a chat completion (${typeof res === 'string' ? 'text' : typeof res})`);
  }
  // No choice at all is the endpoint's failure, not an answer to score.
  if (res.choices.length === 0) throw providerError('invalid_output', 'the response has no choices');
  const choice = res.choices[0];
  const u = res.usage;
  // A verdict asked by a forced function call is in its arguments (a JSON string).
  const call = choice?.message.tool_calls?.find((t) => t.type === 'function' && t.function?.name === VERDICT_FUNCTION)?.function;
  const used = call === undefined && choice !== undefined ? fromOpenAICalls(choice.message) : undefined;
  const cached = u?.prompt_tokens_details?.cached_tokens ?? 0;
  // A refusal comes in its own field, with no content: it is the answer, and its stop reason says so.
  const refusal = (choice?.message as { refusal?: string | null } | undefined)?.refusal ?? null;
  const logprobs = tokenLogprobs(choice);
  return {
    text: call !== undefined ? call.arguments : choice?.message.content ?? refusal ?? '',
    usage: {
      inputTokens: u?.prompt_tokens ?? 0,
      outputTokens: u?.completion_tokens ?? 0,
      thinkingTokens: u?.completion_tokens_details?.reasoning_tokens ?? 0,
      ...(cached > 0 && { cacheReadTokens: cached }),
    },
    stopReason: refusal !== null && (choice?.message.content ?? null) === null ? 'refusal' : choice?.finish_reason ?? null,
    latencyMs,
    ...(used !== undefined && used.calls.length > 0 && { content: used.blocks, toolCalls: used.calls }),
    ...(logprobs !== undefined && { logprobs }),
  };
}

export function openaiProvider(model: ModelSpec, opts: OpenAIOptions): Provider {
  const client: ChatClient = { apiKey: opts.apiKey, baseURL: opts.baseURL, fetch: fetchFor(model.transport) };
  return {
    id: model.id,
    queueKey: `openai:${opts.baseURL}:${model.model}`,
    simulated: false,
    endpoint: endpointHost(opts.baseURL),
    pricingModel: undefined,
    complete: async (req, signal) => {
      const started = performance.now();
      try {
        const res = await createChatCompletion(client, buildChatParams(model, req), { signal, timeoutMs: req.timeoutMs });
        return chatToCompletion(res, performance.now() - started);
      } catch (err) {
        throw withoutSecret(err instanceof ProviderError ? err : providerError('unknown', err instanceof Error ? `${err.name}: ${err.message}` : String(err), undefined, err), opts.apiKey);
      }
    },
  };
}

const openaiOptions = {
  temperature: opt(num({ minimum: 0, maximum: 2 }, 'openai: models only. Claude models on API 2026-10-21 reject it; use epochs.')),
};

/** openai:<model>: any OpenAI-compatible Chat Completions endpoint. */
export const openai: ProviderDefinition<typeof openaiOptions> = {
  kind: 'openai',
  idForm: '<model>',
  listing: 'any OpenAI-compatible Chat Completions endpoint (base_url or OPENAI_BASE_URL; OPENAI_API_KEY or api_key_env)',
  options: openaiOptions,
  simulated: false,
  replay: false,
  apiKeyEnv: 'OPENAI_API_KEY',
  check: ({ entry, where }) => {
    const out = (['thinking', 'effort', 'stream'] as const)
      .filter((key) => entry[key] !== undefined)
      .map((key) => `${where}/${key}: not supported for openai: models (Anthropic only); remove it`);
    const url = entry.base_url === undefined ? undefined : baseUrlProblem(entry.base_url);
    return url === undefined ? out : [...out, `${where}/base_url: ${url}`];
  },
  create: (model, env) => {
    const baseURL = (model.baseUrl !== undefined ? checkedBaseUrl(model, model.baseUrl, 'base_url')
      : checkedBaseUrl(model, nonEmpty(env['OPENAI_BASE_URL']), 'OPENAI_BASE_URL')) ?? 'https://api.openai.com/v1';
    const apiKey = nonEmpty(env[model.apiKeyEnv]) ?? (isLoopback(baseURL) ? 'no-key-needed-for-local-server' : undefined);
    if (apiKey === undefined) {
      throw new InputError('provider.no_key', `${model.id}: ${model.apiKeyEnv} is not set for ${baseURL}.`, [
        `Set the key: export ${model.apiKeyEnv}=...   (or api_key_env: NAME in the spec's model entry)`,
        'A server on localhost needs no key.',
      ]);
    }
    return openaiProvider(model, { apiKey: checkKey(model, apiKey), baseURL });
  },
  pricingModel: () => undefined,
};
