import { afterEach, describe, expect, it } from 'vitest';
import { buildChatParams, chatToCompletion, openaiProvider } from '../../../src/providers/openai.js';
import { createProvider } from '../../../src/providers/create.js';
import { InputError, ProviderError } from '../../../src/errors.js';
import type { CompletionRequest, FailureKind, ItemContext } from '../../../src/types.js';
import { faultSequence, startFakeOpenAI, type FakeOpenAI, type Fault, type FakeOpenAIOptions } from '../../support/fake-openai.js';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic.js';
import { modelSpec, sample } from '../runner/fakes.js';
import { providerFailure } from '../../support/rejection.js';

const GPT = 'openai:gpt-5-mini';
const HAIKU = 'anthropic:claude-haiku-5-5';
const item: ItemContext = { sample: sample('s1', {}), epoch: 1, targetPool: [] };
const live = () => new AbortController().signal;

const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gpt-5-mini',
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'Capital of France?' }, { role: 'assistant', content: 'Paris.' }, { role: 'user', content: 'And Italy?' }],
  maxTokens: 128,
  timeoutMs: 10_000,
  ...extra,
});

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const s = await startFakeOpenAI(options);
  servers.push(s);
  return s;
}

async function startAnthropic(): Promise<FakeAnthropic> {
  const s = await startFakeAnthropic();
  servers.push(s);
  return s;
}

const failure = providerFailure;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('buildChatParams', () => {
  it('puts the system message first, then the turns; max_tokens and stop passed', () => {
    expect(buildChatParams(modelSpec(GPT), request({ stop: ['\n\n'] }))).toEqual({
      model: 'gpt-5-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And Italy?' },
      ],
      max_tokens: 128,
      stop: ['\n\n'],
    });
  });

  it('temperature only when the model sets it', () => {
    expect(buildChatParams(modelSpec(GPT), request())).not.toHaveProperty('temperature');
    expect(buildChatParams(modelSpec(GPT, { temperature: 0 }), request()).temperature).toBe(0);
    expect(buildChatParams(modelSpec(GPT, { temperature: 0.7 }), request()).temperature).toBe(0.7);
  });

  it('no system message and no stop when absent or empty', () => {
    const params = buildChatParams(modelSpec(GPT), { model: 'x', messages: [{ role: 'user', content: 'hi' }], maxTokens: 5, stop: [], timeoutMs: 1 });
    expect(params).toEqual({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
  });
});

describe('openaiProvider.complete against the fake API', () => {
  it('returns text, usage and finish_reason from one HTTP call', async () => {
    const fake = await startOpenAI({ respond: () => ({ text: 'Rome', promptTokens: 30, completionTokens: 1 }) });
    const p = openaiProvider(modelSpec(GPT, { temperature: 0.3 }), { apiKey: 'k', baseURL: fake.url });
    expect(p.id).toBe(GPT);
    expect(p.pricingModel).toBeUndefined();
    const c = await p.complete(request({ stop: ['###'] }), live(), item);
    expect(c.text).toBe('Rome');
    expect(c.usage).toEqual({ inputTokens: 30, outputTokens: 1, thinkingTokens: 0 });
    expect(c.stopReason).toBe('stop');
    expect(fake.calls).toHaveLength(1);
    const body = fake.calls[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-5-mini', max_tokens: 128, stop: ['###'], temperature: 0.3 });
    expect((body['messages'] as { role: string }[]).map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });

  it('sends no temperature when unset', async () => {
    const fake = await startOpenAI();
    await openaiProvider(modelSpec(GPT), { apiKey: 'k', baseURL: fake.url }).complete(request(), live(), item);
    expect(fake.calls[0]?.body).not.toHaveProperty('temperature');
  });

  it('a reply cut by max_tokens has finish_reason length', async () => {
    const fake = await startOpenAI({ respond: () => ({ text: 'word '.repeat(200) }) });
    const c = await openaiProvider(modelSpec(GPT), { apiKey: 'k', baseURL: fake.url }).complete(request({ maxTokens: 5 }), live(), item);
    expect(c.stopReason).toBe('length');
    expect(c.usage.outputTokens).toBeLessThanOrEqual(5);
  });

  it.each<[string, Fault, FailureKind, number | undefined]>([
    ['429 with retry-after', { kind: 'http', status: 429, errorType: 'requests', errorCode: 'rate_limit_exceeded', retryAfterSec: 7 }, 'rate_limit', 7_000],
    ['529 overloaded', { kind: 'http', status: 529, errorType: 'overloaded_error' }, 'overloaded', undefined],
    ['500', { kind: 'http', status: 500, errorType: 'server_error' }, 'server', undefined],
    ['503', { kind: 'http', status: 503, errorType: 'server_error' }, 'server', undefined],
    ['a connection reset', { kind: 'reset' }, 'connection', undefined],
    ['a connection cut mid-body, after the 200', { kind: 'cut' }, 'connection', undefined],
    ['a malformed body', { kind: 'malformed' }, 'server', undefined],
    ['401', { kind: 'http', status: 401, errorType: 'invalid_request_error', errorCode: 'invalid_api_key' }, 'auth', undefined],
    ['400', { kind: 'http', status: 400, errorType: 'invalid_request_error' }, 'bad_request', undefined],
    ['404', { kind: 'http', status: 404, errorType: 'invalid_request_error', errorCode: 'model_not_found' }, 'bad_request', undefined],
  ])('%s → %s, one call', async (_name, fault, kind, retryAfter) => {
    const fake = await startOpenAI({ fault: faultSequence([fault]) });
    const err = await failure(openaiProvider(modelSpec(GPT), { apiKey: 'k', baseURL: fake.url }).complete(request(), live(), item));
    expect(err.kind).toBe(kind);
    expect(err.retryAfterMs).toBe(retryAfter);
    expect(fake.calls).toHaveLength(1);
  });

  it('a hung request with a small timeoutMs → timeout, one call', async () => {
    const fake = await startOpenAI({ fault: faultSequence([{ kind: 'hang' }]) });
    const err = await failure(openaiProvider(modelSpec(GPT), { apiKey: 'k', baseURL: fake.url }).complete(request({ timeoutMs: 150 }), live(), item));
    expect(err.kind).toBe('timeout');
    expect(fake.calls).toHaveLength(1);
  });

  it('an aborted signal mid-call → aborted', async () => {
    const ctl = new AbortController();
    const fake = await startOpenAI({ respond: () => { ctl.abort(); return { text: 'late', delayMs: 30_000 }; } });
    const err = await failure(openaiProvider(modelSpec(GPT), { apiKey: 'k', baseURL: fake.url }).complete(request(), ctl.signal, item));
    expect(err.kind).toBe('aborted');
    expect(fake.calls).toHaveLength(1);
  });
});

describe('createProvider', () => {
  it.each([['a trailing newline', 'sk-test-123\n'], ['a line break inside', 'sk-test\n123'], ['a space', 'sk test']])('refuses a key with %s, without echoing the key', (_name, key) => {
    const err = thrown(() => createProvider(modelSpec(HAIKU), { ANTHROPIC_API_KEY: key }, 0));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).message).toContain('ANTHROPIC_API_KEY contains spaces, a line break or other non-printable characters');
    expect((err as InputError).message).not.toContain('sk-test');
  });

  it('anthropic without a key is an InputError (exit 2) saying how to set it or use sim:', () => {
    for (const env of [{}, { ANTHROPIC_API_KEY: '' }, { ANTHROPIC_API_KEY: '   ' }]) {
      const err = thrown(() => createProvider(modelSpec(HAIKU), env, 0));
      expect(err).toBeInstanceOf(InputError);
      const e = err as InputError;
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain('ANTHROPIC_API_KEY is not set');
      expect(e.message).toContain('export ANTHROPIC_API_KEY=');
      expect(e.message).toContain('--model sim:claude-haiku-5-5');
    }
  });

  it('anthropic reads the key from api_key_env', () => {
    const model = modelSpec(HAIKU, { apiKeyEnv: 'WORK_KEY' });
    expect(() => createProvider(model, { ANTHROPIC_API_KEY: 'k' }, 0)).toThrow(/WORK_KEY is not set/);
    expect(createProvider(model, { WORK_KEY: 'k' }, 0).id).toBe(HAIKU);
  });

  it('anthropic uses ANTHROPIC_BASE_URL from the env object', async () => {
    const fake = await startAnthropic();
    const p = createProvider(modelSpec(HAIKU), { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url }, 0);
    const c = await p.complete(request({ model: 'claude-haiku-5-5', messages: [{ role: 'user', content: 'hi' }] }), live(), item);
    expect(c.text).toBe('echo: hi');
    expect(fake.calls).toHaveLength(1);
    expect(p.queueKey).toContain(fake.url);
  });

  it("the model's base_url wins over ANTHROPIC_BASE_URL", async () => {
    const fake = await startAnthropic();
    const p = createProvider(modelSpec(HAIKU, { baseUrl: fake.url }), { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:1' }, 0);
    await p.complete(request({ messages: [{ role: 'user', content: 'hi' }] }), live(), item);
    expect(fake.calls).toHaveLength(1);
  });

  it('openai to a loopback base URL needs no key and works', async () => {
    const fake = await startOpenAI();
    const p = createProvider(modelSpec(GPT, { baseUrl: fake.url }), {}, 0);
    const c = await p.complete(request(), live(), item);
    expect(c.text).toBe('echo: And Italy?');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.headers['authorization']).toMatch(/^Bearer /);
  });

  it('openai takes OPENAI_BASE_URL from the env object', async () => {
    const fake = await startOpenAI();
    const p = createProvider(modelSpec(GPT), { OPENAI_BASE_URL: fake.url }, 0);
    await p.complete(request(), live(), item);
    expect(fake.calls).toHaveLength(1);
  });

  it.each([
    'http://localhost:8000/v1',
    'http://localhost',
    'http://127.0.0.1:11434/v1',
    'http://127.1.2.3/v1',
    'https://[::1]:8443/v1',
  ])('loopback %s needs no key', (baseUrl) => {
    expect(createProvider(modelSpec(GPT, { baseUrl }), {}, 0).id).toBe(GPT);
  });

  it.each([
    ['the default base URL', undefined],
    ['a remote URL', 'https://llm.example.com/v1'],
    ['a host that merely starts with localhost', 'http://localhost.example.com/v1'],
    ['a host that merely starts with 127.0.0.1', 'http://127.0.0.1.example.com/v1'],
  ])('openai to %s without a key is an InputError (exit 2)', (_name, baseUrl) => {
    const model = modelSpec(GPT, baseUrl === undefined ? {} : { baseUrl });
    const err = thrown(() => createProvider(model, {}, 0));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).message).toContain('OPENAI_API_KEY is not set');
  });

  it('openai to a remote URL with a key is fine', () => {
    expect(createProvider(modelSpec(GPT, { baseUrl: 'https://llm.example.com/v1' }), { OPENAI_API_KEY: 'k' }, 0).id).toBe(GPT);
  });

  it('sim models need no key and are simulated', () => {
    const p = createProvider(modelSpec('sim:claude-haiku-5-5'), {}, 7);
    expect(p.simulated).toBe(true);
    expect(p.id).toBe('sim:claude-haiku-5-5');
  });
});

describe('chatToCompletion: malformed or empty responses are errors, never scored outputs', () => {
  it.each([
    ['an HTML page', '<html>oops</html>', 'server'],
    ['an object without choices', { id: 'x' }, 'server'],
    ['no choices at all', { id: 'x', choices: [] }, 'invalid_output'],
  ])('%s → %s', (_name, body, kind) => {
    let err: unknown;
    try {
      chatToCompletion(body as never, 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe(kind);
  });
});
