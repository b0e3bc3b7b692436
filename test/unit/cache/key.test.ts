import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { cacheKey, canonicalJson, parseDuration, type CacheKeyParts } from '../../../src/cache/key.js';

const base: CacheKeyParts = {
  provider: 'anthropic',
  model: 'claude-haiku-5-5',
  request: {
    model: 'claude-haiku-5-5',
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Hi' }],
    maxTokens: 256,
    temperature: 0,
    stop: ['\n\n'],
  },
  epoch: 1,
};

const req = base.request as Record<string, unknown>;

describe('canonicalJson', () => {
  it.each([
    { value: { b: 1, a: { d: [3, 1], c: null } }, want: '{"a":{"c":null,"d":[3,1]},"b":1}' },
    { value: { a: undefined, b: () => 1, c: Symbol('s'), d: 0 }, want: '{"d":0}' },
    { value: [undefined, () => 1, 2], want: '[null,null,2]' },
    { value: { n: Number.NaN, i: Number.POSITIVE_INFINITY, z: -0 }, want: '{"i":null,"n":null,"z":0}' },
    { value: { '10': 'x', '2': 'y', B: 1, a: 2, é: 3 }, want: '{"10":"x","2":"y","B":1,"a":2,"é":3}' },
    { value: { s: 'quote " and \n' }, want: '{"s":"quote \\" and \\n"}' },
    { value: { at: new Date(0) }, want: '{"at":"1970-01-01T00:00:00.000Z"}' },
    { value: [[{ y: 1, x: [] }]], want: '[[{"x":[],"y":1}]]' },
    { value: 'text', want: '"text"' },
    { value: null, want: 'null' },
    { value: undefined, want: 'null' },
    { value: { same: [1], again: [1] }, want: '{"again":[1],"same":[1]}' }, // shared, not cyclic
  ])('$want', ({ value, want }) => {
    expect(canonicalJson(value)).toBe(want);
  });

  it.each([
    { name: 'a bigint', value: { n: 1n } },
    { name: 'a cycle', value: ((): object => { const o: Record<string, unknown> = {}; o.self = o; return o; })() },
  ])('throws TypeError on $name', ({ value }) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('cacheKey', () => {
  const key = cacheKey(base);

  it('is the sha256 hex of the versioned canonical JSON', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const text = canonicalJson({ v: 1, ...base });
    expect(key).toBe(createHash('sha256').update(text).digest('hex'));
  });

  // Pinned: a user's cache outlives a version of the harness, so the same request must keep its key
  // (a deliberate change bumps KEY_VERSION). Computed with the writer of the version that added this.
  it.each<[string, CacheKeyParts, string]>([
    ['the base request', base, 'a1c96082783daf5f5bc9036d7af713c4516ecc35d78ef090db2552c5f1c0cc90'],
    ['keys out of order, integer keys, undefined, a Date, -0, 1e21, escapes', {
      provider: 'p', model: 'm', epoch: 3,
      request: { z: [{ b: [1, { d: 'é', c: null }], a: undefined }], y: { '10': 1, '2': [undefined, 3] }, x: new Date(0), w: -0, v: 1e21, u: 'q"\n' },
    }, '657a67b5c98b6ad948159b3c901e2299200e68c6140a6a309eccb8b64bd7d88d'],
  ])('keeps its key across versions: %s', (_label, parts, want) => {
    expect(cacheKey(parts)).toBe(want);
  });

  it('does not depend on key order, at any depth', () => {
    const reordered: CacheKeyParts = {
      epoch: 1,
      request: {
        stop: ['\n\n'],
        temperature: 0,
        maxTokens: 256,
        messages: [{ content: 'Hi', role: 'user' }],
        system: 'Be brief.',
        model: 'claude-haiku-5-5',
      },
      model: 'claude-haiku-5-5',
      provider: 'anthropic',
    };
    expect(cacheKey(reordered)).toBe(key);
  });

  it('ignores undefined fields, at any depth', () => {
    expect(cacheKey({ ...base, request: { ...req, topP: undefined } })).toBe(key);
    const nested = (extra: object): string => cacheKey({ ...base, request: { ...req, extra } });
    expect(nested({ gone: undefined, kept: 1 })).toBe(nested({ kept: 1 }));
  });

  it.each<[string, Partial<CacheKeyParts>]>([
    ['provider', { provider: 'openai' }],
    ['model', { model: 'claude-sonnet-5-5' }],
    ['epoch', { epoch: 2 }],
    ['epoch 0', { epoch: 0 }],
    ['request.system', { request: { ...req, system: 'Be brief!' } }],
    ['request.maxTokens', { request: { ...req, maxTokens: 257 } }],
    ['request.temperature', { request: { ...req, temperature: 0.1 } }],
    ['request without temperature', { request: { ...req, temperature: undefined } }],
    ['request.messages content', { request: { ...req, messages: [{ role: 'user', content: 'Hi ' }] } }],
    ['request.messages order', { request: { ...req, messages: [{ role: 'assistant', content: 'A' }, { role: 'user', content: 'Hi' }] } }],
    ['request.stop order', { request: { ...req, stop: ['b', 'a'] } }],
    ['request.stop added', { request: { ...req, stop: ['\n\n', 'END'] } }],
    ['a new request field', { request: { ...req, topK: 5 } }],
    ['number vs string', { request: { ...req, maxTokens: '256' } }],
  ])('changes with %s', (_name, change) => {
    expect(cacheKey({ ...base, ...change })).not.toBe(key);
  });
});

describe('parseDuration', () => {
  it.each<[string, number | null]>([
    ['30s', 30_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['14d', 1_209_600_000],
    ['1d', 86_400_000],
    ['0', 0],
    ['0s', 0],
    ['0d', 0],
    ['never', null],
    [' 2h ', 7_200_000],
    ['365d', 31_536_000_000],
  ])('%j → %s', (text, want) => {
    expect(parseDuration(text)).toBe(want);
  });

  it.each(['', '30', '1', '-5m', '1.5h', '2w', '10ms', 'h', '1 h', '1H', 'Never', 'forever', '1e3s', '0x10s', '99999999999999999d'])(
    'rejects %j, listing the accepted forms',
    (text) => {
      let caught: unknown;
      try {
        parseDuration(text);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InputError);
      const message = (caught as Error).message;
      expect(message).toContain(JSON.stringify(text));
      for (const form of ['30s', '15m', '12h', '14d', '"0"', '"never"']) expect(message).toContain(form);
    },
  );
});
