// A faithful fake of the Anthropic Messages API (2026-10-21) for tests that run the real
// @anthropic-ai/sdk code paths. Binds 127.0.0.1 on an ephemeral port; close() destroys every socket.
import { formatSse, MALFORMED_SSE, messageEvents, withStreamError } from './anthropic-sse.js';
import { checkAuth, validateRequest, type AnthropicEndpoint, type ApiErrorSpec } from './anthropic-validate.js';
import {
  buildMessage,
  countInputTokens,
  echoResponder,
  errorBody,
  resolveReply,
  systemText,
  toWireMessages,
  type AnthropicRequest,
  type AnthropicResponder,
} from './anthropic-wire.js';
import { createBatchStore, routeBatch, type FakeBatch, type FakeBatchOptions } from './fake-batches.js';
import { cutAfter, released, resetConnection, sendJson, sendText, sleep, startFakeServer } from './fake-http.js';
import type { Exchange, RecordedCall } from './fake-http.js';
import type { Fault, FaultFn } from './faults.js';
import { isRecord, rfc3339 } from './text-limits.js';
import { requestWindow, type RequestLimit } from './rate-window.js';

export type { AnthropicReply, AnthropicRequest, AnthropicResponder, AnthropicStopReason } from './anthropic-wire.js';
export { echoResponder, lastUserText } from './anthropic-wire.js';
export type { RecordedCall } from './fake-http.js';
export type { BatchOutcome, FakeBatch, FakeBatchOptions } from './fake-batches.js';
export { faultEvery, faultSequence, type Fault, type FaultContext, type FaultFn } from './faults.js';

export interface FakeAnthropicOptions {
  /** Produces each reply; defaults to `echoResponder` ("echo: " + last user text). */
  readonly respond?: AnthropicResponder;
  /** Consulted first for every routed request; a returned fault replaces the normal handling. */
  readonly fault?: FaultFn;
  /** Enforce a request rate on /v1/messages, with live ratelimit headers and 429s past it. */
  readonly requestLimit?: RequestLimit;
  /** The Message Batches API (/v1/messages/batches…); succeeded results come from `respond`. */
  readonly batch?: FakeBatchOptions;
}

export interface FakeAnthropic {
  /** `http://127.0.0.1:PORT`, the SDK's `baseURL`. */
  readonly url: string;
  readonly calls: readonly RecordedCall[];
  /** Every batch created so far, by id (live). */
  readonly batches: ReadonlyMap<string, FakeBatch>;
  close(): Promise<void>;
}

const ROUTES: Readonly<Record<string, AnthropicEndpoint>> = {
  'POST /v1/messages': 'messages',
  'POST /v1/messages/count_tokens': 'count_tokens',
};

const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  overloaded_error: 'Overloaded',
  api_error: 'Internal server error',
  authentication_error: 'invalid x-api-key',
  invalid_request_error: 'Invalid request',
};

const ids = (callIndex: number): { requestId: string; messageId: string } => {
  const n = String(callIndex + 1).padStart(6, '0');
  return { requestId: `req_01FAKE${n}`, messageId: `msg_01FAKE${n}` };
};

function baseHeaders(requestId: string): Record<string, string> {
  const reset = rfc3339(Date.now() + 60_000);
  const out: Record<string, string> = { 'request-id': requestId, 'anthropic-organization-id': 'org-fake' };
  const limits = { requests: 4_000, tokens: 2_000_000, 'input-tokens': 2_000_000, 'output-tokens': 400_000 };
  for (const [family, limit] of Object.entries(limits)) {
    // Without a requestLimit the fake never runs out (requestLimit gives a real window).
    const remaining = limit - 1;
    out[`anthropic-ratelimit-${family}-limit`] = String(limit);
    out[`anthropic-ratelimit-${family}-remaining`] = String(remaining);
    out[`anthropic-ratelimit-${family}-reset`] = reset;
  }
  return out;
}

function sendError(ex: Exchange, headers: Readonly<Record<string, string>>, spec: ApiErrorSpec, code?: string): void {
  const requestId = headers['request-id'] ?? '';
  sendJson(ex, spec.status, headers, errorBody(spec.type, spec.message, requestId, code));
}

function writeSse(ex: Exchange, headers: Readonly<Record<string, string>>, chunks: readonly string[]): void {
  ex.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  for (const chunk of chunks) ex.res.write(chunk);
  ex.res.end();
}

const isStream = (body: unknown): boolean => isRecord(body) && body['stream'] === true;

/** What the handlers of one request share. */
interface Turn {
  readonly ex: Exchange;
  readonly headers: Readonly<Record<string, string>>;
  readonly respond: AnthropicResponder;
}

async function applyFault({ ex, headers, respond }: Turn, fault: Fault): Promise<void> {
  ex.markFault(fault.kind);
  switch (fault.kind) {
    case 'http': {
      const extra: Record<string, string> =
        fault.retryAfterSec === undefined ? {} : { 'retry-after': String(fault.retryAfterSec) };
      const message = fault.message ?? DEFAULT_MESSAGES[fault.errorType] ?? fault.errorType;
      sendError(ex, { ...headers, ...extra }, { status: fault.status, type: fault.errorType, message }, fault.errorCode);
      return;
    }
    case 'stream-error': {
      if (!isStream(ex.body) || !isRecord(ex.body)) {
        sendError(ex, headers, { status: 529, type: fault.errorType, message: 'Overloaded' });
        return;
      }
      const { messageId } = ids(ex.callIndex);
      const req = toRequest(ex.body);
      const resolved = resolveReply(await respond(req), req, messageId);
      const events = withStreamError(messageEvents(messageId, req.model, resolved), fault.errorType);
      writeSse(ex, headers, events.map(formatSse));
      return;
    }
    case 'reset':
      resetConnection(ex);
      return;
    case 'cut':
      return cutAnswer({ ex, headers, respond });
    case 'hang':
      await released(ex.signal);
      return;
    case 'malformed':
      if (isStream(ex.body)) writeSse(ex, headers, [MALFORMED_SSE]);
      else sendText(ex, 200, { ...headers, 'content-type': 'application/json' }, '{"id":"msg_01FAKE","type":"mess');
      return;
  }
}

/** The normal answer's status, headers and first part (half the JSON, or the first three SSE events), then the socket closes. */
async function cutAnswer({ ex, headers, respond }: Turn): Promise<void> {
  if (!isRecord(ex.body)) return resetConnection(ex);
  const { messageId } = ids(ex.callIndex);
  const req = toRequest(ex.body);
  const resolved = resolveReply(await respond(req), req, messageId);
  if (isStream(ex.body)) {
    const events = messageEvents(messageId, req.model, resolved).map(formatSse);
    cutAfter(ex, 200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }, events.slice(0, 3).join(''));
    return;
  }
  const json = JSON.stringify(buildMessage(messageId, req.model, resolved));
  const full = String(Buffer.byteLength(json));
  cutAfter(ex, 200, { ...headers, 'content-type': 'application/json', 'content-length': full }, json.slice(0, Math.floor(json.length / 2)));
}

function toRequest(body: Readonly<Record<string, unknown>>): AnthropicRequest {
  return {
    model: String(body['model']),
    system: systemText(body['system']),
    messages: toWireMessages(body['messages']),
    max_tokens: typeof body['max_tokens'] === 'number' ? body['max_tokens'] : 0,
    body,
  };
}

async function answerMessages({ ex, headers, respond }: Turn): Promise<void> {
  if (!isRecord(ex.body)) return;
  const { messageId } = ids(ex.callIndex);
  const req = toRequest(ex.body);
  const reply = await respond(req);
  if (!(await sleep(reply.delayMs ?? 0, ex.signal))) return;
  const resolved = resolveReply(reply, req, messageId);
  if (isStream(ex.body)) writeSse(ex, headers, messageEvents(messageId, req.model, resolved).map(formatSse));
  else sendJson(ex, 200, headers, buildMessage(messageId, req.model, resolved));
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const respond = options.respond ?? echoResponder;
  const window = options.requestLimit === undefined ? undefined : requestWindow(options.requestLimit);
  const batches = createBatchStore(options.batch ?? {}, async (body, messageId) => {
    const req = toRequest(body);
    return buildMessage(messageId, req.model, resolveReply(await respond(req), req, messageId));
  });
  const server = await startFakeServer(async (ex) => {
    const limited = window !== undefined && ex.path === '/v1/messages' ? window() : undefined;
    const headers = { ...baseHeaders(ids(ex.callIndex).requestId), ...limited?.headers };
    const turn: Turn = { ex, headers, respond };
    const endpoint = ROUTES[`${ex.method} ${ex.path}`];
    const batchRoute = routeBatch(ex.method, ex.path);
    if (endpoint === undefined && batchRoute === undefined) {
      sendError(ex, headers, { status: 404, type: 'not_found_error', message: `Not found: ${ex.method} ${ex.path}` });
      return;
    }
    const fault = limited?.allowed === false
      ? { kind: 'http' as const, status: 429, errorType: 'rate_limit_error', retryAfterSec: limited.retryAfterSec }
      : options.fault?.({ callIndex: ex.callIndex, body: ex.body, headers: ex.headers });
    if (fault !== undefined) return applyFault(turn, fault);
    const problem = checkAuth(ex.headers)
      ?? (endpoint === undefined ? undefined : validateRequest(endpoint, ex.headers, ex.body, ex.bodyInvalid));
    if (problem !== undefined) return sendError(ex, headers, problem);
    if (batchRoute !== undefined) return batches.handle(ex, batchRoute, headers);
    if (endpoint === 'count_tokens' && isRecord(ex.body)) {
      const req = toRequest(ex.body);
      return sendJson(ex, 200, headers, { input_tokens: countInputTokens(req.system, req.messages) });
    }
    return answerMessages(turn);
  });
  return { url: server.origin, calls: server.calls, batches: batches.batches, close: server.close };
}
