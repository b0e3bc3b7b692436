import { endpointHost } from '../util/endpoint.js';
import type Anthropic from '@anthropic-ai/sdk';
import type { Completion, CompletionRequest, Provider } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import { InputError, ProviderError } from '../errors.js';
import { RETIRED_MODELS } from '../pricing/table.js';
import { KNOWN_CLAUDE_MODELS, limitsOf, MAX_BATCH_BYTES, MAX_REQUEST_BYTES } from '../pricing/limits.js';
import { nearest } from '../util/suggest.js';
import { baseUrlProblem, checkedBaseUrl, checkKey, nonEmpty, type ProviderDefinition } from './definition.js';
import { bool, either, int, obj, oneOf, opt } from '../util/json-schema.js';
import { fromSdkError, kindOfStatus, providerError, retryAfterMs, withoutSecret } from './classify.js';
import { rateLimitsFrom } from './rate-headers.js';
import { anthropicBatchApi } from './anthropic-batch.js';
import { fetchFor } from './transport.js';
import { anthropicMessages, anthropicSystem, anthropicToolChoice, anthropicTools, fromAnthropicContent } from './anthropic-content.js';

// anthropic:<model> through @anthropic-ai/sdk (API version 2026-10-21). The SDK's own retries are off:
// the harness retries, so every attempt is counted. No sampling parameters are ever sent (the API
// rejects them); text comes from text blocks only (thinking blocks come first when thinking is on).

export interface AnthropicOptions {
  readonly apiKey: string;
  readonly baseURL?: string;
}

type Params = Anthropic.MessageCreateParamsNonStreaming;

export function buildParams(model: ModelSpec, req: CompletionRequest): Params {
  const thinking = model.thinking;
  const schemaFormat = req.outputSchema !== undefined && req.outputMode !== 'tool';
  const forcedTool = req.outputSchema !== undefined && req.outputMode === 'tool';
  const cache = req.cachePrefix === true;
  return {
    model: model.model,
    max_tokens: req.maxTokens,
    messages: anthropicMessages(req.messages),
    ...(req.system !== undefined && { system: anthropicSystem(req.system, cache) }),
    ...(!forcedTool && req.tools !== undefined && req.tools.length > 0 && { tools: anthropicTools(req.tools, cache) }),
    ...(!forcedTool && req.toolChoice !== undefined && { tool_choice: anthropicToolChoice(req.toolChoice) }),
    ...(req.stop !== undefined && req.stop.length > 0 && { stop_sequences: [...req.stop] }),
    // Forced tool use does not go with thinking (and Haiku 5.5 thinks by default): a verdict asked by
    // tool turns thinking off, whatever the judge's model entry says.
    ...(forcedTool ? { thinking: { type: 'disabled' } } : thinking !== undefined && {
      thinking: typeof thinking === 'string' ? { type: thinking } : { type: 'enabled', budget_tokens: thinking.budgetTokens },
    }),
    ...((model.effort !== undefined || schemaFormat) && {
      output_config: {
        ...(model.effort !== undefined && { effort: model.effort }),
        // Structured output (judge verdicts).
        ...(schemaFormat && { format: { type: 'json_schema', schema: req.outputSchema } }),
      },
    }),
    // The older way (judge.structured: tool): one tool whose input is the schema, forced. Sonnet and
    // Opus 5.5 reject forced tool use; spec/structured.ts refuses that before any call.
    ...(forcedTool && {
      tools: [{ name: VERDICT_TOOL, description: 'Record your verdict.', input_schema: { type: 'object', ...req.outputSchema } }],
      tool_choice: { type: 'tool', name: VERDICT_TOOL },
    }),
  } as Params;
}

/** The tool a judge asked by tool use answers through; its input is the verdict. */
export const VERDICT_TOOL = 'record_verdict';

/** A 200 whose body is not a Message (a proxy's HTML page, a truncated object) is a server fault. */
function checkShape(msg: unknown): asserts msg is Anthropic.Message {
  const m = msg as { content?: unknown; usage?: { input_tokens?: unknown; output_tokens?: unknown } } | null;
  if (m === null || typeof m !== 'object' || !Array.isArray(m.content) || typeof m.usage?.input_tokens !== 'number' || typeof m.usage.output_tokens !== 'number') {
    throw providerError('server', `malformed response body: not a Message (${typeof msg === 'string' ? 'text' : typeof msg})`);
  }
}

export function toCompletion(msg: Anthropic.Message, latencyMs: number): Completion {
  checkShape(msg);
  // A verdict asked by tool use is the tool's input; otherwise the text blocks.
  const tool = msg.content.find((b) => b.type === 'tool_use' && b.name === VERDICT_TOOL);
  const text = tool?.type === 'tool_use' ? JSON.stringify(tool.input) : msg.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  const u = msg.usage;
  const details = (u as { output_tokens_details?: { thinking_tokens?: number } | null }).output_tokens_details;
  const write = u.cache_creation_input_tokens ?? 0;
  const read = u.cache_read_input_tokens ?? 0;
  const used = tool === undefined ? fromAnthropicContent(msg.content) : undefined;
  return {
    text,
    usage: {
      inputTokens: u.input_tokens + write + read,
      outputTokens: u.output_tokens,
      thinkingTokens: details?.thinking_tokens ?? 0,
      ...(write > 0 && { cacheWriteTokens: write }),
      ...(read > 0 && { cacheReadTokens: read }),
    },
    stopReason: msg.stop_reason,
    latencyMs,
    ...(used !== undefined && used.calls.length > 0 && { content: used.blocks, toolCalls: used.calls }),
  };
}

type Sdk = typeof Anthropic;

// The SDK is loaded by a model's first call, not when the CLI starts: `validate`, `list` and runs of
// simulated or replayed models never load it (about 20 MB of memory and its start-up time).
let loaded: Promise<Sdk> | undefined;
const loadSdk = (): Promise<Sdk> => (loaded ??= import('@anthropic-ai/sdk').then((m) => m.default));

/** Any error of an SDK call (`sdk`: the loaded SDK, whose classes tell its errors apart) → a ProviderError. */
export function toProviderError(sdk: Sdk, err: unknown): ProviderError {
  const classes = { userAbort: sdk.APIUserAbortError, timeout: sdk.APIConnectionTimeoutError, connection: sdk.APIConnectionError };
  return fromSdkError(err, classes, (e) => {
    if (e instanceof sdk.APIError) {
      const type = (e as { type?: string | null }).type ?? errorTypeOf(e.error);
      const kind = kindOfStatus(e.status, type ?? undefined);
      const where = e.status === undefined ? 'mid-stream error' : `HTTP ${e.status}`;
      // A 429's anthropic-ratelimit-* headers tell the pacer whether the budget is spent or the 429 was a random one.
      const limits = e.headers === undefined ? undefined : rateLimitsFrom(e.headers);
      return providerError(kind, `${where}${type ? ` ${type}` : ''}: ${messageOf(e)}`, retryAfterMs(e.headers), e, limits);
    }
    if (e instanceof sdk.AnthropicError && e.cause instanceof SyntaxError) return providerError('server', `malformed stream event: ${e.cause.message}`, undefined, e);
    return undefined;
  });
}

function errorTypeOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const inner = (body as { error?: { type?: unknown }; type?: unknown }).error?.type ?? (body as { type?: unknown }).type;
  return typeof inner === 'string' && inner !== 'error' ? inner : undefined;
}

function messageOf(err: InstanceType<typeof Anthropic.APIError>): string {
  const body = err.error as { error?: { message?: unknown } } | undefined;
  const m = body?.error?.message;
  return typeof m === 'string' ? m : err.message;
}

/** The completion with the anthropic-ratelimit-* headers of its response, which the pacer reads. */
function withLimits(completion: Completion, headers: Headers | undefined): Completion {
  const limits = headers === undefined ? undefined : rateLimitsFrom(headers);
  return limits === undefined ? completion : { ...completion, limits };
}

/** The SDK client of one model, made on its first call. */
export interface AnthropicClient {
  readonly sdk: Sdk;
  readonly client: Anthropic;
}

export function anthropicProvider(model: ModelSpec, opts: AnthropicOptions): Provider {
  let made: Promise<AnthropicClient> | undefined;
  const clientOf = (): Promise<AnthropicClient> => (made ??= loadSdk().then((sdk) => ({
    sdk,
    client: new sdk({ apiKey: opts.apiKey, ...(opts.baseURL !== undefined && { baseURL: opts.baseURL }), maxRetries: 0, logLevel: 'off', fetch: fetchFor(model.transport) }),
  })));
  return {
    id: model.id,
    queueKey: `anthropic:${opts.baseURL ?? 'default'}:${model.model}`,
    simulated: false,
    endpoint: endpointHost(opts.baseURL ?? 'https://api.anthropic.com'),
    pricingModel: model.model,
    batch: anthropicBatchApi(clientOf, model, opts.apiKey),
    complete: async (req, signal) => {
      const { sdk, client } = await clientOf();
      const params = buildParams(model, req);
      const options = { signal, timeout: req.timeoutMs, maxRetries: 0 };
      const started = performance.now();
      try {
        if (model.stream) {
          // The stream keeps the raw Response it connected with (set before the first event).
          const stream = client.messages.stream(params, options);
          const message = await stream.finalMessage();
          return withLimits(toCompletion(message, performance.now() - started), stream.response?.headers);
        }
        const { data, response } = await client.messages.create(params, options).withResponse();
        return withLimits(toCompletion(data, performance.now() - started), response.headers);
      } catch (err) {
        throw withoutSecret(toProviderError(sdk, err), opts.apiKey);
      }
    },
  };
}

const anthropicOptions = {
  thinking: opt(either(
    'Anthropic thinking: "adaptive", "disabled", or {budget_tokens: N} (manual, Haiku 4.5).',
    oneOf(['adaptive', 'disabled']),
    obj({ budget_tokens: int('Thinking budget.', 1024) }),
  )),
  effort: opt(oneOf(['low', 'medium', 'high', 'xhigh', 'max'], 'Anthropic output_config.effort.')),
  stream: opt(bool('Use the streaming API (default false).')),
};

/** anthropic:<model>: Claude through the Messages API. */
export const anthropic: ProviderDefinition<typeof anthropicOptions> = {
  kind: 'anthropic',
  idForm: '<model>',
  listing: 'Claude through @anthropic-ai/sdk (ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL or base_url to redirect)',
  options: anthropicOptions,
  simulated: false,
  replay: false,
  apiKeyEnv: 'ANTHROPIC_API_KEY',
  check: ({ entry, model, maxTokens, where }) => {
    const out: string[] = [];
    if (entry.temperature !== undefined) out.push(`${where}/temperature: Claude models reject temperature under API version 2026-10-21; remove it (use run.epochs to sample repeatedly)`);
    const retired = RETIRED_MODELS[model];
    if (retired !== undefined) out.push(`${where}: ${model} is ${retired}`);
    const url = entry.base_url === undefined ? undefined : baseUrlProblem(entry.base_url);
    if (url !== undefined) out.push(`${where}/base_url: ${url}`);
    const limits = limitsOf(model);
    if (limits !== undefined && maxTokens > limits.maxOutputTokens) {
      out.push(`${where}${entry.max_tokens === undefined ? '' : '/max_tokens'}: max_tokens ${maxTokens} is above ${model}'s output limit of ${limits.maxOutputTokens}; lower it`);
    }
    return out;
  },
  warnings: (model) => {
    if (KNOWN_CLAUDE_MODELS.includes(model.model)) return [];
    const near = nearest(model.model, KNOWN_CLAUDE_MODELS);
    return [`${model.id}: "${model.model}" is not a Claude model haikubench knows${near === undefined ? '' : ` (did you mean "${near}"?)`}; its calls fail if the API does not know it either, and its cost is unknown`];
  },
  requestLimits: (model, batch) => {
    const contextTokens = limitsOf(model.model)?.contextTokens;
    return {
      maxBytes: batch ? MAX_BATCH_BYTES : MAX_REQUEST_BYTES,
      bytesRule: batch ? 'a Message Batches create (256 MB)' : 'the Messages API (32 MB a request)',
      ...(!batch && { bytesFix: 'run --batch takes requests up to 256 MB' }),
      ...(contextTokens !== undefined && { contextTokens }),
    };
  },
  create: (model, env) => {
    const apiKey = nonEmpty(env[model.apiKeyEnv]);
    if (apiKey === undefined) {
      throw new InputError('provider.no_key', `${model.id}: ${model.apiKeyEnv} is not set, so this model cannot be called.`, [
        `Set the key:             export ${model.apiKeyEnv}=sk-ant-...`,
        `Or run a simulated model: --model sim:${model.model}   (or --simulate auto|always for every model)`,
      ]);
    }
    const baseURL = model.baseUrl !== undefined ? checkedBaseUrl(model, model.baseUrl, 'base_url')
      : checkedBaseUrl(model, nonEmpty(env['ANTHROPIC_BASE_URL']), 'ANTHROPIC_BASE_URL');
    return anthropicProvider(model, { apiKey: checkKey(model, apiKey), ...(baseURL !== undefined && { baseURL }) });
  },
  pricingModel: (model) => model.model,
};
