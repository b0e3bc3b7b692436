import { ProviderError } from '../errors.js';
import type { FailureKind, RateLimits } from '../types.js';

// Shared by the Anthropic and OpenAI providers: HTTP status and error type → FailureKind, and the
// server's requested wait. Branch on status and error type, never on message text.

export function kindOfStatus(status: number | undefined, errorType: string | undefined): FailureKind {
  if (errorType === 'overloaded_error' || status === 529) return 'overloaded';
  if (errorType === 'rate_limit_error' || status === 429) return 'rate_limit';
  if (status === 408 || status === 504 || errorType === 'timeout_error') return 'timeout';
  if (status === 401 || status === 403 || errorType === 'authentication_error' || errorType === 'permission_error') return 'auth';
  if (status === undefined) return errorType === 'api_error' ? 'server' : 'unknown';
  if (status === 409 || status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

type HeaderBag = { get(name: string): string | null } | undefined;

/** retry-after-ms, or retry-after in seconds or as an HTTP date. */
export function retryAfterMs(headers: HeaderBag, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return secs >= 0 ? secs * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Messages never carry headers or keys: only the class, status, type and the server's message. */
export function providerError(kind: FailureKind, message: string, retryAfter?: number, cause?: unknown, limits?: RateLimits): ProviderError {
  return new ProviderError(kind, message.replace(/\b(sk-[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1…'), retryAfter, { cause, limits });
}

/** The literal key never leaves in a message, whatever the SDK or a server put into it. */
export function withoutSecret(err: ProviderError, secret: string): ProviderError {
  if (secret.length < 4 || !err.message.includes(secret)) return err;
  return new ProviderError(err.kind, err.message.split(secret).join('[REDACTED]'), err.retryAfterMs, { cause: err.cause, limits: err.limits });
}

/** Error codes of a connection that failed or broke (Node's net layer and undici, fetch's engine). */
const CONNECTION_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * A connection that broke after the response started (200 and headers, then the socket closed while
 * the body or the stream was read): fetch throws `TypeError: terminated`, which the SDKs pass on as it
 * is or wrapped in their base error. Recognised by the error code somewhere in the cause chain.
 */
export function connectionCut(err: unknown): { readonly code: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return { code };
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** The transport error classes both SDKs have (the Anthropic and OpenAI SDKs share their shape). */
export interface SdkErrorClasses {
  readonly userAbort: ErrorClass;
  readonly timeout: ErrorClass;
  readonly connection: ErrorClass;
}

/**
 * Any error from an SDK call → a classified ProviderError. Transport errors first (in the SDKs they
 * are subclasses of the API error class), then `apiError` for the SDK's own HTTP/stream errors, then a
 * malformed body, then unknown.
 */
export function fromSdkError(err: unknown, sdk: SdkErrorClasses, apiError: (err: unknown) => ProviderError | undefined): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof sdk.userAbort) return providerError('aborted', 'request aborted', undefined, err);
  if (err instanceof sdk.timeout) return providerError('timeout', 'request timed out', undefined, err);
  if (err instanceof sdk.connection) return providerError('connection', `connection failed: ${err.message}`, undefined, err);
  const cut = connectionCut(err);
  if (cut !== undefined) return providerError('connection', `connection lost mid-response (${cut.code}): ${err instanceof Error ? err.message : String(err)}`, undefined, err);
  const mapped = apiError(err);
  if (mapped !== undefined) return mapped;
  if (err instanceof SyntaxError) return providerError('server', `malformed response body: ${err.message}`, undefined, err);
  return providerError('unknown', err instanceof Error ? `${err.name}: ${err.message}` : String(err), undefined, err);
}
