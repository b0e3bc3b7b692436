import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { baseUrlProblem } from '../../../src/providers/definition.js';
import { providerDefinition } from '../../../src/providers/registry.js';
import type { ModelSpec } from '../../../src/providers/model-spec.js';

describe('baseUrlProblem', () => {
  it.each<readonly [string, string | undefined]>([
    ['https://api.anthropic.com', undefined],
    ['http://127.0.0.1:8080/v1', undefined],
    ['http://[::1]:9000', undefined],
    ['https://proxy.corp.example/anthropic/', undefined],
    ['not a url', 'is not a URL'],
    ['', 'is not a URL'],
    ['localhost:8080', 'has no scheme; write http://localhost:8080 or https://localhost:8080'],
    ['ftp://files.example.com', 'uses ftp; only http and https are supported'],
    ['file:///etc/passwd', 'uses file; only http and https are supported'],
    ['http://user:hunter2@127.0.0.1:9', 'holds a user name or password'],
    ['https://token@api.example.com', 'holds a user name or password'],
  ])('%j', (url, says) => {
    const problem = baseUrlProblem(url);
    if (says === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(says);
    expect(problem ?? '').not.toContain('hunter2');
    if (url.includes('@')) expect(problem).not.toContain(url);
  });
});

const model = (provider: 'anthropic' | 'openai', baseUrl?: string): ModelSpec => ({
  id: `${provider}:m`, provider, model: 'm', maxTokens: 16, apiKeyEnv: provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY',
  ...(baseUrl !== undefined && { baseUrl }),
}) as ModelSpec;

describe('a provider refuses a base URL it cannot call before any call', () => {
  it.each([
    ['anthropic', 'ANTHROPIC_BASE_URL'],
    ['openai', 'OPENAI_BASE_URL'],
  ] as const)('%s from %s', (kind, variable) => {
    const create = () => providerDefinition(kind).create(model(kind), { [variable]: 'http://me:pw@127.0.0.1:1', ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' }, 1);
    expect(create).toThrow(InputError);
    expect(create).toThrow(`${variable} cannot be used`);
    expect(create).not.toThrow(/pw@/);
  });

  it.each(['anthropic', 'openai'] as const)('%s from the spec (base_url)', (kind) => {
    const create = () => providerDefinition(kind).create(model(kind, 'localhost:8080'), { ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' }, 1);
    expect(create).toThrow('base_url cannot be used: "localhost:8080" has no scheme');
  });
});
