import { describe, expect, it } from 'vitest';
import { connectionCut, kindOfStatus, providerError, retryAfterMs, withoutSecret } from '../../../src/providers/classify.js';
import { ProviderError } from '../../../src/errors.js';
import type { FailureKind } from '../../../src/types.js';

describe('kindOfStatus', () => {
  it.each<[number | undefined, string | undefined, FailureKind]>([
    [429, 'rate_limit_error', 'rate_limit'],
    [429, undefined, 'rate_limit'],
    [529, 'overloaded_error', 'overloaded'],
    [529, undefined, 'overloaded'],
    [500, 'overloaded_error', 'overloaded'],
    [503, 'overloaded_error', 'overloaded'],
    [408, undefined, 'timeout'],
    [504, 'timeout_error', 'timeout'],
    [504, undefined, 'timeout'],
    [401, 'authentication_error', 'auth'],
    [403, 'permission_error', 'auth'],
    [403, undefined, 'auth'],
    [409, undefined, 'server'],
    [500, 'api_error', 'server'],
    [500, undefined, 'server'],
    [502, undefined, 'server'],
    [503, undefined, 'server'],
    [400, 'invalid_request_error', 'bad_request'],
    [404, 'not_found_error', 'bad_request'],
    [413, 'request_too_large', 'bad_request'],
    [422, undefined, 'bad_request'],
    [undefined, 'api_error', 'server'],
    [undefined, 'overloaded_error', 'overloaded'],
    [undefined, 'rate_limit_error', 'rate_limit'],
    [undefined, 'something_new', 'unknown'],
    [undefined, undefined, 'unknown'],
    [200, undefined, 'unknown'],
  ])('status %s, type %s → %s', (status, type, want) => {
    expect(kindOfStatus(status, type)).toBe(want);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const h = (init: Record<string, string>) => new Headers(init);

  it.each<[string, Record<string, string>, number | undefined]>([
    ['retry-after-ms', { 'retry-after-ms': '1500' }, 1_500],
    ['retry-after-ms wins over retry-after', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['retry-after in seconds', { 'retry-after': '7' }, 7_000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1_500],
    ['zero seconds', { 'retry-after': '0' }, 0],
    ['an HTTP date 30 s ahead', { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30_000],
    ['an HTTP date in the past', { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    ['garbage retry-after-ms falls back to retry-after', { 'retry-after-ms': 'soon', 'retry-after': '2' }, 2_000],
    ['zero retry-after-ms falls back to retry-after', { 'retry-after-ms': '0', 'retry-after': '3' }, 3_000],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['negative seconds', { 'retry-after': '-5' }, undefined],
    ['blank', { 'retry-after': '  ' }, undefined],
    ['missing', { 'content-type': 'application/json' }, undefined],
  ])('%s', (_name, init, want) => {
    expect(retryAfterMs(h(init), now)).toBe(want);
  });

  it('no headers at all', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('providerError', () => {
  it('builds a ProviderError with kind, retry-after and cause', () => {
    const cause = new Error('root');
    const e = providerError('rate_limit', 'HTTP 429', 7_000, cause);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe('rate_limit');
    expect(e.code).toBe('provider.rate_limit');
    expect(e.retryAfterMs).toBe(7_000);
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('HTTP 429');
  });

  it.each([
    ['an Anthropic key', 'HTTP 401: invalid x-api-key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
    ['an OpenAI key mid-sentence', 'Incorrect API key provided: sk-proj-abc123DEF456ghi789. You can find your key', 'sk-proj-abc123DEF456ghi789'],
  ])('redacts %s', (_name, message, key) => {
    const e = providerError('auth', message);
    expect(e.message).not.toContain(key);
    expect(e.message).toContain(`${key.slice(0, 9)}…`);
  });

  it('redacts every key in the message and leaves other text alone', () => {
    const e = providerError('auth', 'keys sk-aaaaaaaaaaaaaaaa and sk-bbbbbbbbbbbbbbbb; task-1234567 ok');
    expect(e.message).toBe('keys sk-aaaaaa… and sk-bbbbbb…; task-1234567 ok');
  });
});

describe('withoutSecret', () => {
  it('removes the literal key from a message, whatever its shape', () => {
    const e = withoutSecret(new ProviderError('unknown', 'Headers.append: "Bearer gsk_SECRET.42/x" is an invalid header value.'), 'gsk_SECRET.42/x');
    expect(e.message).toBe('Headers.append: "Bearer [REDACTED]" is an invalid header value.');
    expect(e.kind).toBe('unknown');
  });

  it('leaves a message without the key as it is (same object)', () => {
    const e = new ProviderError('server', 'HTTP 500 api_error: boom');
    expect(withoutSecret(e, 'sk-ant-abc')).toBe(e);
  });
});

describe('connectionCut: a broken connection, by the error code in the cause chain', () => {
  const coded = (code: string) => Object.assign(new Error('other side closed'), { code });
  it.each<[string, unknown, string | undefined]>([
    ['fetch: TypeError terminated ← undici socket error', new TypeError('terminated', { cause: coded('UND_ERR_SOCKET') }), 'UND_ERR_SOCKET'],
    ['an SDK error wrapping it', new Error('terminated', { cause: new TypeError('terminated', { cause: coded('UND_ERR_SOCKET') }) }), 'UND_ERR_SOCKET'],
    ['ECONNRESET itself', coded('ECONNRESET'), 'ECONNRESET'],
    ['a plain TypeError (a bug, not the network)', new TypeError('x is not a function'), undefined],
    ['another code', coded('ERR_INVALID_ARG_TYPE'), undefined],
    ['not an error', 'terminated', undefined],
  ])('%s', (_name, err, code) => {
    expect(connectionCut(err)?.code).toBe(code);
  });
});
