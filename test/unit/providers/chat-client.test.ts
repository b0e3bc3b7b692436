import { describe, expect, it } from 'vitest';
import { createChatCompletion, errorDetail, type ChatClient } from '../../../src/providers/chat-client.js';
import { ProviderError } from '../../../src/errors.js';
import type { ChatCompletionParams } from '../../../src/providers/openai-wire.js';

// The Chat Completions client with an injected fetch: what it sends, and how each way a call can end
// is classified. (The same client against a real fake server: openai.test.ts.)

const params: ChatCompletionParams = { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 };
const OK = { choices: [{ message: { content: 'yes' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1 } };

function client(fetch: ChatClient['fetch'], baseURL = 'http://127.0.0.1:9/v1'): ChatClient {
  return { baseURL, apiKey: 'sk-test-secret', fetch };
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a failure');
}

describe('errorDetail: the message and type of an error body, whatever its shape', () => {
  it.each<[string, string, { message: string; type?: string; code?: string }]>([
    ['OpenAI', '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}', { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }],
    ['vLLM (top-level message, numeric code)', '{"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400}', { message: 'max_tokens is too large', type: 'BadRequestError' }],
    ['Ollama (error as a string)', '{"error":"model \\"llama9\\" not found, try pulling it first"}', { message: 'model "llama9" not found, try pulling it first' }],
    ['FastAPI (detail)', '{"detail":"Not Found"}', { message: 'Not Found' }],
    ['an error object with a numeric code and no message', '{"error":{"code":503}}', { message: '{"error":{"code":503}}', code: '503' }],
    ['a proxy HTML page', '<html>\n  <body>502 Bad Gateway</body>\n</html>', { message: '<html> <body>502 Bad Gateway</body> </html>' }],
    ['an empty body', '', { message: '(empty body)' }],
    ['JSON that is not an object', '"oops"', { message: '"oops"' }],
  ])('%s', (_name, body, want) => {
    const got = errorDetail(body);
    expect(got.message).toBe(want.message);
    expect(got.type).toBe(want.type);
    expect(got.code).toBe(want.code);
  });

  it('a long text body is cut to 300 characters', () => {
    expect(errorDetail('x'.repeat(1000)).message).toBe(`${'x'.repeat(300)}…`);
  });
});

describe('createChatCompletion', () => {
  it('POSTs JSON to <base>/chat/completions with a bearer key (a trailing slash on the base is dropped)', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), init: init ?? {} });
      return new Response(JSON.stringify(OK), { status: 200 });
    };
    const res = await createChatCompletion(client(fetch, 'http://127.0.0.1:9/v1/'), params, { signal: new AbortController().signal });
    expect(res.choices[0]?.message.content).toBe('yes');
    expect(seen[0]?.url).toBe('http://127.0.0.1:9/v1/chat/completions');
    expect(seen[0]?.init.method).toBe('POST');
    expect(seen[0]?.init.headers).toMatchObject({ authorization: 'Bearer sk-test-secret', 'content-type': 'application/json' });
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual(params);
  });

  it.each<[string, number, string, Record<string, string>, string, number | undefined]>([
    ['429 with the code rate_limit_exceeded and retry-after', 429, '{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}', { 'retry-after': '7' }, 'rate_limit', 7_000],
    ['429 with retry-after-ms', 429, '{"error":{"message":"slow down"}}', { 'retry-after-ms': '250' }, 'rate_limit', 250],
    ['529 overloaded', 529, '{"error":{"message":"busy","type":"overloaded_error"}}', {}, 'overloaded', undefined],
    ['503 from a proxy, as HTML', 503, '<html>Service Unavailable</html>', {}, 'server', undefined],
    ['401', 401, '{"error":{"message":"bad key","type":"invalid_request_error","code":"invalid_api_key"}}', {}, 'auth', undefined],
    ['404 from vLLM', 404, '{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","code":404}', {}, 'bad_request', undefined],
    ['a redirect that was not followed', 301, '', { location: 'https://elsewhere' }, 'unknown', undefined],
  ])('%s → %s', async (_name, status, body, headers, kind, retryAfter) => {
    const fetch = async () => new Response(body, { status, headers });
    const err = await failure(createChatCompletion(client(fetch), params, { signal: new AbortController().signal }));
    expect(err.kind).toBe(kind);
    expect(err.retryAfterMs).toBe(retryAfter);
    expect(err.message).toContain(`HTTP ${status}`);
  });

  it('a 200 whose body is not JSON is a server fault', async () => {
    const fetch = async () => new Response('<html>maintenance</html>', { status: 200 });
    const err = await failure(createChatCompletion(client(fetch), params, { signal: new AbortController().signal }));
    expect(err.kind).toBe('server');
    expect(err.message).toContain('malformed response body');
  });

  it('a connection refused is kind connection, with its code', async () => {
    const fetch = async () => { throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }); };
    const err = await failure(createChatCompletion(client(fetch), params, { signal: new AbortController().signal }));
    expect(err.kind).toBe('connection');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('a body cut after the 200 is kind connection, mid-response', async () => {
    const fetch = async () => ({ status: 200, headers: new Headers(), text: async () => { throw new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }); } }) as unknown as Response;
    const err = await failure(createChatCompletion(client(fetch), params, { signal: new AbortController().signal }));
    expect(err.kind).toBe('connection');
    expect(err.message).toContain('mid-response (UND_ERR_SOCKET)');
  });

  /** A fetch that answers only when its signal ends the call, as a hung server does. */
  const hanging = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')), { once: true });
  });

  it('a hung call past its timeoutMs is kind timeout', async () => {
    const err = await failure(createChatCompletion(client(hanging), params, { signal: new AbortController().signal, timeoutMs: 5 }));
    expect(err.kind).toBe('timeout');
  });

  it("the caller's abort is kind aborted, not timeout, even with a time limit set", async () => {
    const ctl = new AbortController();
    const call = createChatCompletion(client(hanging), params, { signal: ctl.signal, timeoutMs: 60_000 });
    ctl.abort();
    expect((await failure(call)).kind).toBe('aborted');
  });

  it('an already aborted signal never reaches the network as a success', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const fetch = async (_u: string | URL | Request, init?: RequestInit) => {
      if (init?.signal?.aborted === true) throw new DOMException('This operation was aborted', 'AbortError');
      return new Response(JSON.stringify(OK));
    };
    expect((await failure(createChatCompletion(client(fetch), params, { signal: ctl.signal }))).kind).toBe('aborted');
  });
});
