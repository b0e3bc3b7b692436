import { describe, expect, it } from 'vitest';
import { forecast } from '../../../src/eval/forecast.js';
import type { PreparedEval } from '../../../src/eval/prepare.js';
import { renderForecast } from '../../../src/eval/forecast-text.js';
import { planItems } from '../../../src/runner/plan.js';
import { evalSpec, modelSpec, sample } from '../runner/fakes.js';

// Two samples whose rendered prompts are 8 and 12 characters → 2 + 3 = 5 input tokens per epoch.
const spec = evalSpec({
  models: [
    modelSpec('anthropic:claude-haiku-5-5', { maxTokens: 100 }),
    modelSpec('openai:local', { maxTokens: 10, concurrency: 1 }),
    modelSpec('sim:claude-sonnet-5-5', { maxTokens: 50, concurrency: 2 }),
  ],
  prompt: { messages: [{ role: 'user', content: '{{q}}' }], shorthand: false },
  run: { epochs: 2, concurrency: 8, seed: 0, timeoutMs: 1000, maxAttempts: 1, maxRetryWaitMs: 0, maxErrorRate: 0.1, confidence: 0.95, retryBudgets: { rate_limit: 8, overloaded: 5, server: 3 } },
});
const prepared = {
  spec, samples: [sample('a', { q: '12345678' }, 'x'), sample('b', { q: '123456789012' }, 'y')],
} as unknown as PreparedEval;

describe('forecast (--dry-run)', () => {
  const plan = planItems(prepared.samples, spec.models.map((m) => m.id), 2);
  const f = forecast(prepared, plan);

  it('forecasts only the items given (what a resume has left)', () => {
    const left = forecast(prepared, plan.slice(0, 5));
    expect(left.items).toBe(5);
    expect(renderForecast(left)).toContain('= 12 calls (5 left to run)');
  });

  it('counts calls and items: 2 samples × 2 epochs per model, 3 models', () => {
    expect(f.items).toBe(12);
    expect(f.models.map((m) => m.calls)).toEqual([4, 4, 4]);
  });

  it('estimates input tokens at ~4 characters a token, per epoch', () => {
    expect(f.models.map((m) => m.inputTokens)).toEqual([10, 10, 10]);
    expect(f.models.map((m) => m.maxOutputTokens)).toEqual([400, 40, 200]);
  });

  it('prices the range from input only to every max_tokens token; unknown price stays unknown', () => {
    // Haiku 5.5: 10 × $0.10/M = $0.000001; + 400 × $0.50/M = $0.0002 → $0.000201
    expect(f.models[0]?.costUsd?.[0]).toBeCloseTo(0.000001, 12);
    expect(f.models[0]?.costUsd?.[1]).toBeCloseTo(0.000201, 12);
    expect(f.models[1]?.costUsd).toBeNull();
    // sim:claude-sonnet-5-5 is priced as Sonnet 5.5: 10 × $2/M + 200 × $10/M = $0.00202
    expect(f.models[2]?.costUsd?.[1]).toBeCloseTo(0.00202, 12);
  });

  it('knows the latency only of simulated models, and only waits it with realtime', () => {
    expect(f.models.map((m) => m.latencyMs)).toEqual([null, null, 0]);
    const realtime = forecast({ ...prepared, spec: { ...spec, models: spec.models.map((m) => (m.provider === 'sim' ? { ...m, sim: { realtime: true } } : m)) } } as PreparedEval, plan);
    expect(realtime.models[2]?.latencyMs).toBe(1600);
    expect(renderForecast(f)).toContain('instant (simulated, latency not waited)');
    const text = renderForecast(realtime);
    expect(text).toContain('dry run, nothing called');
    expect(text).toContain('4 rounds of 1 × the model\'s latency');
    expect(text).toContain('≈ 3.2 s (1600 ms/call, simulated)'); // 2 rounds of 2 × 1.6 s
    expect(text).toContain('unknown (no price)');
  });
});

describe('forecast text: simulated cost', () => {
  const f = forecast(prepared, planItems(prepared.samples, spec.models.map((m) => m.id), 2));
  const rowOf = (name: string) => renderForecast(f).split('\n').find((l) => l.includes(name)) ?? '';
  it.each([
    ['a simulated model\'s cost says it is simulated and not paid', 'claude-sonnet-5-5 [SIMULATED]', true],
    ['a real model\'s cost does not', 'claude-haiku-5-5', false],
  ])('%s', (_what, name, simulated) => {
    expect(rowOf(name).includes('(simulated, not paid)')).toBe(simulated);
  });
});
