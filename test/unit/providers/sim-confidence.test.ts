import { describe, expect, it } from 'vitest';
import { confidenceLine, separationFor, statedConfidence } from '../../../src/providers/sim-confidence.js';
import { auroc } from '../../../src/route/analysis/signal.js';
import { simProvider } from '../../../src/providers/sim.js';
import type { ModelSpec } from '../../../src/spec/types.js';
import type { SimInput } from '../../../src/spec/input.js';

// The simulator's stated confidence: binormal with the separation that gives the configured AUROC,
// stated as a two-decimal probability within 0.01..0.99, keyed by the call.

describe('separationFor', () => {
  it.each([
    [0.5, 0],
    [0.76025, 1],
    [0.92135, 2],
  ])('AUROC %f ↔ separation %f (Φ(δ/√2) = AUROC)', (a, delta) => {
    expect(separationFor(a)).toBeCloseTo(delta, 3);
  });
});

describe('statedConfidence', () => {
  const draws = (auroc: number, bias: number, correct: boolean, n = 4000) =>
    Array.from({ length: n }, (_, i) => statedConfidence({ auroc, bias }, correct, 'test', i));

  it('is a two-decimal probability within 0.01..0.99, the same for the same key', () => {
    for (const c of [...draws(0.95, 3, true, 500), ...draws(0.95, -3, false, 500)]) {
      expect(c).toBeGreaterThanOrEqual(0.01);
      expect(c).toBeLessThanOrEqual(0.99);
      expect(Math.round(c * 100) / 100).toBe(c);
    }
    expect(statedConfidence({ auroc: 0.8, bias: 1 }, true, 'k', 7)).toBe(statedConfidence({ auroc: 0.8, bias: 1 }, true, 'k', 7));
  });

  it.each([[0.6], [0.8], [0.9]])('separates right from wrong answers with AUROC ≈ %f', (a) => {
    const right = draws(a, 0, true);
    const wrong = draws(a, 0, false);
    const got = auroc([...right, ...wrong], [...right.map(() => true), ...wrong.map(() => false)]) ?? 0;
    // Two-decimal rounding ties a few pairs (ties count ½), so the stated figure separates slightly less.
    expect(got).toBeGreaterThan(a - 0.03);
    expect(got).toBeLessThan(a + 0.02);
  });

  it('states high confidence with the default bias of 1: well above 50% on average even on wrong answers', () => {
    const wrong = draws(0.8, 1, false);
    expect(wrong.reduce((s, c) => s + c, 0) / wrong.length).toBeGreaterThan(0.6);
  });

  it('writes the line a model asked for its confidence would', () => {
    expect(confidenceLine(0.8)).toBe('Confidence: 0.80');
  });
});

describe('simProvider with stated_confidence', () => {
  const model = (sim: SimInput): ModelSpec => ({ id: 'sim:claude-haiku-5-5', provider: 'sim', model: 'claude-haiku-5-5', label: 'x', maxTokens: 100, stream: false, apiKeyEnv: 'K', concurrency: 1, sim });
  const signal = new AbortController().signal;
  const req = { model: 'x', messages: [{ role: 'user' as const, content: 'q' }], maxTokens: 100, timeoutMs: 1000 };

  it('appends the confidence line to the same answer, higher on right answers', async () => {
    const plain = simProvider(model({}), 5);
    const stated = simProvider(model({ stated_confidence: { auroc: 0.9 } }), 5);
    const conf: { right: number[]; wrong: number[] } = { right: [], wrong: [] };
    for (let i = 0; i < 300; i++) {
      const item = { sample: { id: `s${i}`, vars: {}, metadata: {}, source: 't', target: 'billing' }, epoch: 1, targetPool: ['billing', 'shipping'] };
      const a = (await plain.complete(req, signal, item)).text;
      const [first, second, ...rest] = (await stated.complete(req, signal, item)).text.split('\n');
      expect([first, rest]).toEqual([a, []]);
      expect(second).toMatch(/^Confidence: [01]\.\d\d$/);
      (a.includes('billing') ? conf.right : conf.wrong).push(Number(second?.slice('Confidence: '.length)));
    }
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(conf.wrong.length).toBeGreaterThan(10);
    expect(mean(conf.right)).toBeGreaterThan(mean(conf.wrong) + 0.1);
  });
});
