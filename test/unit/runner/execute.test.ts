import { describe, expect, it } from 'vitest';
import { executeItem, type RunContext } from '../../../src/runner/execute.js';
import { planItems } from '../../../src/runner/plan.js';
import { createScorer } from '../../../src/scoring/create.js';
import { ProviderError } from '../../../src/errors.js';
import type { Completion, CompletionRequest, Provider, Scorer } from '../../../src/types.js';
import type { EvalSpec } from '../../../src/spec/types.js';
import { evalSpec, fakeClock, modelSpec, sample, scorerSpec, T0, type FakeClock } from './fakes.js';

const HAIKU = 'anthropic:claude-haiku-5-5';

const completion = (text: string, usage: Partial<Completion['usage']> = {}): Completion => ({
  text,
  usage: { inputTokens: 10, outputTokens: 2, thinkingTokens: 0, ...usage },
  stopReason: 'end_turn',
  latencyMs: 12.345,
});

function provider(complete: Provider['complete'], extra: Partial<Provider> = {}): Provider {
  return { id: HAIKU, queueKey: 'q', simulated: false, pricingModel: 'claude-haiku-5-5', complete, ...extra };
}

interface Setup {
  readonly spec?: EvalSpec;
  readonly provider: Provider;
  readonly scorers?: readonly Scorer[];
  readonly clock?: FakeClock;
}

function context(s: Setup): RunContext {
  const spec = s.spec ?? evalSpec();
  return {
    runId: 'run-1',
    spec,
    providers: new Map([[spec.models[0]?.id ?? HAIKU, s.provider]]),
    scorers: s.scorers ?? spec.scorers.map(createScorer),
    targetPool: [],
    clock: s.clock ?? fakeClock(),
    rand: () => 0,
    stopSignal: new AbortController().signal,
    abortSignal: new AbortController().signal,
  };
}

const oneItem = (vars: Record<string, string> = { question: 'capital of France?' }, target = 'Paris') =>
  planItems([sample('s1', vars, target)], [HAIKU], 1)[0]!;

describe('executeItem: ok records', () => {
  it('scores a completion with the real scorers and fills the record', async () => {
    const rec = await executeItem(oneItem(), context({ provider: provider(async () => completion(' Paris ')) }));
    expect(rec).toMatchObject({
      runId: 'run-1',
      evalId: 'unit-eval',
      sampleId: 's1',
      model: HAIKU,
      simulated: false,
      epoch: 1,
      status: 'ok',
      output: ' Paris ',
      pass: true,
      score: 1,
      scores: [{ name: 'equals', value: 1, pass: true }],
      latencyMs: 12.3,
      usage: { inputTokens: 10, outputTokens: 2, thinkingTokens: 0 },
      stopReason: 'end_turn',
      attempts: 1,
      retries: [],
      cached: false,
      startedAt: new Date(T0).toISOString(),
      durationMs: 0,
      metadata: {},
    });
    expect(rec.error).toBeUndefined();
  });

  it('a failing scorer gives pass false with a reason', async () => {
    const rec = await executeItem(oneItem(), context({ provider: provider(async () => completion('Lyon')) }));
    expect(rec.status).toBe('ok');
    expect(rec.pass).toBe(false);
    expect(rec.scores).toEqual([{ name: 'equals', value: 0, pass: false, reason: 'expected "Paris"' }]);
  });

  it('renders the request from the templates: system + every message, model limits, run timeout', async () => {
    const spec = evalSpec({
      prompt: {
        system: 'You answer {{lang}} questions.',
        messages: [
          { role: 'user', content: 'Q: {{question}}' },
          { role: 'assistant', content: 'Thinking about {{topic.name}}.' },
          { role: 'user', content: 'Answer with one word about {{question}}' },
        ],
        shorthand: false,
      },
      models: [modelSpec(HAIKU, { maxTokens: 77, stop: ['\n\n'] })],
      run: { ...evalSpec().run, timeoutMs: 9_999 },
    });
    const seen: CompletionRequest[] = [];
    const p = provider(async (req) => { seen.push(req); return completion('Paris'); });
    const item = planItems([sample('s1', { lang: 'geography', question: 'capital?', topic: { name: 'France' } }, 'Paris')], [HAIKU], 1)[0]!;
    await executeItem(item, context({ spec, provider: p }));
    expect(seen).toEqual([{
      model: 'claude-haiku-5-5',
      system: 'You answer geography questions.',
      messages: [
        { role: 'user', content: 'Q: capital?' },
        { role: 'assistant', content: 'Thinking about France.' },
        { role: 'user', content: 'Answer with one word about capital?' },
      ],
      maxTokens: 77,
      stop: ['\n\n'],
      timeoutMs: 9_999,
    }]);
  });

  it('sends no system and no stop when the spec has none', async () => {
    const seen: CompletionRequest[] = [];
    await executeItem(oneItem(), context({ provider: provider(async (req) => { seen.push(req); return completion('Paris'); }) }));
    expect(seen[0]).not.toHaveProperty('system');
    expect(seen[0]).not.toHaveProperty('stop');
  });

  it('passes the item context (sample, epoch, target pool) to the provider', async () => {
    let got: unknown;
    const ctx = { ...context({ provider: provider(async (_r, _s, item) => { got = item; return completion('Paris'); }) }), targetPool: ['Paris', 'Rome'] };
    const item = planItems([sample('s1', { question: 'q' }, 'Paris')], [HAIKU], 2)[1]!;
    await executeItem(item, ctx);
    expect(got).toEqual({ sample: item.sample, epoch: 2, targetPool: ['Paris', 'Rome'] });
  });
});

describe('executeItem: cost', () => {
  it.each([
    ['Haiku 5.5 list price', 'claude-haiku-5-5', { inputTokens: 1_000, outputTokens: 200 }, (1_000 * 0.1 + 200 * 0.5) / 1e6],
    ['Haiku 5.5 long-context band', 'claude-haiku-5-5', { inputTokens: 200_000, outputTokens: 1_000 }, (200_000 * 0.5 + 1_000 * 2.5) / 1e6],
    ['Sonnet 5.5', 'claude-sonnet-5-5', { inputTokens: 1_000_000, outputTokens: 0 }, 2],
  ])('%s', async (_name, pricingModel, usage, want) => {
    const rec = await executeItem(oneItem(), context({ provider: provider(async () => completion('Paris', usage), { pricingModel }) }));
    expect(rec.costUsd).toBeCloseTo(want, 12);
  });

  it.each([['an unknown model', 'gpt-oss-20b'], ['no pricing model', undefined]])('is null for %s', async (_name, pricingModel) => {
    const rec = await executeItem(oneItem(), context({ provider: provider(async () => completion('Paris'), { pricingModel }) }));
    expect(rec.status).toBe('ok');
    expect(rec.costUsd).toBeNull();
  });

  it('the scorers see the cost (max-cost fails when it is exceeded)', async () => {
    const spec = evalSpec({ scorers: [scorerSpec('max-cost', { options: { usd: 0.0001 } })] });
    const p = provider(async () => completion('Paris', { inputTokens: 1_000, outputTokens: 200 }));
    const rec = await executeItem(oneItem(), context({ spec, provider: p }));
    expect(rec.pass).toBe(false);
  });
});

describe('executeItem: errors become records', () => {
  it.each(['auth', 'bad_request', 'invalid_output'] as const)('a non-retryable %s provider error: stage provider, pass absent', async (kind) => {
    let calls = 0;
    const p = provider(async () => { calls++; throw new ProviderError(kind, `bad ${kind}`); });
    const rec = await executeItem(oneItem(), context({ provider: p }));
    expect(calls).toBe(1);
    expect(rec).toMatchObject({
      status: 'error',
      output: '',
      scores: [],
      latencyMs: null,
      usage: null,
      costUsd: null,
      stopReason: null,
      attempts: 1,
      error: { kind, message: `bad ${kind}`, stage: 'provider' },
    });
    expect('pass' in rec).toBe(false);
    expect('score' in rec).toBe(false);
  });

  it('a provider that throws a plain Error is an unknown provider error', async () => {
    const rec = await executeItem(oneItem(), context({ provider: provider(async () => { throw new TypeError('undefined is not a function'); }) }));
    expect(rec.error).toEqual({ kind: 'unknown', message: 'undefined is not a function', stage: 'provider' });
  });

  it('retries transient errors through the fake clock, counting attempts and time', async () => {
    const failures = ['overloaded', 'rate_limit'] as const;
    let n = 0;
    const p = provider(async () => {
      const kind = failures[n++];
      if (kind !== undefined) throw new ProviderError(kind, kind);
      return completion('Paris');
    });
    const clock = fakeClock();
    const rec = await executeItem(oneItem(), context({ provider: p, clock }));
    expect(rec.status).toBe('ok');
    expect(rec.attempts).toBe(3);
    expect(rec.retries).toEqual([{ kind: 'overloaded', waitMs: 500 }, { kind: 'rate_limit', waitMs: 1_000 }]);
    expect(clock.sleeps).toEqual([500, 1_000]);
    expect(rec.durationMs).toBe(1_500);
    expect(rec.startedAt).toBe(new Date(T0).toISOString());
  });

  it('a retryable error past the attempt cap is an error record with every attempt counted', async () => {
    const spec = evalSpec({ run: { ...evalSpec().run, maxAttempts: 2 } });
    const rec = await executeItem(oneItem(), context({ spec, provider: provider(async () => { throw new ProviderError('server', 'HTTP 500'); }) }));
    expect(rec.status).toBe('error');
    expect(rec.attempts).toBe(2);
    expect(rec.error?.kind).toBe('server');
    expect(rec.error?.stage).toBe('provider');
  });

  it('a real scorer that throws becomes a scorer-stage error that keeps the output', async () => {
    // regex with a templated pattern: the sample supplies an invalid expression, so the scorer throws.
    const spec = evalSpec({ scorers: [scorerSpec('equals'), scorerSpec('regex', { options: { pattern: '{{pat}}' } })] });
    const item = oneItem({ question: 'q', pat: '(unclosed' });
    const rec = await executeItem(item, context({ spec, provider: provider(async () => completion('Paris')) }));
    expect(rec.status).toBe('error');
    expect(rec.error?.stage).toBe('scorer');
    expect(rec.error?.kind).toBe('scorer');
    expect(rec.error?.message).toMatch(/^scorer regex failed: /);
    expect(rec.output).toBe('Paris');
    expect(rec.costUsd).not.toBeNull();
    expect(rec.scores).toEqual([{ name: 'equals', value: 1, pass: true }]);
    expect('pass' in rec).toBe(false);
  });

  it('an async scorer that rejects is a scorer-stage error too', async () => {
    const bad: Scorer = { name: 'grader', weight: 1, score: async () => { throw new Error('grader down'); } };
    const rec = await executeItem(oneItem(), context({ provider: provider(async () => completion('Paris')), scorers: [bad] }));
    expect(rec.error).toEqual({ kind: 'scorer', message: 'scorer grader failed: grader down', stage: 'scorer' });
  });

  it('an item whose model has no provider is a harness bug, not a record', async () => {
    const item = planItems([sample('s1', { question: 'q' })], ['openai:missing'], 1)[0]!;
    await expect(executeItem(item, context({ provider: provider(async () => completion('x')) }))).rejects.toThrow(/no provider for openai:missing/);
  });
});
