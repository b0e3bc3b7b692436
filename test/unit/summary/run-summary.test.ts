import { describe, expect, it } from 'vitest';
import type { FailureKind, RunRecord } from '../../../src/types.js';
import type { EvalSpec, Gate, ModelSpec } from '../../../src/spec/types.js';
import { exitCodeOf, summarizeRun, type SummaryInput } from '../../../src/summary/run-summary.js';
import { PRICE_TABLE_VERSION } from '../../../src/pricing/table.js';

const HAIKU = 'anthropic:claude-haiku-5-5';
const SONNET = 'anthropic:claude-sonnet-5-5';
const SIM_HAIKU = 'sim:claude-haiku-5-5';

function model(id: string, label = id): ModelSpec {
  const colon = id.indexOf(':');
  const provider = id.slice(0, colon) as ModelSpec['provider'];
  return { id, provider, model: id.slice(colon + 1), label, maxTokens: 100, stream: false, apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 4 };
}

function spec(models: readonly ModelSpec[], gates: readonly Gate[], over: Partial<EvalSpec> = {}, maxErrorRate = 0.25): EvalSpec {
  return {
    id: 'support-routing',
    description: 'Route tickets',
    file: '/evals/support.yaml',
    dataset: { path: '/datasets/t.jsonl', format: 'jsonl', fields: { metadata: [] }, shuffle: false, seed: 0 },
    prompt: { messages: [{ role: 'user', content: '{{q}}' }], shorthand: false },
    models,
    judges: [],
    scorers: [],
    pass: { mode: 'all' },
    gates,
    regression: null,
    run: { epochs: 1, concurrency: 4, seed: 7, timeoutMs: 60_000, maxAttempts: 4, maxRetryWaitMs: 60_000, maxErrorRate, confidence: 0.95, retryBudgets: { rate_limit: 8, overloaded: 5, server: 3 } },
    ...over,
  };
}

function input(s: EvalSpec, over: Partial<SummaryInput> = {}): SummaryInput {
  return {
    spec: s, specPath: 'evals/support.yaml', datasetPath: 'datasets/t.jsonl',
    dataset: { sha256: 'abc', total: 10, samples: 10 },
    runId: 'run-1', version: '0.1.0', status: 'completed',
    startedAt: '2026-11-23T00:00:00.000Z', endedAt: '2026-11-23T00:01:00.000Z',
    planned: 10, simulated: new Set(), ...over,
  };
}

function scored(m: string, i: number, pass: boolean): RunRecord {
  return {
    runId: 'run-1', evalId: 'support-routing', sampleId: `s${i}`, model: m, simulated: m.startsWith('sim:'), epoch: 0,
    status: 'ok', output: '', pass, score: pass ? 1 : 0, scores: [{ name: 'label', value: pass ? 1 : 0, pass }],
    latencyMs: 100, usage: { inputTokens: 10, outputTokens: 5, thinkingTokens: 0 }, costUsd: 0.001,
    stopReason: 'end_turn', attempts: 1, retries: [], cached: false, startedAt: '2026-11-23T00:00:00.000Z',
    durationMs: 100, metadata: {},
  };
}

function errored(m: string, i: number, kind: FailureKind = 'server'): RunRecord {
  return {
    runId: 'run-1', evalId: 'support-routing', sampleId: `s${i}`, model: m, simulated: false, epoch: 0,
    status: 'error', output: '', scores: [], latencyMs: null, usage: null, costUsd: null, stopReason: null,
    error: { kind, message: kind, stage: 'provider' }, attempts: 4, retries: [], cached: false,
    startedAt: '2026-11-23T00:00:00.000Z', durationMs: 100, metadata: {},
  };
}

/** `passes` of `total` scored items for model m, then `errors` error records. */
function results(m: string, passes: number, total: number, errors = 0): RunRecord[] {
  return [
    ...Array.from({ length: total }, (_, i) => scored(m, i, i < passes)),
    ...Array.from({ length: errors }, (_, i) => errored(m, total + i)),
  ];
}

describe('summarizeRun: gates', () => {
  // Haiku: 8/10 = 80%; Sonnet: every item errored.
  const records = [...results(HAIKU, 8, 10), ...results(SONNET, 0, 0, 2)];
  const models = [model(HAIKU, 'Haiku'), model(SONNET)];

  it.each([
    ['pass rate above the minimum', { model: HAIKU, minPassRate: 0.75 }, { model: HAIKU, passRate: 0.8, pass: true, skipped: false, reason: 'pass rate 80.0% >= 75.0%' }],
    ['pass rate exactly at the minimum passes', { model: HAIKU, minPassRate: 0.8 }, { model: HAIKU, passRate: 0.8, pass: true, skipped: false, reason: 'pass rate 80.0% >= 80.0%' }],
    ['pass rate below the minimum', { model: HAIKU, minPassRate: 0.85 }, { model: HAIKU, passRate: 0.8, pass: false, skipped: false, reason: 'pass rate 80.0% < 85.0%' }],
    ['gate by label', { model: 'Haiku', minPassRate: 0.5 }, { model: HAIKU, passRate: 0.8, pass: true, skipped: false, reason: 'pass rate 80.0% >= 50.0%' }],
    ['model not in this run (--model replaced the spec\'s models) is skipped, not failed', { model: 'anthropic:claude-opus-5-5', minPassRate: 0.5 }, { model: 'anthropic:claude-opus-5-5', passRate: null, pass: true, skipped: true, reason: 'model not in this run; gate not applied' }],
    ['no scored items fails (errors are not a pass rate of 0 or 1)', { model: SONNET, minPassRate: 0 }, { model: SONNET, passRate: null, pass: false, skipped: false, reason: 'no scored items' }],
  ])('%s', (_name, gate, expected) => {
    const s = summarizeRun(input(spec(models, [gate], {}, 0.5)), records);
    expect(s.gates).toEqual([{ minPassRate: gate.minPassRate, ...expected }]);
  });

  it('a gate on a model whose answers no scorer applies to fails, and says why', () => {
    const unscored = results(SONNET, 0, 3).map(({ pass: _p, score: _s, ...r }) => ({ ...r, scores: [] }));
    const s = summarizeRun(input(spec(models, [{ model: SONNET, minPassRate: 0.5 }], {}, 0.5)), [...results(HAIKU, 8, 10), ...unscored]);
    expect(s.gates[0]).toMatchObject({ pass: false, reason: 'no scored items: no scorer applies to this model\'s answers (the reference of a pairwise scorer)' });
    expect(s.models.find((m) => m.model === SONNET)).toMatchObject({ n: 3, passed: 0, failed: 0, errors: 0, unscored: 3, passRate: null });
  });

  it('a gate on anthropic:X applies to its --simulate stand-in sim:X (label "… (simulated)")', () => {
    const standIn = model(SIM_HAIKU, `${HAIKU} (simulated)`);
    expect(standIn.label).toContain('(simulated)');
    const s = summarizeRun(input(spec([standIn], [{ model: HAIKU, minPassRate: 0.7 }]), { simulated: new Set([SIM_HAIKU]) }), results(SIM_HAIKU, 8, 10));
    expect(s.gates).toEqual([{ model: SIM_HAIKU, minPassRate: 0.7, passRate: 0.8, pass: true, skipped: false, reason: 'pass rate 80.0% >= 70.0%' }]);
    expect(s.verdict).toBe('pass');
    expect(s.simulated).toBe(true);
    expect(s.models[0]?.simulated).toBe(true);
  });

  it('the exact id wins over a stand-in with the same bare name', () => {
    const models2 = [model(SIM_HAIKU, `${HAIKU} (simulated)`), model(HAIKU)];
    const recs = [...results(SIM_HAIKU, 10, 10), ...results(HAIKU, 5, 10)];
    const s = summarizeRun(input(spec(models2, [{ model: HAIKU, minPassRate: 0.9 }])), recs);
    expect(s.gates[0]).toMatchObject({ model: HAIKU, passRate: 0.5, pass: false });
  });
});

describe('summarizeRun: verdict and exit code (0 pass, 1 gate failed, 3 incomplete)', () => {
  const models = [model(HAIKU)];
  const gate = (min: number): Gate[] => [{ model: HAIKU, minPassRate: min }];

  it.each([
    ['all gates pass', gate(0.5), {}, 0.25, results(HAIKU, 8, 10), 'pass', 0],
    ['no gates declared', [], {}, 0.25, results(HAIKU, 1, 10), 'pass', 0],
    ['a gate fails', gate(0.9), {}, 0.25, results(HAIKU, 8, 10), 'gate_failed', 1],
    ['aborted, even though the gate passes', gate(0.5), { status: 'aborted' as const }, 0.25, results(HAIKU, 8, 10), 'incomplete', 3],
    ['aborted beats a failed gate', gate(0.9), { status: 'aborted' as const }, 0.25, results(HAIKU, 8, 10), 'incomplete', 3],
    // 3 errors of 13 records = 23.1% > 20%
    ['error share above maxErrorRate', gate(0.5), {}, 0.2, results(HAIKU, 8, 10, 3), 'incomplete', 3],
    // 3 of 13 = 23.1% ≤ 25%: the run is complete and its gate judged on 8/10
    ['error share below maxErrorRate', gate(0.5), {}, 0.25, results(HAIKU, 8, 10, 3), 'pass', 0],
    // 1 of 4 = 25%: "exceeds" is strict
    ['error share exactly at maxErrorRate', gate(0.5), {}, 0.25, results(HAIKU, 3, 3, 1), 'pass', 0],
    ['maxErrorRate 0 and one error', gate(0.5), {}, 0, results(HAIKU, 8, 10, 1), 'incomplete', 3],
    ['no records at all', [], {}, 0.25, [], 'incomplete', 3],
    ['every item errored, error share 100%', [], {}, 0.25, results(HAIKU, 0, 0, 4), 'incomplete', 3],
  ])('%s', (_name, gates, over, maxErrorRate, records, verdict, code) => {
    const s = summarizeRun(input(spec(models, gates, {}, maxErrorRate), over), records);
    expect(s.verdict).toBe(verdict);
    expect(exitCodeOf(s)).toBe(code);
  });

  it('applies maxErrorRate per model: one model\'s errors do not hide behind the others\' clean runs', () => {
    // Sonnet: 1 error of 3 items (33% > 25%); over both models only 1 of 13 (8%).
    const both = [model(HAIKU), model(SONNET)];
    const s = summarizeRun(input(spec(both, gate(0.5), {}, 0.25)), [...results(HAIKU, 8, 10), ...results(SONNET, 2, 2, 1)]);
    expect(s.verdict).toBe('incomplete');
    expect(exitCodeOf(s)).toBe(3);
  });
});

describe('summarizeRun: identity, options and counts', () => {
  const s = summarizeRun(
    input(spec([model(HAIKU), model(SIM_HAIKU)], [], { pass: { mode: 'weighted', threshold: 0.7 }, description: undefined }), { planned: 20, simulated: new Set([SIM_HAIKU]) }),
    [...results(HAIKU, 2, 3, 1), ...results(SIM_HAIKU, 1, 2)],
  );

  it.each([
    ['schemaVersion', s.schemaVersion, 1],
    ['harness', s.harness, { name: 'haikubench', version: '0.1.0' }],
    ['runId', s.runId, 'run-1'],
    ['status', s.status, 'completed'],
    ['eval (missing description → null)', s.eval, { id: 'support-routing', description: null, file: 'evals/support.yaml' }],
    ['dataset', s.dataset, { path: 'datasets/t.jsonl', sha256: 'abc', records: 10, samples: 10 }],
    ['items: planned, finished (records), errors', s.items, { planned: 20, finished: 6, errors: 1 }],
    ['simulated when any model is', s.simulated, true],
    ['models in spec order', s.models.map((m) => [m.model, m.simulated, m.passRate]), [[HAIKU, false, 0.666667], [SIM_HAIKU, true, 0.5]]],
    ['weighted pass rule text', s.options.passRule, 'weighted>=0.7'],
    ['price table version recorded', s.options.priceTable, PRICE_TABLE_VERSION],
    ['run options copied', [s.options.epochs, s.options.seed, s.options.maxAttempts, s.options.maxErrorRate], [1, 7, 4, 0.25]],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    [{ mode: 'all' } as const, 'all'],
    [{ mode: 'any' } as const, 'any'],
  ])('pass rule %o → %s', (pass, text) => {
    expect(summarizeRun(input(spec([model(HAIKU)], [], { pass })), []).options.passRule).toBe(text);
  });
});
