import { ProviderError } from '../errors.js';
import { connectionCut, kindOfStatus, providerError, retryAfterMs } from './classify.js';
import type { FetchLike } from './transport.js';
import type { ChatCompletion, ChatCompletionParams } from './openai-wire.js';

// One Chat Completions call (POST {base}/chat/completions) over the run's fetch, written here rather
// than taken from the `openai` package: that SDK is 20 MB installed for this one request, and
// haikubench turns its retries off and classifies every failure itself anyway. What it does:
// - the request: JSON body, `Authorization: Bearer <key>`; no retry (the harness retries);
// - a time limit per call (the request's timeoutMs) and the caller's signal, told apart when they end
//   the call (kind timeout vs aborted);
// - an HTTP error status → its kind by status and the body's error type, with the server's message
//   and its retry-after; a 200 whose body is not JSON → a server fault;
// - a connection refused, reset, or cut while the body is read → kind connection.
// Every failure is a ProviderError; the caller removes the key from messages (withoutSecret).

export interface ChatClient {
  readonly baseURL: string;
  readonly apiKey: string;
  /** The transport (transport.ts); Node's own fetch when undefined. */
  readonly fetch?: FetchLike | undefined;
}

export interface ChatCall {
  readonly signal: AbortSignal;
  readonly timeoutMs?: number | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The server's message and error type from an error body, whatever shape it has (OpenAI's, vLLM's, a proxy's page). */
export function errorDetail(body: string): { readonly message: string; readonly type?: string | undefined; readonly code?: string | undefined } {
  try {
    const b = JSON.parse(body) as unknown;
    if (b !== null && typeof b === 'object') {
      const e = (b as { error?: unknown }).error;
      if (e !== null && typeof e === 'object') {
        const o = e as { message?: unknown; type?: unknown; code?: unknown };
        return { message: str(o.message) ?? body.trim(), type: str(o.type), code: str(o.code) ?? (typeof o.code === 'number' ? String(o.code) : undefined) };
      }
      if (typeof e === 'string') return { message: e };
      const m = str((b as { message?: unknown }).message) ?? str((b as { detail?: unknown }).detail);
      if (m !== undefined) return { message: m, type: str((b as { type?: unknown }).type) };
    }
  } catch {
    // not JSON: the text itself, shortened
  }
  const text = body.replace(/\s+/g, ' ').trim();
  return { message: text === '' ? '(empty body)' : text.length > 300 ? `${text.slice(0, 300)}…` : text };
}

function httpError(status: number, headers: Headers, body: string): ProviderError {
  const d = errorDetail(body);
  const type = d.type === 'rate_limit_exceeded' || d.code === 'rate_limit_exceeded' ? 'rate_limit_error' : d.type;
  return providerError(kindOfStatus(status, type), `HTTP ${status}${d.type !== undefined ? ` ${d.type}` : ''}: ${d.message}`, retryAfterMs(headers));
}

/** The completion, or a classified ProviderError. */
export async function createChatCompletion(client: ChatClient, params: ChatCompletionParams, call: ChatCall): Promise<ChatCompletion> {
  const limit = new AbortController();
  let timedOut = false;
  const timer = call.timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; limit.abort(); }, call.timeoutMs);
  const signal = call.timeoutMs === undefined ? call.signal : AbortSignal.any([call.signal, limit.signal]);
  // Why the call ended when fetch or the body read threw: the caller's stop, the time limit, the network.
  const failure = (err: unknown, stage: 'connect' | 'body'): ProviderError => {
    if (err instanceof ProviderError) return err;
    if (call.signal.aborted) return providerError('aborted', 'request aborted', undefined, err);
    if (timedOut) return providerError('timeout', 'request timed out', undefined, err);
    const cut = connectionCut(err);
    const what = stage === 'body' ? 'connection lost mid-response' : 'connection failed';
    return providerError('connection', `${what}${cut === undefined ? '' : ` (${cut.code})`}: ${err instanceof Error ? err.message : String(err)}`, undefined, err);
  };
  try {
    let res: Response;
    try {
      res = await (client.fetch ?? fetch)(`${client.baseURL.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${client.apiKey}` },
        body: JSON.stringify(params),
        signal,
      });
    } catch (err) {
      throw failure(err, 'connect');
    }
    let body: string;
    try {
      body = await res.text();
    } catch (err) {
      throw failure(err, 'body');
    }
    if (res.status < 200 || res.status > 299) throw httpError(res.status, res.headers, body);
    try {
      return JSON.parse(body) as ChatCompletion;
    } catch (err) {
      throw providerError('server', `malformed response body: ${(err as Error).message}`, undefined, err);
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
