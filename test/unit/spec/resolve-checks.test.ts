import { describe, expect, it } from 'vitest';
import { gateTarget } from '../../../src/spec/gates.js';
import { doc, FILE, issuesOf, load } from './helpers.js';

// Settings that would fail every call, or be silently ignored, are refused before any call.

const HAIKU = 'anthropic:claude-haiku-5-5';

describe('resolveSpec: model settings checked before any call', () => {
  it.each([
    ['a thinking budget not below max_tokens', { id: HAIKU, max_tokens: 2048, thinking: { budget_tokens: 2048 } }, '#/models/0/thinking/budget_tokens: must be less than max_tokens (2048)'],
    ['thinking on an openai: model', { id: 'openai:gpt-5', thinking: 'adaptive' }, '#/models/0/thinking: not supported for openai: models'],
    ['effort on an openai: model', { id: 'openai:gpt-5', effort: 'low' }, '#/models/0/effort: not supported for openai: models'],
    ['stream on an openai: model', { id: 'openai:gpt-5', stream: true }, '#/models/0/stream: not supported for openai: models'],
    ['an unknown simulator profile (a typo)', 'sim:claude-haiku-55', '#/models/0: unknown simulator profile "claude-haiku-55"'],
  ])('%s', (_name, model, message) => {
    expect(issuesOf(() => load(doc({ models: [model] })))).toEqual([expect.stringContaining(`${FILE}${message}`)]);
  });

  it('accepts a budget below max_tokens, and a custom sim profile that sets its accuracy', () => {
    expect(() => load(doc({ models: [{ id: HAIKU, max_tokens: 4096, thinking: { budget_tokens: 2048 } }] }))).not.toThrow();
    expect(() => load(doc({ models: [{ id: 'sim:my-model', sim: { accuracy: 0.7 } }] }))).not.toThrow();
  });

  it('accepts any name under --simulate (the stand-in of an openai: model)', () => {
    expect(load(doc({ models: ['openai:some-local-model'] }), { simulate: true }).models[0]?.id).toBe('sim:some-local-model');
  });

  it('refuses a spec whose scorers all have weight 0 (nothing would decide pass or fail)', () => {
    expect(issuesOf(() => load(doc({ scorers: [{ type: 'equals', weight: 0 }, { type: 'max-latency', ms: 10, weight: 0 }] })))).toEqual([
      expect.stringContaining(`${FILE}#/scorers: every scorer has weight 0`),
    ]);
  });
});

describe('--model keeps the spec settings of a model it names', () => {
  it('reuses label, max_tokens and thinking of the same id; other ids get defaults', () => {
    const spec = load(doc({ models: [{ id: HAIKU, label: 'haiku', max_tokens: 32, thinking: 'disabled' }, 'anthropic:claude-sonnet-5-5'] }), { models: [HAIKU, 'sim:perfect'] });
    expect(spec.models.map((m) => [m.id, m.label, m.maxTokens, m.thinking])).toEqual([
      [HAIKU, 'haiku', 32, 'disabled'],
      ['sim:perfect', 'sim:perfect', 1024, undefined],
    ]);
  });
});

describe('gates name a model by id, label or bare model name', () => {
  const models = [{ id: HAIKU, label: 'haiku' }, { id: 'openai:llama', label: 'openai:llama' }, { id: 'sim:claude-sonnet-5-5', label: 'anthropic:claude-sonnet-5-5 (simulated)' }];

  it.each([
    [HAIKU, HAIKU],
    ['haiku', HAIKU],
    ['claude-haiku-5-5', HAIKU],
    ['llama', 'openai:llama'],
    ['anthropic:claude-sonnet-5-5', 'sim:claude-sonnet-5-5'],
    ['opus', undefined],
  ])('%s → %s', (gate, id) => {
    expect(gateTarget(gate, models)?.id).toBe(id);
  });

  it('a gate written with the bare model name is accepted by the spec and applies in the run', () => {
    expect(() => load(doc({ models: ['openai:llama'], gates: [{ model: 'llama', min_pass_rate: 0.9 }] }))).not.toThrow();
    expect(issuesOf(() => load(doc({ models: ['openai:llama'], gates: [{ model: 'lama', min_pass_rate: 0.9 }] })))).toEqual([
      expect.stringContaining('#/gates/0/model: "lama" is not one of the models'),
    ]);
  });
});

describe('run.retries', () => {
  it('overrides the per-family retry budgets one by one, keeping the other defaults', () => {
    expect(load(doc({ run: { retries: { rate_limit: 20 } } })).run.retryBudgets).toEqual({ rate_limit: 20, overloaded: 8, server: 3 });
  });

  it('rejects an unknown family, naming the allowed ones', () => {
    expect(issuesOf(() => load(doc({ run: { retries: { timeout: 2 } } })))).toEqual([expect.stringContaining('unknown property "timeout"; allowed: rate_limit, overloaded, server')]);
  });
});

describe('models: rate_limit', () => {
  it('maps the per-minute limits onto the model', () => {
    const spec = load(doc({ models: [{ id: HAIKU, rate_limit: { requests_per_minute: 50, output_tokens_per_minute: 8000 } }] }));
    expect(spec.models[0]?.minuteLimits).toEqual({ requestsPerMinute: 50, outputTokensPerMinute: 8000 });
  });

  it('rejects a limit below 1', () => {
    expect(issuesOf(() => load(doc({ models: [{ id: HAIKU, rate_limit: { requests_per_minute: 0 } }] })))).toEqual([expect.stringContaining('#/models/0/rate_limit/requests_per_minute')]);
  });
});
