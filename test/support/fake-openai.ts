// A fake OpenAI-compatible Chat Completions server for tests that run the real `openai` SDK code
// paths. Binds 127.0.0.1 on an ephemeral port; close() destroys every socket.
import { cutAfter, released, resetConnection, sendJson, sendText, sleep, startFakeServer, header } from './fake-http.js';
import type { Exchange, RecordedCall } from './fake-http.js';
import type { Fault, FaultFn } from './faults.js';
import {
  buildCompletion,
  completionChunks,
  openAIEchoResponder,
  openAIErrorBody,
  resolveCompletion,
  toOpenAIRequest,
  type CompletionMeta,
  type OpenAIResponder,
} from './openai-wire.js';
import { isRecord } from './text-limits.js';
import { openAIContentProblem } from './openai-content-validate.js';

export type { OpenAIFinishReason, OpenAIReply, OpenAIRequest, OpenAIResponder } from './openai-wire.js';
export { lastUserContent, openAIEchoResponder } from './openai-wire.js';
export type { RecordedCall } from './fake-http.js';
export { faultEvery, faultSequence, type Fault, type FaultContext, type FaultFn } from './faults.js';

export interface FakeOpenAIOptions {
  /** Produces each reply; defaults to `openAIEchoResponder` ("echo: " + last user text). */
  readonly respond?: OpenAIResponder;
  /** Consulted first for every routed request; a returned fault replaces the normal handling. */
  readonly fault?: FaultFn;
  /** Model ids listed by `GET /v1/models` (default `['fake-model']`). */
  readonly models?: readonly string[];
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:PORT/v1`, the SDK's `baseURL`. */
  readonly url: string;
  readonly calls: readonly RecordedCall[];
  close(): Promise<void>;
}

interface Turn {
  readonly ex: Exchange;
  readonly headers: Readonly<Record<string, string>>;
  readonly respond: OpenAIResponder;
  readonly meta: CompletionMeta;
}

const CREATED = 1_767_225_600; // 2026-01-01T00:00:00Z: fixed, so responses are deterministic

function baseHeaders(callIndex: number): Record<string, string> {
  return {
    'x-request-id': `req_fake${String(callIndex + 1).padStart(6, '0')}`,
    'openai-processing-ms': '1',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': String(Math.max(0, 10_000 - callIndex - 1)),
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-limit-tokens': '2000000',
    'x-ratelimit-remaining-tokens': '2000000',
    'x-ratelimit-reset-tokens': '0s',
  };
}

const sendError = (turn: Turn, status: number, body: ReturnType<typeof openAIErrorBody>): void =>
  sendJson(turn.ex, status, turn.headers, body);

function writeSse(turn: Turn, lines: readonly string[]): void {
  turn.ex.writeHead(200, { ...turn.headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  for (const line of lines) turn.ex.res.write(line);
  turn.ex.res.end();
}

const data = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;
const isStream = (body: unknown): boolean => isRecord(body) && body['stream'] === true;
const includeUsage = (body: Readonly<Record<string, unknown>>): boolean =>
  isRecord(body['stream_options']) && body['stream_options']['include_usage'] === true;

async function applyFault(turn: Turn, fault: Fault): Promise<void> {
  const { ex } = turn;
  ex.markFault(fault.kind);
  switch (fault.kind) {
    case 'http': {
      const headers = fault.retryAfterSec === undefined ? turn.headers : { ...turn.headers, 'retry-after': String(fault.retryAfterSec) };
      const message = fault.message ?? `Injected ${fault.errorType}`;
      sendJson(ex, fault.status, headers, openAIErrorBody(message, fault.errorType, fault.errorCode ?? null));
      return;
    }
    case 'stream-error': {
      const error = openAIErrorBody('Overloaded', fault.errorType, null);
      if (!isStream(ex.body) || !isRecord(ex.body)) return sendError(turn, 503, error);
      const req = toOpenAIRequest(ex.body);
      const chunks = completionChunks(turn.meta, resolveCompletion(await turn.respond(req), req), false);
      return writeSse(turn, [...chunks.slice(0, 2).map(data), data(error)]);
    }
    case 'reset':
      return resetConnection(ex);
    case 'cut':
      return cutAnswer(turn);
    case 'hang':
      return released(ex.signal);
    case 'malformed':
      if (isStream(ex.body)) return writeSse(turn, ['data: {"id":"chatcmpl-fake","object":"chat.comp\n\n']);
      return sendText(ex, 200, { ...turn.headers, 'content-type': 'application/json' }, '{"id":"chatcmpl-fake","obj');
  }
}

/** The normal answer's status, headers and first part (half the JSON, or the first two chunks), then the socket closes. */
async function cutAnswer(turn: Turn): Promise<void> {
  const { ex } = turn;
  if (!isRecord(ex.body)) return resetConnection(ex);
  const req = toOpenAIRequest(ex.body);
  const resolved = resolveCompletion(await turn.respond(req), req);
  const meta = { ...turn.meta, model: req.model };
  if (isStream(ex.body)) {
    const chunks = completionChunks(meta, resolved, false).slice(0, 2).map(data).join('');
    return cutAfter(ex, 200, { ...turn.headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }, chunks);
  }
  const json = JSON.stringify(buildCompletion(meta, resolved));
  const headers = { ...turn.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) };
  return cutAfter(ex, 200, headers, json.slice(0, Math.floor(json.length / 2)));
}

function invalidBody(body: unknown): ReturnType<typeof openAIErrorBody> | undefined {
  if (!isRecord(body)) return openAIErrorBody('We could not parse the JSON body of your request.', 'invalid_request_error', null);
  if (typeof body['model'] !== 'string') {
    return openAIErrorBody('you must provide a model parameter', 'invalid_request_error', null);
  }
  if (!Array.isArray(body['messages'])) {
    return openAIErrorBody("Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
  }
  const content = openAIContentProblem(body);
  return content === undefined ? undefined : openAIErrorBody(content, 'invalid_request_error', null);
}

async function answerCompletion(turn: Turn): Promise<void> {
  const { ex } = turn;
  if (!isRecord(ex.body)) return;
  const req = toOpenAIRequest(ex.body);
  const reply = await turn.respond(req);
  if (!(await sleep(reply.delayMs ?? 0, ex.signal))) return;
  const resolved = resolveCompletion(reply, req);
  const meta = { ...turn.meta, model: req.model };
  if (!isStream(ex.body)) return sendJson(ex, 200, turn.headers, buildCompletion(meta, resolved));
  const chunks = completionChunks(meta, resolved, includeUsage(ex.body));
  writeSse(turn, [...chunks.map(data), 'data: [DONE]\n\n']);
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const respond = options.respond ?? openAIEchoResponder;
  const models = options.models ?? ['fake-model'];
  const server = await startFakeServer(async (ex) => {
    const model = isRecord(ex.body) && typeof ex.body['model'] === 'string' ? ex.body['model'] : 'unknown';
    const meta = { id: `chatcmpl-fake${String(ex.callIndex + 1).padStart(6, '0')}`, created: CREATED, model };
    const turn: Turn = { ex, headers: baseHeaders(ex.callIndex), respond, meta };
    const route = `${ex.method} ${ex.path}`;
    if (route !== 'POST /v1/chat/completions' && route !== 'GET /v1/models') {
      return sendError(turn, 404, openAIErrorBody(`Invalid URL (${route})`, 'invalid_request_error', null));
    }
    const fault = options.fault?.({ callIndex: ex.callIndex, body: ex.body, headers: ex.headers });
    if (fault !== undefined) return applyFault(turn, fault);
    if (!/^Bearer\s+\S+/i.test(header(ex.headers, 'authorization') ?? '')) {
      const message = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.";
      return sendError(turn, 401, openAIErrorBody(message, 'invalid_request_error', null));
    }
    if (route === 'GET /v1/models') {
      const list = models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'fake' }));
      return sendJson(ex, 200, turn.headers, { object: 'list', data: list });
    }
    const problem = invalidBody(ex.body);
    if (problem !== undefined) return sendError(turn, 400, problem);
    return answerCompletion(turn);
  });
  return { url: `${server.origin}/v1`, calls: server.calls, close: server.close };
}
