import { describe, expect, it } from 'vitest';
import { costBudget } from '../../../src/runner/budget.js';
import type { RunRecord } from '../../../src/types.js';
import type { WorkItem } from '../../../src/runner/plan.js';
import { sample } from './fakes.js';

// --max-cost bookkeeping, driven by hand: which calls may start, given what earlier calls cost.

const item = (i: number, modelId = 'm1'): WorkItem => ({ index: i, sample: sample(`s${i}`, {}, 'x'), modelId, epoch: 1 });
const record = (i: number, costUsd: number | null, model = 'm1'): RunRecord => ({
  runId: 'r', evalId: 'e', sampleId: `s${i}`, model, simulated: false, epoch: 1, status: costUsd === null ? 'error' : 'ok',
  output: '', scores: [], latencyMs: 1, usage: null, costUsd, stopReason: null, attempts: 1, retries: [], cached: false,
  startedAt: '2026-11-24T00:00:00.000Z', durationMs: 1, metadata: {},
});

describe('costBudget', () => {
  it('lets the first call through, makes the others wait for its cost, then admits calls while they fit', async () => {
    const b = costBudget(0.1);
    expect(await b.mayStart(item(0))).toBe(true); // first call: learns the cost
    let second: boolean | undefined;
    const waiting = b.mayStart(item(1)).then((ok) => { second = ok; });
    await Promise.resolve();
    expect(second).toBeUndefined(); // waits for the first result
    b.onRecord(record(0, 0.03));
    await waiting;
    expect(second).toBe(true); // 0.03 spent + 0.03 reserved <= 0.1
    expect(await b.mayStart(item(2))).toBe(true); // 0.03 + 0.06 reserved = 0.09 <= 0.1
    expect(await b.mayStart(item(3))).toBe(false); // 0.03 + 0.09 > 0.1
    b.onRecord(record(1, 0.03));
    b.onRecord(record(2, 0.03));
    expect(b.spent()).toBeCloseTo(0.09, 12);
    expect(await b.mayStart(item(4))).toBe(false);
  });

  it('estimates with the dearest call so far, not the average', async () => {
    const b = costBudget(0.1);
    expect(await b.mayStart(item(0))).toBe(true);
    b.onRecord(record(0, 0.01));
    expect(await b.mayStart(item(1))).toBe(true);
    b.onRecord(record(1, 0.05)); // spent 0.06, dearest 0.05
    expect(await b.mayStart(item(2))).toBe(false); // 0.06 + 0.05 > 0.1 (the average, 0.03, would have fit)
  });

  it('counts what a resumed run had spent already', async () => {
    const b = costBudget(0.1, 0.1);
    expect(await b.mayStart(item(0))).toBe(false);
  });

  it('a failed first call (no cost) hands the first-call role to the next one', async () => {
    const b = costBudget(1);
    expect(await b.mayStart(item(0))).toBe(true);
    const next = b.mayStart(item(1));
    b.onRecord(record(0, null));
    expect(await next).toBe(true);
  });

  it('keeps models apart: each has its own first call and its own price', async () => {
    const b = costBudget(1);
    expect(await b.mayStart(item(0, 'm1'))).toBe(true);
    expect(await b.mayStart(item(1, 'm2'))).toBe(true);
  });
});
