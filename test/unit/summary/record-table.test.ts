import { describe, expect, it } from 'vitest';
import { PAGE, recordTable, type RecordTable } from '../../../src/summary/record-table.js';
import type { SummaryRecord } from '../../../src/summary/model-summary.js';

// The columns must give back exactly what was put in, for every shape a record takes.

const id = { sampleId: 's1', model: 'anthropic:claude-haiku-5-5', epoch: 2 };
/** A record read back, as a plain object: its sample id is a getter of its class, read from the identity when asked for. */
const read = (t: RecordTable, i: number) => {
  const r = t.get(i, id);
  return r === undefined ? undefined : { ...r, sampleId: r.sampleId };
};
const base: SummaryRecord = {
  ...id, status: 'ok', pass: true, score: 0.75, latencyMs: 412.3, usage: { inputTokens: 12, outputTokens: 3, thinkingTokens: 1 },
  costUsd: 0.0000027, stopReason: 'end_turn', attempts: 2, error: undefined, cached: false, scores: [{ name: 'label', value: 1, pass: true }],
};

describe('recordTable', () => {
  it.each<[string, SummaryRecord]>([
    ['an ok record', base],
    ['a failed one', { ...base, pass: false, score: 0, scores: [{ name: 'label', value: 0, pass: false }] }],
    ['a provider error', { ...base, status: 'error', pass: undefined, score: undefined, latencyMs: null, usage: null, costUsd: null, stopReason: null, error: { kind: 'rate_limit', message: 'HTTP 429', stage: 'provider' }, scores: [] }],
    ['a scorer error with a partial score list', { ...base, status: 'error', pass: undefined, score: undefined, error: { kind: 'unknown', message: 'scorer x failed', stage: 'scorer' }, scores: [] }],
    ['a cached answer', { ...base, cached: true, attempts: 0 }],
    ['unknown cost, no latency (a batch item)', { ...base, costUsd: null, latencyMs: null }],
    ['several scorers, more than the table holds', { ...base, scores: [{ name: 'a', value: 1, pass: true }, { name: 'b', value: 0.5, pass: false }, { name: 'c', value: 0, pass: false }] }],
    ['a label scorer: expected and predicted labels', { ...base, scores: [{ name: 'queue', value: 0, pass: false, label: { expected: 'billing', predicted: 'technical' } }] }],
    ['a label scorer whose output named no label', { ...base, scores: [{ name: 'queue', value: 0, pass: false, label: { expected: 'billing', predicted: null } }, { name: 'b', value: 1, pass: true }] }],
    ['zero values', { ...base, score: 0, latencyMs: 0, costUsd: 0, usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 } }],
  ])('%s round-trips', (_label, r) => {
    const t = recordTable(3, 2);
    t.set(1, r);
    expect(read(t, 1)).toEqual(r);
    expect([t.has(0), t.has(1), t.count()]).toEqual([false, true, 1]);
    expect(t.errorKind(1)).toBe(r.error?.kind);
  });

  it('a later record of an item replaces the earlier one (a retried error) and counts once', () => {
    const t = recordTable(2, 1);
    t.set(0, { ...base, status: 'error', pass: undefined, score: undefined, error: { kind: 'server', message: '500', stage: 'provider' }, scores: [] });
    t.set(0, base);
    expect(read(t, 0)).toEqual(base);
    expect([t.count(), t.errorKind(0)]).toEqual([1, undefined]);
  });

  it('records of every shape in one table read back as written, in any order, rewritten or not', () => {
    // The columns hold one value until a record differs (lazy-column.ts): the same records must read
    // back whichever comes first, and whether a slot is written once or twice.
    const shapes: SummaryRecord[] = [
      base,
      { ...base, pass: false, score: 0, scores: [{ name: 'label', value: 0, pass: false }] },
      { ...base, status: 'error', pass: undefined, score: undefined, latencyMs: null, usage: null, costUsd: null, stopReason: null, error: { kind: 'rate_limit', message: 'HTTP 429', stage: 'provider' }, scores: [] },
      { ...base, cached: true, attempts: 0, costUsd: null, latencyMs: 0 },
      { ...base, scores: [{ name: 'queue', value: 0, pass: false, label: { expected: 'billing', predicted: null } }, { name: 'b', value: 1, pass: true }] },
      { ...base, stopReason: 'max_tokens', usage: { inputTokens: 7, outputTokens: 70000, thinkingTokens: 5 }, attempts: 70000 },
    ];
    for (const order of [shapes, [...shapes].reverse(), [base, base, base, ...shapes]]) {
      const t = recordTable(order.length, 2);
      order.forEach((r, i) => t.set(i, i % 2 === 0 ? r : base)); // every other slot written twice: base, then r
      order.forEach((r, i) => { if (i % 2 === 1) t.set(i, r); });
      expect(order.map((_, i) => read(t, i))).toEqual(order);
      expect(t.count()).toBe(order.length);
    }
  });

  it('a record reads its sample id from its identity only when asked for, and its own fields without it', () => {
    const t = recordTable(1, 1);
    t.set(0, base);
    let reads = 0;
    const lazy = { get sampleId() { reads += 1; return 's9'; }, model: 'm', epoch: 3 };
    const r = t.get(0, lazy);
    expect([r?.model, r?.epoch, r?.pass, r?.score, reads]).toEqual(['m', 3, true, 0.75, 0]);
    expect([r?.sampleId, reads]).toEqual(['s9', 1]);
  });

  it('an empty slot or one past the end has no record', () => {
    const t = recordTable(2, 1);
    expect([read(t, 0), read(t, 5), t.has(1)]).toEqual([undefined, undefined, false]);
  });

  it('records of older versions without thinking tokens read as 0', () => {
    const t = recordTable(1, 1);
    t.set(0, { ...base, usage: { inputTokens: 5, outputTokens: 2 } as SummaryRecord['usage'] });
    expect(t.get(0, id)?.usage).toEqual({ inputTokens: 5, outputTokens: 2, thinkingTokens: 0 });
  });

  it('columns are made as records arrive: a 20M-slot table holding three records has three pages', () => {
    const t = recordTable(20_000_000, 1);
    expect(t.allocated()).toBe(0);
    for (const i of [19_999_999, 5_000, 0, 1]) t.set(i, base);
    expect(t.allocated()).toBe(3 * PAGE);
    expect([...t.indexes()]).toEqual([0, 1, 5_000, 19_999_999]);
    expect([t.count(), t.has(2), t.has(5_000), t.has(-1), t.has(20_000_000), t.has(1.5)]).toEqual([4, false, true, false, false, false]);
    expect(read(t, 19_999_999)).toEqual(base);
  });

  it('grows page by page as records arrive in plan order, and refuses a slot outside the table', () => {
    const t = recordTable(1_000_000, 1);
    for (let i = 0; i < 3 * PAGE + 1; i++) t.set(i, base);
    expect(t.allocated()).toBe(4 * PAGE);
    expect(() => t.set(1_000_000, base)).toThrow(RangeError);
  });
});
