// The pure helpers behind the fakes: fault schedules, text limits, header redaction, server lifecycle.
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../support/fake-anthropic.js';
import { redactHeaders } from '../support/fake-http.js';
import { faultEvery, faultSequence, mulberry32, type Fault, type FaultFn } from '../support/faults.js';
import { limitText } from '../support/text-limits.js';

const overload: Fault = { kind: 'http', status: 529, errorType: 'overloaded_error' };
const reset: Fault = { kind: 'reset' };
const kinds = (fn: FaultFn, n: number): (string | null)[] =>
  Array.from({ length: n }, (_, callIndex) => fn({ callIndex, body: undefined, headers: {} })?.kind ?? null);

describe('fault schedules', () => {
  it('mulberry32 is deterministic per seed and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('faultEvery depends only on seed and call index, and hits about `rate` of calls', () => {
    const fn = faultEvery(0.2, 7, [overload, reset]);
    const first = kinds(fn, 2_000);
    expect(kinds(faultEvery(0.2, 7, [overload, reset]), 2_000)).toEqual(first);
    expect([...first].reverse()).toEqual(kinds(fn, 2_000).reverse()); // call order is irrelevant
    const hits = first.filter((k) => k !== null).length / first.length;
    expect(hits).toBeGreaterThan(0.17);
    expect(hits).toBeLessThan(0.23);
    expect(new Set(first)).toEqual(new Set([null, 'http', 'reset']));
    expect(kinds(faultEvery(0.2, 8, [overload]), 50)).not.toEqual(kinds(faultEvery(0.2, 7, [overload]), 50));
  });

  it.each([0, 1])('faultEvery at rate %i is never / always', (rate) => {
    expect(new Set(kinds(faultEvery(rate, 1, [reset]), 200))).toEqual(new Set([rate === 0 ? null : 'reset']));
  });

  it('faultSequence maps call index to list entry, then nothing', () => {
    expect(kinds(faultSequence([undefined, reset, overload]), 5)).toEqual([null, 'reset', 'http', null, null]);
  });
});

describe('text limits', () => {
  it.each([
    ['no limits', { text: 'abcdefgh', tokens: undefined, budget: undefined, stops: [] }, { text: 'abcdefgh', tokens: 2, cut: null }],
    ['explicit tokens', { text: 'abc', tokens: 9, budget: 10, stops: [] }, { text: 'abc', tokens: 9, cut: null }],
    ['budget', { text: 'abcdefghij', tokens: undefined, budget: 1, stops: [] }, { text: 'abcd', tokens: 1, cut: 'max_tokens' }],
    ['earliest stop', { text: 'a;b.c', tokens: undefined, budget: 9, stops: ['.', ';'] }, { text: 'a', cut: 'stop_sequence', stopSequence: ';' }],
  ] as const)('%s', (_name, input, expected) => {
    expect(limitText(input)).toMatchObject(expected);
  });
});

describe('server plumbing', () => {
  it('redacts credentials but keeps the auth scheme', () => {
    expect(redactHeaders({ authorization: 'Bearer sk-secret', 'x-api-key': 'sk-2', accept: 'a' })).toEqual({
      authorization: 'Bearer [REDACTED]',
      'x-api-key': '[REDACTED]',
      accept: 'a',
    });
  });

  it('binds 127.0.0.1 on an ephemeral port and close() is idempotent', async () => {
    const fake = await startFakeAnthropic();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await Promise.all([fake.close(), fake.close()]);
    await expect(fetch(`${fake.url}/v1/messages`, { method: 'POST' })).rejects.toThrow();
  });

  it('a client abort releases a slow reply (delayMs) and the SDK reports APIUserAbortError', async () => {
    const fake = await startFakeAnthropic({ respond: () => ({ text: 'late', delayMs: 10_000 }) });
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
      const controller = new AbortController();
      const pending = client.messages.create(
        { model: 'claude-haiku-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 20);
      await expect(pending).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
    } finally {
      const started = Date.now();
      await fake.close();
      expect(Date.now() - started).toBeLessThan(500);
    }
  });
});
