import { describe, expect, it } from 'vitest';
import { resolveSpec, DEFAULTS } from '../../../src/spec/resolve.js';
import { SpecError } from '../../../src/errors.js';
import type { EvalSpecInput } from '../../../src/spec/input.js';
import { doc, FILE, issuesOf, load } from './helpers.js';

const HAIKU = 'anthropic:claude-haiku-5-5';
const chat = (...turns: [string, string][]) => ({ messages: turns.map(([role, content]) => ({ role, content })) });

describe('resolveSpec: defaults', () => {
  it('a minimal spec gets every default', () => {
    expect(load(doc())).toEqual({
      id: 'demo',
      file: FILE,
      dataset: { path: '/work/data/items.jsonl', format: 'jsonl', fields: { metadata: [] }, shuffle: false, seed: 0 },
      prompt: { messages: [{ role: 'user', content: 'Q: {{question}}' }], shorthand: true },
      models: [{
        id: HAIKU,
        provider: 'anthropic',
        model: 'claude-haiku-5-5',
        label: HAIKU,
        maxTokens: 1024,
        stream: false,
        apiKeyEnv: 'ANTHROPIC_API_KEY',
        concurrency: 8,
      }],
      judges: [],
      scorers: [{ type: 'equals', name: 'equals', weight: 1, negate: false, options: {} }],
      pass: { mode: 'all' },
      gates: [],
      regression: null,
      run: { epochs: 1, concurrency: 8, seed: 0, timeoutMs: 120_000, maxAttempts: 10, maxRetryWaitMs: 120_000, maxErrorRate: 0.1, confidence: 0.95, retryBudgets: { rate_limit: 8, overloaded: 8, server: 3 } },
    });
  });

  it('DEFAULTS are the documented ones', () => {
    expect(DEFAULTS).toEqual({ concurrency: 8, maxTokens: 1024, timeoutMs: 120_000, maxAttempts: 10, maxRetryWaitMs: 120_000, maxErrorRate: 0.1, retryBudgets: { rate_limit: 8, overloaded: 8, server: 3 } });
  });

  it('does not mutate its input', () => {
    const input = { ...doc(), run: { epochs: 2 } } as unknown as EvalSpecInput;
    const copy = structuredClone(input);
    resolveSpec(input, FILE, { epochs: 5, simulate: true });
    expect(input).toEqual(copy);
  });

  it('resolves run options, pass rules, gates and scorer names', () => {
    const spec = load(doc({
      description: 'd',
      run: { epochs: 3, concurrency: 2, seed: 9, max_tokens: 99, timeout_ms: 5_000, max_attempts: 2, max_retry_wait_ms: 0, max_error_rate: 0.5, confidence: 0.9 },
      pass: { threshold: 0.75 },
      gates: [{ model: HAIKU, min_pass_rate: 0.9 }],
      scorers: [{ type: 'contains' }, { type: 'contains', weight: 0, negate: true, expected: '{{x}}', ignore_case: true }, { type: 'regex', name: 'fmt', pattern: '^A' }],
    }));
    expect(spec.description).toBe('d');
    expect(spec.run).toEqual({ epochs: 3, concurrency: 2, seed: 9, timeoutMs: 5_000, maxAttempts: 2, maxRetryWaitMs: 0, maxErrorRate: 0.5, confidence: 0.9, retryBudgets: { rate_limit: 8, overloaded: 8, server: 3 } });
    expect(spec.dataset.seed).toBe(9);
    expect(spec.models[0]?.maxTokens).toBe(99);
    expect(spec.models[0]?.concurrency).toBe(2);
    expect(spec.pass).toEqual({ mode: 'weighted', threshold: 0.75 });
    expect(spec.gates).toEqual([{ model: HAIKU, minPassRate: 0.9 }]);
    expect(spec.scorers).toEqual([
      { type: 'contains', name: 'contains', weight: 1, negate: false, options: {} },
      { type: 'contains', name: 'contains#2', weight: 0, negate: true, expected: '{{x}}', options: { ignore_case: true } },
      { type: 'regex', name: 'fmt', weight: 1, negate: false, options: { pattern: '^A' } },
    ]);
  });

  it.each([['all', { mode: 'all' }], ['any', { mode: 'any' }]])('pass: %s', (pass, want) => {
    expect(load(doc({ pass })).pass).toEqual(want);
  });
});

describe('resolveSpec: models', () => {
  it('a model may be a string or an object', () => {
    const spec = load(doc({
      models: [
        'openai:gpt-5-mini',
        {
          id: 'anthropic:claude-sonnet-5-5',
          label: 'Sonnet',
          max_tokens: 4096,
          stop: ['###'],
          thinking: { budget_tokens: 2048 },
          effort: 'low',
          stream: true,
          base_url: 'http://127.0.0.1:9/',
          api_key_env: 'MY_KEY',
          concurrency: 3,
        },
      ],
    }));
    expect(spec.models).toEqual([
      { id: 'openai:gpt-5-mini', provider: 'openai', model: 'gpt-5-mini', label: 'openai:gpt-5-mini', maxTokens: 1024, stream: false, apiKeyEnv: 'OPENAI_API_KEY', concurrency: 8 },
      {
        id: 'anthropic:claude-sonnet-5-5',
        provider: 'anthropic',
        model: 'claude-sonnet-5-5',
        label: 'Sonnet',
        maxTokens: 4096,
        stop: ['###'],
        thinking: { budgetTokens: 2048 },
        effort: 'low',
        stream: true,
        baseUrl: 'http://127.0.0.1:9/',
        apiKeyEnv: 'MY_KEY',
        concurrency: 3,
      },
    ]);
  });

  it.each(['adaptive', 'disabled'] as const)('thinking: %s is kept as written', (thinking) => {
    expect(load(doc({ models: [{ id: HAIKU, thinking }] })).models[0]?.thinking).toBe(thinking);
  });

  it('temperature on a Claude model is an error; on an openai model it is kept', () => {
    const issues = issuesOf(() => load(doc({ models: [{ id: HAIKU, temperature: 0.2 }] })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/models/0/temperature: Claude models reject temperature`))]);
    expect(load(doc({ models: [{ id: 'openai:gpt-5', temperature: 0.2 }] })).models[0]?.temperature).toBe(0.2);
  });

  it.each(['claude-3-5-haiku-20241022', 'claude-3-haiku-20240307'])('the retired %s is an error that names the replacement', (model) => {
    const issues = issuesOf(() => load(doc({ models: [`anthropic:${model}`] })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/models/0: ${model} is retired .*claude-haiku-5-5`))]);
  });

  it('a model listed twice is an error (string and object forms alike)', () => {
    const issues = issuesOf(() => load(doc({ models: [HAIKU, 'openai:gpt-5', { id: HAIKU, max_tokens: 5 }] })));
    expect(issues).toEqual([`${FILE}#/models/2: model ${HAIKU} is listed twice`]);
  });

  it('a gate naming an unknown model is an error; id, label or bare model name all match', () => {
    const issues = issuesOf(() => load(doc({ gates: [{ model: 'anthropic:claude-haiku-4-5', min_pass_rate: 0.5 }] })));
    expect(issues).toEqual([`${FILE}#/gates/0/model: "anthropic:claude-haiku-4-5" is not one of the models (${HAIKU})`]);
    const models = [{ id: HAIKU, label: 'Haiku' }];
    for (const model of [HAIKU, 'Haiku', 'claude-haiku-5-5']) {
      expect(load(doc({ models, gates: [{ model, min_pass_rate: 0.5 }] })).gates).toEqual([{ model, minPassRate: 0.5 }]);
    }
  });
});

describe('resolveSpec: prompt', () => {
  it('messages are kept in order with the system prompt', () => {
    const spec = load(doc({ prompt: { system: 'S {{a}}', ...chat(['user', 'u1'], ['assistant', 'a1'], ['user', 'u2']) } }));
    expect(spec.prompt).toEqual({ system: 'S {{a}}', messages: [{ role: 'user', content: 'u1' }, { role: 'assistant', content: 'a1' }, { role: 'user', content: 'u2' }], shorthand: false });
  });

  it('user and messages both given is an error', () => {
    const issues = issuesOf(() => load(doc({ prompt: { user: 'x', ...chat(['user', 'y']) } })));
    expect(issues).toEqual([`${FILE}#/prompt: give either "user" or "messages", not both`]);
  });

  it('neither user nor messages is an error', () => {
    expect(issuesOf(() => load(doc({ prompt: { system: 'only a system prompt' } })))).toEqual([expect.stringContaining(`${FILE}#/prompt: missing the user turn`)]);
  });

  it('a first turn that is not user is an error', () => {
    const issues = issuesOf(() => load(doc({ prompt: chat(['assistant', 'hello'], ['user', 'hi']) })));
    expect(issues).toEqual([`${FILE}#/prompt/messages/0/role: the first turn must be "user"`]);
  });

  it.each(['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1'])('a final assistant turn (prefill) on %s is an error', (model) => {
    const issues = issuesOf(() => load(doc({ models: [`anthropic:${model}`], prompt: chat(['user', 'q'], ['assistant', '{']) })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/prompt/messages/1: anthropic:${model} rejects a final assistant turn`))]);
  });

  it.each(['openai:gpt-5', 'anthropic:claude-haiku-4-5', 'sim:claude-haiku-5-5'])('a final assistant turn is allowed on %s', (id) => {
    const spec = load(doc({ models: [id], prompt: chat(['user', 'q'], ['assistant', '{']) }));
    expect(spec.prompt.messages.at(-1)).toEqual({ role: 'assistant', content: '{' });
  });
});

describe('resolveSpec: scorer options checked before any call', () => {
  it('an invalid regex is an error', () => {
    const issues = issuesOf(() => load(doc({ scorers: [{ type: 'regex', pattern: '(unclosed' }] })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/scorers/0/pattern: not a valid regular expression`))]);
  });

  it('a lookahead is refused before any call, saying why (patterns run on a linear-time engine)', () => {
    const issues = issuesOf(() => load(doc({ scorers: [{ type: 'regex', pattern: '^(?=.*\\d)\\w+$' }] })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/scorers/0/pattern: not a valid regular expression .*lookarounds and backreferences are not supported`))]);
  });

  it('a templated regex is checked per sample later, not here', () => {
    expect(load(doc({ scorers: [{ type: 'regex', pattern: '{{pat}}(' }] })).scorers[0]?.options).toEqual({ pattern: '{{pat}}(' });
  });

  it('a json-schema that ajv cannot compile is an error', () => {
    const issues = issuesOf(() => load(doc({ scorers: [{ type: 'json-schema', schema: { type: 'nope' } }] })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/scorers/0/schema: ajv cannot compile this JSON Schema`))]);
  });

  it('a valid json-schema is accepted', () => {
    expect(load(doc({ scorers: [{ type: 'json-schema', schema: { type: 'object', required: ['a'] } }] })).scorers).toHaveLength(1);
  });
});

describe('resolveSpec: dataset', () => {
  it.each([
    ['d.jsonl', 'jsonl'],
    ['d.ndjson', 'jsonl'],
    ['d.json', 'json'],
    ['d.csv', 'csv'],
    ['D.CSV', 'csv'],
    ['d.tsv', 'tsv'],
    ['d.tab', 'tsv'],
  ])('the format of %s is %s', (path, format) => {
    expect(load(doc({ dataset: { path } })).dataset.format).toBe(format);
  });

  it('an unknown extension is an error unless the format is given', () => {
    const issues = issuesOf(() => load(doc({ dataset: { path: 'data.txt' } })));
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${FILE}#/dataset/path: cannot tell the format of "data.txt"`))]);
    expect(load(doc({ dataset: { path: 'data.txt', format: 'csv' } })).dataset.format).toBe('csv');
  });

  it('the path is relative to the spec file; fields, limit, shuffle and seed are resolved', () => {
    const spec = load(doc({ dataset: { path: 'sub/d.csv', fields: { id: 'key', target: 'a.b', metadata: ['lang'] }, limit: 5, shuffle: true, seed: 3 } }));
    expect(spec.dataset).toEqual({ path: '/work/evals/sub/d.csv', format: 'csv', fields: { id: 'key', target: 'a.b', metadata: ['lang'] }, limit: 5, shuffle: true, seed: 3 });
  });
});

describe('resolveSpec: all problems at once', () => {
  it('collects every resolve-time problem into one SpecError', () => {
    let err: unknown;
    try {
      load(doc({
        models: [{ id: HAIKU, temperature: 1 }, 'anthropic:claude-3-haiku-20240307', HAIKU],
        prompt: chat(['assistant', 'a'], ['user', 'b'], ['assistant', 'c']),
        gates: [{ model: 'nobody', min_pass_rate: 1 }],
        scorers: [{ type: 'regex', pattern: '[' }],
        dataset: { path: 'x.xlsx' },
      }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const issues = (err as SpecError).issues;
    expect(issues.map((i) => i.slice(FILE.length).split(':')[0])).toEqual([
      '#/models/0/temperature',
      '#/models/1',
      '#/models/2',
      '#/prompt/messages/0/role',
      '#/prompt/messages/2', // the same prefill problem for both Haiku entries is reported once
      '#/gates/0/model',
      '#/scorers/0/pattern',
      '#/dataset/path',
    ]);
    expect(issues.every((i) => i.startsWith(`${FILE}#/`))).toBe(true);
  });
});
