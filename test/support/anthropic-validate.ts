// Request validation of the fake Anthropic API: the checks haikubench depends on.
import type { IncomingHttpHeaders } from 'node:http';
import { header } from './fake-http.js';
import { isRecord } from './text-limits.js';
import { contentProblem } from './anthropic-content-validate.js';

export interface ApiErrorSpec {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export type AnthropicEndpoint = 'messages' | 'count_tokens';

export const API_VERSIONS = ['2023-06-01', '2026-10-21'] as const;
/** Models without assistant-prefill support. */
export const NO_PREFILL_MODELS: readonly string[] = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
const REMOVED_SAMPLING_PARAMS = ['temperature', 'top_p', 'top_k'] as const;

const invalid = (message: string): ApiErrorSpec => ({ status: 400, type: 'invalid_request_error', message });

/** 401 unless there is `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function checkAuth(headers: Readonly<IncomingHttpHeaders>): ApiErrorSpec | undefined {
  const bearer = /^Bearer\s+(\S+)/i.exec(header(headers, 'authorization') ?? '');
  if (bearer !== null || (header(headers, 'x-api-key') ?? '') !== '') return undefined;
  return {
    status: 401,
    type: 'authentication_error',
    message: 'Missing API key: send "Authorization: Bearer <key>" or "x-api-key: <key>".',
  };
}

function checkVersion(headers: Readonly<IncomingHttpHeaders>): ApiErrorSpec | undefined {
  const version = header(headers, 'anthropic-version');
  if (version === undefined) return invalid('anthropic-version: header is required');
  if (!(API_VERSIONS as readonly string[]).includes(version)) {
    return invalid(`anthropic-version: invalid version "${version}"`);
  }
  return undefined;
}

function checkBody(
  endpoint: AnthropicEndpoint,
  version: string | undefined,
  body: Readonly<Record<string, unknown>>,
): ApiErrorSpec | undefined {
  if (version === '2026-10-21') {
    const removed = REMOVED_SAMPLING_PARAMS.find((name) => name in body);
    if (removed !== undefined) {
      return invalid(`${removed}: Extra inputs are not permitted (removed in anthropic-version 2026-10-21)`);
    }
  }
  if (typeof body['model'] !== 'string' || body['model'] === '') return invalid('model: Field required');
  if (endpoint === 'messages' && typeof body['max_tokens'] !== 'number') return invalid('max_tokens: Field required');
  const formatError = checkOutputFormat(body['output_config']);
  if (formatError !== undefined) return formatError;
  const toolError = checkTools(body);
  if (toolError !== undefined) return toolError;
  const messages = body['messages'];
  if (!Array.isArray(messages)) return invalid('messages: Field required');
  if (endpoint === 'messages' && messages.length === 0) return invalid('messages: at least one message is required');
  const content = contentProblem(body);
  if (content !== undefined) return invalid(content);
  const last: unknown = messages.at(-1);
  if (endpoint === 'messages' && isRecord(last) && last['role'] === 'assistant' && NO_PREFILL_MODELS.includes(body['model'])) {
    return invalid(
      'This model does not support assistant message prefill. The conversation must end with a user message.',
    );
  }
  return undefined;
}

/** output_config.format (structured outputs): only {type: 'json_schema', schema: {...}}. */
function checkOutputFormat(config: unknown): ApiErrorSpec | undefined {
  if (config === undefined) return undefined;
  if (!isRecord(config)) return invalid('output_config: Input should be an object');
  const format = config['format'];
  if (format === undefined) return undefined;
  if (!isRecord(format) || format['type'] !== 'json_schema') return invalid('output_config.format.type: Input should be \'json_schema\'');
  if (!isRecord(format['schema'])) return invalid('output_config.format.schema: Field required');
  return undefined;
}

/** Models on which forced tool use (tool_choice any/tool) returns an error. */
export const NO_FORCED_TOOL_MODELS: readonly string[] = ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1'];

/** tools: client tools with a name and an object input_schema; tool_choice naming one of them; forced use where allowed. */
function checkTools(body: Readonly<Record<string, unknown>>): ApiErrorSpec | undefined {
  const tools = body['tools'];
  const choice = body['tool_choice'];
  if (tools === undefined && choice === undefined) return undefined;
  if (!Array.isArray(tools)) return invalid('tools: Input should be a valid list');
  for (const [i, t] of tools.entries()) {
    if (!isRecord(t) || typeof t['name'] !== 'string') return invalid(`tools.${i}.name: Field required`);
    if (!isRecord(t['input_schema']) || t['input_schema']['type'] !== 'object') return invalid(`tools.${i}.input_schema.type: Input should be 'object'`);
  }
  if (choice === undefined) return undefined;
  if (!isRecord(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice['type']))) return invalid('tool_choice.type: Input should be \'auto\', \'any\', \'tool\' or \'none\'');
  if (choice['type'] === 'tool' && !tools.some((t) => isRecord(t) && t['name'] === choice['name'])) return invalid(`tool_choice.name: no tool named ${String(choice['name'])}`);
  const forced = choice['type'] === 'tool' || choice['type'] === 'any';
  if (forced && NO_FORCED_TOOL_MODELS.includes(String(body['model']))) {
    return invalid('tool_choice: forced tool use is not supported on this model; use output_config.format for structured outputs');
  }
  // Thinking is not compatible with forced tool use; Haiku 5.5 thinks unless told not to.
  const thinking = isRecord(body['thinking']) ? body['thinking']['type'] : undefined;
  const thinks = thinking === 'enabled' || thinking === 'adaptive' || (thinking === undefined && String(body['model']) === 'claude-haiku-5-5');
  if (forced && thinks) return invalid('tool_choice: thinking may not be used with forced tool use; set thinking to disabled or use tool_choice auto');
  return undefined;
}

/** Everything after auth: version header, JSON body, body fields, then the model id. */
export function validateRequest(
  endpoint: AnthropicEndpoint,
  headers: Readonly<IncomingHttpHeaders>,
  body: unknown,
  bodyInvalid: boolean,
): ApiErrorSpec | undefined {
  const versionError = checkVersion(headers);
  if (versionError !== undefined) return versionError;
  if (bodyInvalid || !isRecord(body)) return invalid('The request body is not valid JSON.');
  const bodyError = checkBody(endpoint, header(headers, 'anthropic-version'), body);
  if (bodyError !== undefined) return bodyError;
  const model = String(body['model']);
  if (model.startsWith('claude-3')) {
    return { status: 404, type: 'not_found_error', message: `model: ${model}` };
  }
  return undefined;
}
