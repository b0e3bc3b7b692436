import { describe, expect, it } from 'vitest';
import { classificationReport, type LabelPair } from '../../../src/stats/classification.js';
import { labelTally, MAX_STRAY, OTHER_LABEL } from '../../../src/stats/label-tally.js';
import { summarizeModel, type SummaryRecord } from '../../../src/summary/model-summary.js';

const pairs = (spec: readonly [string, string | null, number][]): LabelPair[] =>
  spec.flatMap(([expected, predicted, n]) => Array.from({ length: n }, () => ({ expected, predicted })));

describe('labelTally', () => {
  it('counted pairs give exactly the report of one pair per item', () => {
    const items = pairs([['billing', 'billing', 7], ['billing', 'technical', 2], ['technical', 'technical', 5], ['technical', null, 1], ['account', 'billing', 3], ['account', 'account', 4]]);
    const t = labelTally();
    for (const p of items) t.add('queue', p);
    const [c] = t.reports();
    expect(c?.scorer).toBe('queue');
    expect(c?.folded).toBe(0);
    expect(c?.report).toEqual(classificationReport(items, { classes: ['account', 'billing', 'technical'] }));
    expect(c?.report).toMatchObject({ n: 22, correct: 16, unlabelled: 1 });
  });

  it(`keeps the ${MAX_STRAY} most frequent labels only ever predicted and folds the rest into "${OTHER_LABEL}"`, () => {
    const t = labelTally();
    const add = (expected: string, predicted: string | null, n: number) => { for (let i = 0; i < n; i++) t.add('free', { expected, predicted }); };
    add('yes', 'yes', 10);
    for (let k = 0; k < MAX_STRAY + 3; k++) add('yes', `stray ${String(k).padStart(2, '0')}`, MAX_STRAY + 3 - k); // stray 00 most frequent
    const [c] = t.reports();
    expect(c?.folded).toBe(3);
    const columns = c?.report.matrix.columns ?? [];
    expect(columns.slice(0, 1)).toEqual(['yes']);
    expect(columns).toContain('stray 00');
    expect(columns).toContain(`stray ${String(MAX_STRAY - 1).padStart(2, '0')}`);
    expect(columns).not.toContain(`stray ${MAX_STRAY}`);
    expect(columns).toContain(OTHER_LABEL);
    // The three least frequent (3 + 2 + 1 items) are summed into one column; no item is lost.
    expect(c?.report.matrix.counts[0]?.[columns.indexOf(OTHER_LABEL)]).toBe(6);
    expect(c?.report.n).toBe(10 + ((MAX_STRAY + 3) * (MAX_STRAY + 4)) / 2);
  });

  it('declared classes (the allowed list) come first, in order; one predicted but never expected is a class, as in scikit-learn', () => {
    // y_true [a, a, b, b], y_pred [a, c, b, b], labels a, b, c: f1_score(average="macro") = (2/3 + 1 + 0) / 3 = 0.555556.
    const t = labelTally(new Map([['queue', ['c', 'a', 'b']]]));
    for (const [expected, predicted] of [['a', 'a'], ['a', 'c'], ['b', 'b'], ['b', 'b']] as const) t.add('queue', { expected, predicted });
    const [c] = t.reports();
    expect(c?.report.matrix.classes).toEqual(['c', 'a', 'b']);
    expect(c?.report.macroF1).toBe(0.555556);
    expect(c?.folded).toBe(0);
  });

  it('keeps scorers apart, and has nothing to report without labels', () => {
    const t = labelTally();
    expect(t.reports()).toEqual([]);
    t.add('a', { expected: 'x', predicted: 'x' });
    t.add('b', { expected: 'x', predicted: 'y' });
    expect(t.reports().map((c) => [c.scorer, c.report.correct])).toEqual([['a', 1], ['b', 0]]);
  });
});

describe('summarizeModel: classification', () => {
  const rec = (i: number, model: string, expected: string, predicted: string | null, status: 'ok' | 'error' = 'ok'): SummaryRecord => ({
    sampleId: `s${i}`, model, epoch: 1, status, pass: status === 'ok' ? expected === predicted : undefined, score: expected === predicted ? 1 : 0,
    latencyMs: 10, usage: null, costUsd: null, stopReason: 'end_turn', attempts: 1, error: status === 'error' ? { kind: 'server', message: '500', stage: 'provider' } : undefined, cached: false,
    scores: status === 'ok' ? [{ name: 'queue', value: expected === predicted ? 1 : 0, pass: expected === predicted, label: { expected, predicted } }, { name: 'short', value: 1, pass: true }] : [],
  });
  const records = [rec(1, 'm', 'a', 'a'), rec(2, 'm', 'a', 'b'), rec(3, 'm', 'b', 'b'), rec(4, 'm', 'b', null), rec(5, 'm', 'a', 'a', 'error'), rec(1, 'other', 'a', 'b')];
  const m = summarizeModel({ id: 'm', label: 'm', simulated: false }, records);

  it('counts the scored items of this model only, per label scorer', () => {
    expect(m.classification.map((c) => c.scorer)).toEqual(['queue']);
    const r = m.classification[0]?.report;
    expect(r).toMatchObject({ n: 4, correct: 2, unlabelled: 1, accuracy: 0.5 });
    expect(r?.matrix).toEqual({ classes: ['a', 'b'], columns: ['a', 'b'], counts: [[1, 1], [0, 1]], unlabelled: [0, 1] });
  });

  it('is empty for a model without label scorers', () => {
    const plain = records.map((r) => ({ ...r, scores: r.scores.map(({ name, value, pass }) => ({ name, value, pass })) }));
    expect(summarizeModel({ id: 'm', label: 'm', simulated: false }, plain).classification).toEqual([]);
  });
});
