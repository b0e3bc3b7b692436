import { describe, expect, it } from 'vitest';
import type { FailureKind, RunRecord } from '../../../src/types.js';
import { summarizeModel } from '../../../src/summary/model-summary.js';

const HAIKU = 'anthropic:claude-haiku-5-5';
const META = { id: HAIKU, label: 'Haiku 5.5', simulated: false };

/** A scored record; every field a test does not care about has a plain default. */
function scored(i: number, pass: boolean, over: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'r1', evalId: 'e1', sampleId: `s${i}`, model: HAIKU, simulated: false, epoch: 0,
    status: 'ok', output: pass ? 'yes' : 'no', pass, score: pass ? 1 : 0,
    scores: [{ name: 'label', value: pass ? 1 : 0, pass }],
    latencyMs: 100, usage: { inputTokens: 10, outputTokens: 5, thinkingTokens: 0 }, costUsd: 0.125,
    stopReason: 'end_turn', attempts: 1, retries: [], cached: false,
    startedAt: '2026-11-23T00:00:00.000Z', durationMs: 100, metadata: {},
    ...over,
  };
}

/** An error record as runner/execute writes it for a provider failure. */
function errored(i: number, kind: FailureKind, over: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'r1', evalId: 'e1', sampleId: `e${i}`, model: HAIKU, simulated: false, epoch: 0,
    status: 'error', output: '', scores: [], latencyMs: null, usage: null, costUsd: null, stopReason: null,
    error: { kind, message: kind, stage: 'provider' }, attempts: 4, retries: [], cached: false,
    startedAt: '2026-11-23T00:00:00.000Z', durationMs: 100, metadata: {},
    ...over,
  };
}

// The main fixture: 10 scored items (8 pass, 2 fail) and 3 errors (rate_limit ×2, timeout ×1).
// Scored item i (1..10): latency 100·i ms; usage 10 in / 5 out / 2 thinking; cost $0.125; the last one
// stopped at max_tokens; a second scorer 'fast' fails only item 10.
const mainRecords: RunRecord[] = [
  ...Array.from({ length: 10 }, (_, k) => {
    const i = k + 1;
    const pass = i <= 8;
    return scored(i, pass, {
      latencyMs: 100 * i,
      usage: { inputTokens: 10, outputTokens: 5, thinkingTokens: 2 },
      stopReason: i === 10 ? 'max_tokens' : 'end_turn',
      scores: [{ name: 'label', value: pass ? 1 : 0, pass }, { name: 'fast', value: i === 10 ? 0 : 1, pass: i !== 10 }],
    });
  }),
  errored(1, 'rate_limit'),
  errored(2, 'rate_limit'),
  errored(3, 'timeout'),
  // Another model's record: must be ignored.
  scored(99, false, { model: 'anthropic:claude-sonnet-5-5', costUsd: null }),
];

describe('summarizeModel: errors are apart from the pass rate', () => {
  const s = summarizeModel(META, mainRecords);

  it.each([
    ['model', s.model, HAIKU],
    ['label', s.label, 'Haiku 5.5'],
    ['simulated', s.simulated, false],
    ['n counts every record of the model, errors included', s.n, 13],
    ['passed', s.passed, 8],
    ['failed counts scored items only', s.failed, 2],
    ['errors', s.errors, 3],
    // 8/10, not 8/13: errors are neither passes nor failures.
    ['pass rate over scored items', s.passRate, 0.8],
    // Wilson for 8/10: (0.490162, 0.943318); the summary rounds to 6 dp.
    ['ci is Wilson 8/10', s.ci, [0.490162, 0.943318]],
    ['errorsByKind', s.errorsByKind, { rate_limit: 2, timeout: 1 }],
    // 10 scored calls × 1 attempt + 3 errors × 4 attempts = 22
    ['attempts include retries of failed items', s.attempts, 22],
    ['stop reasons of scored items', s.stopReasons, { end_turn: 9, max_tokens: 1 }],
    // 10 × 10 in, 10 × 5 out, 10 × 2 thinking; error records have no usage.
    ['tokens summed, thinking included', s.tokens, { input: 100, output: 50, thinking: 20 }],
    // 10 × $0.125 = $1.25 (binary-exact); errors' null cost does not make the total unknown.
    ['cost is the exact sum over scored items', s.costUsd, 1.25],
    // latencies 100..1000, type 7: p50 pos 4.5 → 500 + .5·100 = 550; p95 pos 8.55 → 900 + .55·100 = 955
    ['latency p50 / p95 over scored items', s.latencyMs, { p50: 550, p95: 955 }],
    // scores 1×8, 0×2: mean .8; var(ddof 1) = (8·.04 + 2·.64)/9 = 1.6/9; se = sqrt(1.6/90) = 0.4/3 = 0.133333
    ['mean score', s.meanScore, 0.8],
    ['mean score SE (ddof 1), 6 dp', s.meanScoreSe, 0.133333],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('per-scorer pass rates', () => {
    expect(s.scorers).toEqual([
      { name: 'label', n: 10, passed: 8, passRate: 0.8, meanValue: 0.8, epochs: null },
      { name: 'fast', n: 10, passed: 9, passRate: 0.9, meanValue: 0.9, epochs: null },
    ]);
  });
});

describe('summarizeModel: edge cases', () => {
  it('every item errored → passRate, ci, mean score and latency are null, and nothing failed', () => {
    const s = summarizeModel(META, [errored(1, 'overloaded'), errored(2, 'auth'), errored(3, 'overloaded')]);
    expect(s).toMatchObject({
      n: 3, passed: 0, failed: 0, errors: 3, passRate: null, ci: null, meanScore: null, meanScoreSe: null,
      latencyMs: { p50: null, p95: null }, errorsByKind: { overloaded: 2, auth: 1 }, scorers: [], stopReasons: {},
    });
  });

  it('no records for the model → n 0 and null rates', () => {
    const s = summarizeModel(META, [scored(1, true, { model: 'sim:perfect' })]);
    expect(s).toMatchObject({ n: 0, passed: 0, failed: 0, errors: 0, passRate: null, ci: null });
  });

  it.each([
    ['one scored record with unknown price → unknown total (never a partial sum)', [scored(1, true), scored(2, true, { costUsd: null })], null],
    ['every scored record unpriced → unknown, not $0', [scored(1, true, { costUsd: null }), scored(2, false, { costUsd: null })], null],
    ['a failed (not errored) item with unknown price still makes the total unknown', [scored(1, true), scored(2, false, { costUsd: null })], null],
    ['error records (cost null) do not make a known total unknown', [scored(1, true, { costUsd: 0.5 }), errored(1, 'server')], 0.5],
    ['a real $0 is kept as 0', [scored(1, true, { costUsd: 0 }), scored(2, true, { costUsd: 0 })], 0],
  ])('cost: %s', (_name, records, expected) => {
    expect(summarizeModel(META, records).costUsd).toBe(expected);
  });

  it('cost sums decimal prices without float noise: 0.1 + 0.2 → 0.3', () => {
    const s = summarizeModel(META, [scored(1, true, { costUsd: 0.1 }), scored(2, true, { costUsd: 0.2 })]);
    expect(s.costUsd).toBeCloseTo(0.3, 12);
  });

  it('stop reasons: null is counted as "none", errors are not counted', () => {
    const s = summarizeModel(META, [
      scored(1, true, { stopReason: 'end_turn' }),
      scored(2, true, { stopReason: null }),
      scored(3, false, { stopReason: 'refusal' }),
      scored(4, false, { stopReason: 'max_tokens' }),
      scored(5, false, { stopReason: 'max_tokens' }),
      errored(1, 'timeout'),
    ]);
    expect(s.stopReasons).toEqual({ end_turn: 1, none: 1, refusal: 1, max_tokens: 2 });
  });

  it('a scorer-stage error (record with usage) counts as an error, not a failure', () => {
    const scorerError = errored(1, 'unknown', {
      usage: { inputTokens: 7, outputTokens: 3, thinkingTokens: 1 }, costUsd: 0.25, stopReason: 'end_turn',
      error: { kind: 'unknown', message: 'scorer x failed', stage: 'scorer' },
    });
    const s = summarizeModel(META, [scored(1, true), scorerError]);
    expect(s).toMatchObject({ n: 2, passed: 1, failed: 0, errors: 1, passRate: 1, errorsByKind: { unknown: 1 } });
  });

  it('a single scored item: SE 0 and p50 = p95 = its latency', () => {
    const s = summarizeModel(META, [scored(1, true, { latencyMs: 640 })]);
    expect(s).toMatchObject({ meanScore: 1, meanScoreSe: 0, latencyMs: { p50: 640, p95: 640 }, passRate: 1 });
    // Wilson 1/1 = [1/(1+z²), 1] with z² = 3.841458820694124 → 0.206546
    expect(s.ci?.[0]).toBeCloseTo(1 / (1 + 1.959963984540054 ** 2), 6);
    expect(s.ci?.[1]).toBe(1);
  });
});

describe('summarizeModel with epochs: intervals over samples, not items', () => {
  // 4 samples × 4 epochs passing 4, 3, 2 and 3 times: per-sample shares 1, 0.75, 0.5, 0.75.
  // mean 0.75; sd (ddof 1) = sqrt((0.0625 + 0 + 0.0625 + 0) / 3) = 0.204124; SE = sd / 2 = 0.102062;
  // half-width 1.959964 × 0.102062 = 0.200037 → (0.549963, 0.950037). Treating the 16 items as
  // independent (Wilson 12/16) would give (0.505, 0.898): a different, unjustified interval.
  const passes = [4, 3, 2, 3];
  const records = passes.flatMap((p, s) => Array.from({ length: 4 }, (_, e) => scored(s * 4 + e, e < p, { sampleId: `s${s}`, epoch: e + 1, score: e < p ? 1 : 0 })));
  const m = summarizeModel(META, records, { epochs: 4 });

  it('reports the pooled pass rate over items', () => {
    expect(m.passRate).toBe(0.75);
    expect(m.passed).toBe(12);
    expect(m.samples).toBe(4);
  });

  it('computes the CLT interval over per-sample shares', () => {
    expect(m.ciMethod).toBe('clt-over-samples');
    expect(m.ci?.[0]).toBeCloseTo(0.549963, 5);
    expect(m.ci?.[1]).toBeCloseTo(0.950037, 5);
  });

  it('computes the mean score SE over per-sample means too', () => {
    expect(m.meanScore).toBeCloseTo(0.75, 9);
    expect(m.meanScoreSe).toBeCloseTo(0.102062, 5);
  });

  it('keeps Wilson with one item per sample', () => {
    const single = summarizeModel(META, passes.map((p, s) => scored(s, p >= 3, { sampleId: `s${s}` })));
    expect(single.ciMethod).toBe('wilson');
    expect(single.samples).toBe(4);
  });
});
