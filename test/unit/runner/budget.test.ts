import { describe, expect, it } from 'vitest';
import { costBudget, spendOf } from '../../../src/runner/budget.js';
import type { WorkItem } from '../../../src/runner/plan.js';
import { sample } from './fakes.js';

// --max-cost bookkeeping, driven by hand: which calls may start, given what earlier calls cost.

/** A call of this cost, made this run. */
const paid = (usd: number) => ({ spent: usd, learn: usd });
const item = (i: number, modelId = 'm1'): WorkItem => ({ index: i, sampleIndex: i, sample: sample(`s${i}`, {}, 'x'), modelId, epoch: 1 });

describe('costBudget', () => {
  it('lets the first call through, makes the others wait for its cost, then admits calls while they fit', async () => {
    const b = costBudget(0.1);
    const [i0, i1, i2, i3, i4] = [item(0), item(1), item(2), item(3), item(4)];
    expect(await b.mayStart(i0)).toBe(true); // first call: learns the cost
    let second: boolean | undefined;
    const waiting = b.mayStart(i1).then((ok) => { second = ok; });
    await Promise.resolve();
    expect(second).toBeUndefined(); // waits for the first result
    b.settle(i0, paid(0.03));
    await waiting;
    expect(second).toBe(true); // 0.03 spent + 0.03 reserved <= 0.1
    expect(await b.mayStart(i2)).toBe(true); // 0.03 + 0.06 reserved = 0.09 <= 0.1
    expect(await b.mayStart(i3)).toBe(false); // 0.03 + 0.09 > 0.1
    b.settle(i1, paid(0.03));
    b.settle(i2, paid(0.03));
    expect(b.spent()).toBeCloseTo(0.09, 12);
    expect(await b.mayStart(i4)).toBe(false);
  });

  it('estimates with the dearest call so far, not the average', async () => {
    const b = costBudget(0.1);
    const [i0, i1, i2] = [item(0), item(1), item(2)];
    expect(await b.mayStart(i0)).toBe(true);
    b.settle(i0, paid(0.01));
    expect(await b.mayStart(i1)).toBe(true);
    b.settle(i1, paid(0.05)); // spent 0.06, dearest 0.05
    expect(await b.mayStart(i2)).toBe(false); // 0.06 + 0.05 > 0.1 (the average, 0.03, would have fit)
  });

  it('counts what a resumed run had spent already', async () => {
    expect(await costBudget(0.1, 0.1).mayStart(item(0))).toBe(false);
  });

  it('a first call that ends without a cost (an error, or a stop) hands the first-call role on', async () => {
    const b = costBudget(1);
    const [i0, i1] = [item(0), item(1)];
    expect(await b.mayStart(i0)).toBe(true);
    const next = b.mayStart(i1);
    b.settle(i0, null);
    expect(await next).toBe(true);
  });

  it('close() refuses every waiting call and every later one (a stop, a crash or a halt)', async () => {
    const b = costBudget(1);
    expect(await b.mayStart(item(0))).toBe(true);
    const waiting = [b.mayStart(item(1)), b.mayStart(item(2))];
    b.close();
    expect(await Promise.all(waiting)).toEqual([false, false]);
    expect(await b.mayStart(item(3, 'm2'))).toBe(false);
  });

  it('settling twice, or an item never admitted, changes nothing', async () => {
    const b = costBudget(1);
    const i0 = item(0);
    expect(await b.mayStart(i0)).toBe(true);
    b.settle(i0, paid(0.2));
    b.settle(i0, paid(0.2));
    b.settle(item(9), paid(0.5));
    expect(b.spent()).toBeCloseTo(0.2, 12);
  });

  it('keeps models apart: each has its own first call and its own price', async () => {
    const b = costBudget(1);
    expect(await b.mayStart(item(0, 'm1'))).toBe(true);
    expect(await b.mayStart(item(1, 'm2'))).toBe(true);
  });
});

describe('spendOf: what an item spent this run, judges included', () => {
  const judge = (attempts: number, costUsd: number | null, spentUsd?: number | null) => ({ attempts, costUsd, ...(spentUsd !== undefined && { spentUsd }) });
  it.each([
    ['the model call alone', { costUsd: 0.01 }, { spent: 0.01, learn: 0.01 }],
    ['with the judge spend of this run', { costUsd: 0.01, judge: judge(2, 0.004, 0.004) }, { spent: 0.014, learn: 0.014 }],
    ['judge answers from the cache spend nothing (their cost is still reported apart)', { costUsd: 0.01, judge: judge(0, 0.004, 0) }, { spent: 0.01, learn: 0.01 }],
    ['a cached cheap judge and a fresh escalation: only the escalation is spent', { costUsd: 0.01, judge: judge(1, 0.005, 0.003) }, { spent: 0.013, learn: 0.013 }],
    ['a cached model answer: its judges\' fresh calls still count, nothing is learnt', { cached: true, costUsd: 0.01, judge: judge(1, 0.004, 0.004) }, { spent: 0.004, learn: null }],
    ['a model with no known price: its judges still count, nothing is learnt', { costUsd: null, judge: judge(1, 0.004, 0.004) }, { spent: 0.004, learn: null }],
    ['a judge with no known price counts 0 (--max-cost refuses such judges up front)', { costUsd: 0.01, judge: judge(1, null, null) }, { spent: 0.01, learn: 0.01 }],
    ['an older record without spentUsd: its judge cost when a call was made', { costUsd: 0.01, judge: judge(1, 0.004) }, { spent: 0.014, learn: 0.014 }],
    ['an older record, judges all cached', { costUsd: 0.01, judge: judge(0, 0.004) }, { spent: 0.01, learn: 0.01 }],
  ])('%s', (_name, record, want) => {
    const got = spendOf(record);
    expect(got.spent).toBeCloseTo(want.spent, 12);
    if (want.learn === null) expect(got.learn).toBeNull();
    else expect(got.learn).toBeCloseTo(want.learn, 12);
  });

  it('settling a spend that teaches nothing still counts it against the budget', async () => {
    const b = costBudget(1);
    const i0 = item(0);
    expect(await b.mayStart(i0)).toBe(true);
    b.settle(i0, { spent: 0.3, learn: null });
    expect(b.spent()).toBeCloseTo(0.3, 12);
  });
});
