import { describe, expect, it } from 'vitest';
import { workLeft } from '../../../src/eval/run-eval.js';
import type { PreparedEval } from '../../../src/eval/prepare.js';
import type { SummaryRecord } from '../../../src/summary/model-summary.js';
import { PAGE } from '../../../src/summary/record-table.js';
import { evalSpec, modelSpec, sample } from '../runner/fakes.js';

// --epochs 1000000 on 20 samples plans 20M items. Nothing may be reserved per planned item: the
// record columns and the resume's selection grow with the records, not with the plan.

const EPOCHS = 1_000_000;
const spec = evalSpec({ models: [modelSpec('sim:claude-haiku-5-5')] });
const prepared = {
  spec: { ...spec, run: { ...spec.run, epochs: EPOCHS } },
  samples: Array.from({ length: 20 }, (_, i) => sample(`s${i}`, { question: `q${i}` }, `a${i}`)),
  pairwiseReference: undefined,
} as unknown as PreparedEval;

const rec = (sampleId: string, epoch: number, status: 'ok' | 'error' = 'ok'): SummaryRecord => ({
  sampleId, model: 'sim:claude-haiku-5-5', epoch, status, pass: status === 'ok' ? true : undefined, score: undefined,
  latencyMs: 1, usage: null, costUsd: null, stopReason: null, attempts: 1, cached: false, scores: [],
  error: status === 'ok' ? undefined : { kind: 'server', message: '500', stage: 'provider' },
});

const resume = (previous: SummaryRecord[], retryErrors = false) => ({ previous, retryErrors, startedAt: '', repair: () => {} });

describe('workLeft on a plan of millions of items', () => {
  it('a fresh run holds no record column and selects every item', () => {
    const { plan, done, items } = workLeft(prepared);
    expect([plan.length, items.length, done.capacity]).toEqual([20 * EPOCHS, 20 * EPOCHS, 20 * EPOCHS]);
    expect(done.allocated()).toBe(0);
    const first = items[Symbol.iterator]().next().value;
    expect([first?.index, first?.sample.id, first?.epoch]).toEqual([0, 's0', 1]);
  });

  it('a resume holds the pages of the records it read, skips them, and reruns errors only when asked', () => {
    // Epoch 1 of s0; epochs 1, 2 and the last of s19 (the end of the plan), that one an error: three pages.
    const previous = [rec('s0', 1), rec('s19', 1), rec('s19', 2), rec('s19', EPOCHS, 'error')];
    const { done, items } = workLeft(prepared, resume(previous));
    expect(done.count()).toBe(4);
    expect(done.allocated()).toBe(3 * PAGE);
    expect(items.length).toBe(20 * EPOCHS - 4);
    expect([items.has(0), items.has(1), items.has(19 * EPOCHS), items.has(20 * EPOCHS - 1)]).toEqual([false, true, false, false]);
    const again = workLeft(prepared, resume(previous, true)).items;
    expect([again.length, again.has(20 * EPOCHS - 1)]).toEqual([20 * EPOCHS - 3, true]);
  });
});
