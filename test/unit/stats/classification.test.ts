import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix, mostConfused, type LabelPair } from '../../../src/stats/classification.js';
import { wilson } from '../../../src/stats/intervals.js';

const pairs = (expected: readonly string[], predicted: readonly (string | null)[]): LabelPair[] =>
  expected.map((e, i) => ({ expected: e, predicted: predicted[i] ?? null }));
const byLabel = (r: ReturnType<typeof classificationReport>, label: string) => r.perClass.find((c) => c.label === label);

describe('classificationReport: scikit-learn documented examples', () => {
  it('f1_score docs: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1] → macro .2667, micro .3333, weighted .2667, per class [.8, 0, 0]', () => {
    // Source: https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html (Examples).
    // By hand: class 0 tp 2, fp 1, fn 0 → F1 = 4/5; classes 1 and 2 tp 0 → 0. macro = .8/3; weighted
    // = (.8·2)/6 (every class has support 2); micro = accuracy = 2/6.
    const r = classificationReport(pairs(['0', '1', '2', '0', '1', '2'], ['0', '2', '1', '0', '0', '1']));
    expect(r.perClass.map((c) => c.f1)).toEqual([0.8, 0, 0]);
    expect(r.macroF1).toBeCloseTo(0.266667, 6);
    expect(r.weightedF1).toBeCloseTo(0.266667, 6);
    expect(r.micro.f1).toBeCloseTo(0.333333, 6);
    expect(r.accuracy).toBeCloseTo(0.333333, 6);
  });

  it('classification_report docs: y_true [0,1,2,2,2], y_pred [0,0,2,2,1]', () => {
    // Source: https://scikit-learn.org/stable/modules/generated/sklearn.metrics.classification_report.html
    // (Examples): class 0 .50/1.00/.67 (1), class 1 .00/.00/.00 (1), class 2 1.00/.67/.80 (3), accuracy .60,
    // macro F1 .49 = (2/3 + 0 + .8)/3 = .488889, weighted F1 .61 = (2/3·1 + 0 + .8·3)/5 = .613333.
    const r = classificationReport(pairs(['0', '1', '2', '2', '2'], ['0', '0', '2', '2', '1']), { classes: ['0', '1', '2'] });
    expect(r.perClass.map((c) => [c.precision, c.recall, c.f1, c.support])).toEqual([
      [0.5, 1, 0.666667, 1], [0, 0, 0, 1], [1, 0.666667, 0.8, 3],
    ]);
    expect(r.accuracy).toBe(0.6);
    expect(r.macroF1).toBeCloseTo(0.488889, 6);
    expect(r.weightedF1).toBeCloseTo(0.613333, 6);
  });
});

describe('confusionMatrix: order of rows and columns', () => {
  it.each([
    // Declared order first; an expected label outside it is a row; a label only predicted is a column after them.
    ['declared, then outside labels first seen', [{ expected: 'a', predicted: 'y' }, { expected: 'x', predicted: 'a' }, { expected: 'b', predicted: null }, { expected: 'a', predicted: 'x' }], ['b', 'a'],
      ['b', 'a', 'x'], ['b', 'a', 'x', 'y'], [[0, 0, 0, 0], [0, 0, 1, 1], [0, 1, 0, 0]], [1, 0, 0]],
    // A label predicted before it is seen as expected is still a row, so rows stay a prefix of the columns.
    ['no declared list: first seen, rows before predicted-only', [{ expected: 'a', predicted: 'z' }, { expected: 'a', predicted: 'x' }, { expected: 'x', predicted: 'x' }], [],
      ['a', 'x'], ['a', 'x', 'z'], [[0, 1, 1], [0, 1, 0]], [0, 0]],
    ['duplicates in the declared list are ignored', [{ expected: 'a', predicted: 'a' }], ['a', 'b', 'a'],
      ['a', 'b'], ['a', 'b'], [[1, 0], [0, 0]], [0, 0]],
  ] as const)('%s', (_name, input, declared, classes, columns, counts, unlabelled) => {
    const m = confusionMatrix(input, declared);
    expect(m).toEqual({ classes, columns, counts, unlabelled });
  });
});

describe('classificationReport: edge cases', () => {
  const z2 = 1.959963984540054 ** 2;
  it.each([
    { name: 'empty input', input: pairs([], []), n: 0, accuracy: null, macro: null, weighted: null, micro: [null, null, null], macroClasses: [] },
    { name: 'one item, correct', input: pairs(['a'], ['a']), n: 1, accuracy: 1, macro: 1, weighted: 1, micro: [1, 1, 1], macroClasses: ['a'] },
    // a: tp 0, fn 1 → F1 0; b: fp 1 → F1 0 but b is predicted-only, so not averaged.
    { name: 'one item, wrong', input: pairs(['a'], ['b']), n: 1, accuracy: 0, macro: 0, weighted: 0, micro: [0, 0, 0], macroClasses: ['a'] },
    { name: 'all correct', input: pairs(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'a']), n: 4, accuracy: 1, macro: 1, weighted: 1, micro: [1, 1, 1], macroClasses: ['a', 'b', 'c'] },
    { name: 'all wrong', input: pairs(['a', 'b', 'a'], ['b', 'a', 'b']), n: 3, accuracy: 0, macro: 0, weighted: 0, micro: [0, 0, 0], macroClasses: ['a', 'b'] },
    // Only "(none)": nothing was predicted, so micro precision has no denominator; recall and F1 are 0.
    { name: 'only (none) predictions', input: pairs(['a', 'b', 'a'], [null, null, null]), n: 3, accuracy: 0, macro: 0, weighted: 0, micro: [null, 0, 0], macroClasses: ['a', 'b'] },
    // 2 correct, 1 wrong, 1 unlabelled: micro P = 2/3, R = 2/4, F1 = 2·2/(2·4 − 1) = 4/7.
    // Per class: a (3 items, predicted 3, tp 2) F1 = 4/6; b (1 item, never predicted) F1 = 0 → macro 1/3, weighted (2/3·3)/4 = .5.
    { name: 'a (none) counts against recall, not precision', input: pairs(['a', 'a', 'a', 'b'], ['a', 'a', null, 'a']), n: 4, accuracy: 0.5, macro: 0.333333, weighted: 0.5, micro: [0.666667, 0.5, 0.571429], macroClasses: ['a', 'b'] },
  ])('$name', ({ input, n, accuracy, macro, weighted, micro, macroClasses }) => {
    const r = classificationReport(input);
    expect(r.n).toBe(n);
    expect(r.accuracy).toBe(accuracy);
    expect(r.macroF1).toBe(macro);
    expect(r.weightedF1).toBe(weighted);
    expect([r.micro.precision, r.micro.recall, r.micro.f1]).toEqual(micro);
    expect(r.macroClasses).toEqual(macroClasses);
    expect(sumAll(r.matrix.counts) + r.unlabelled).toBe(n); // nothing dropped
    if (n === 0) expect(r.ci).toBeNull();
    else expect(r.ci?.[0]).toBeCloseTo(wilson(r.correct, n)[0], 6);
  });

  it('one item gives the Wilson interval of 1/1: [1/(1+z²), 1]', () => {
    expect(classificationReport(pairs(['a'], ['a'])).ci).toEqual([Math.round((1 / (1 + z2)) * 1e6) / 1e6, 1]);
  });

  it('empty input with declared classes: the rows are there, every class flagged, nothing averaged', () => {
    const r = classificationReport([], { classes: ['a', 'b'] });
    expect(r.matrix.classes).toEqual(['a', 'b']);
    expect(r.perClass.map((c) => c.zeroDivision)).toEqual([['precision', 'recall', 'f1'], ['precision', 'recall', 'f1']]);
    expect(r.confusions).toEqual([]);
  });

  it('a declared class with zero support, predicted: precision 0, recall 0/0 flagged, F1 0 and averaged', () => {
    // c: tp 0, fp 1, fn 0 → F1 = 0/(0+1+0) = 0, defined (sklearn: "0.0 when there are no TP, FN or FP" does not apply).
    const r = classificationReport(pairs(['a', 'b'], ['a', 'c']), { classes: ['a', 'b', 'c'] });
    expect(byLabel(r, 'c')).toMatchObject({ support: 0, predicted: 1, precision: 0, recall: 0, f1: 0, zeroDivision: ['recall'] });
    expect(r.macroClasses).toEqual(['a', 'b', 'c']);
    expect(r.macroF1).toBeCloseTo(1 / 3, 6); // (1 + 0 + 0)/3
  });

  it('a declared class with zero support, never predicted: F1 0/0 flagged and left out of the averages', () => {
    const r = classificationReport(pairs(['a', 'b'], ['a', 'b']), { classes: ['a', 'b', 'c'] });
    expect(byLabel(r, 'c')).toMatchObject({ support: 0, predicted: 0, f1: 0, declared: true, zeroDivision: ['precision', 'recall', 'f1'] });
    expect(r.macroClasses).toEqual(['a', 'b']);
    expect(r.macroF1).toBe(1);
  });

  it('a class never predicted: precision 0/0 flagged, recall 0, F1 0', () => {
    const r = classificationReport(pairs(['a', 'b', 'b'], ['a', 'a', 'a']));
    expect(byLabel(r, 'b')).toMatchObject({ support: 2, predicted: 0, precision: 0, recall: 0, f1: 0, zeroDivision: ['precision'] });
    expect(byLabel(r, 'a')).toMatchObject({ precision: 0.333333, recall: 1, f1: 0.5, zeroDivision: [] }); // 2·1/(1+3)
  });

  it('only (none): every class never predicted, every error in the (none) column', () => {
    const r = classificationReport(pairs(['a', 'b', 'a'], [null, null, null]));
    expect(r.unlabelled).toBe(3);
    expect(r.matrix.unlabelled).toEqual([2, 1]);
    expect(r.perClass.every((c) => c.zeroDivision.includes('precision'))).toBe(true);
    expect(r.confusions).toEqual([
      { expected: 'a', predicted: null, count: 2, share: 1 },
      { expected: 'b', predicted: null, count: 1, share: 1 },
    ]);
  });

  it('labels are compared exactly: case and whitespace make other labels (normalising is the scorer\'s job)', () => {
    const r = classificationReport(pairs(['Billing', 'Billing', 'Billing'], ['Billing', 'billing', 'Billing ']), { classes: ['Billing'] });
    expect(r.matrix.columns).toEqual(['Billing', 'billing', 'Billing ']);
    expect(r.correct).toBe(1);
    expect(r.perClass.map((c) => c.declared)).toEqual([true, false, false]);
    expect(r.macroClasses).toEqual(['Billing']); // predicted-only wordings are not averaged
    expect(r.micro.f1).toBeCloseTo(1 / 3, 6); // they are predictions, so micro-F1 is still accuracy
  });
});

function sumAll(rows: readonly (readonly number[])[]): number {
  return rows.flat().reduce((s, x) => s + x, 0);
}

describe('mostConfused: ties in confusion counts over 3 classes', () => {
  // a → a 1, b 2, c 2 | b → a 2, c 3 | c → a 1, c 2, (none) 2: every class has support 5.
  const input = [
    ...pairs(['a', 'a', 'a', 'a', 'a'], ['a', 'b', 'b', 'c', 'c']),
    ...pairs(['b', 'b', 'b', 'b', 'b'], ['a', 'a', 'c', 'c', 'c']),
    ...pairs(['c', 'c', 'c', 'c', 'c'], ['a', 'c', 'c', null, null]),
  ];
  const all = [
    { expected: 'b', predicted: 'c', count: 3, share: 0.6 },
    // Ties at 2: by the expected class's row, then the predicted column ("(none)" last).
    { expected: 'a', predicted: 'b', count: 2, share: 0.4 },
    { expected: 'a', predicted: 'c', count: 2, share: 0.4 },
    { expected: 'b', predicted: 'a', count: 2, share: 0.4 },
    { expected: 'c', predicted: null, count: 2, share: 0.4 },
    { expected: 'c', predicted: 'a', count: 1, share: 0.2 },
  ];

  it.each([
    ['default top 5', undefined, all.slice(0, 5)],
    ['top 10 lists every off-diagonal cell', 10, all],
    ['top 2', 2, all.slice(0, 2)],
    ['top 0', 0, []],
  ] as const)('%s', (_name, top, want) => {
    expect(classificationReport(input, top === undefined ? {} : { top }).confusions).toEqual(want);
  });

  it('the order follows the declared classes, not the names', () => {
    const m = confusionMatrix(input, ['c', 'b', 'a']);
    expect(mostConfused(m, 5).map((c) => `${c.expected}>${c.predicted ?? '(none)'}`)).toEqual(['b>c', 'c>(none)', 'b>a', 'a>c', 'a>b']);
  });

  it('per class and averages by hand', () => {
    // a: tp 1, predicted 1+2+1 = 4 → P .25, R .2, F1 2/9; b: tp 0 → 0; c: tp 2, predicted 2+3+2 = 7 → F1 4/12.
    const r = classificationReport(input);
    expect(r.perClass.map((c) => c.f1)).toEqual([0.222222, 0, 0.333333]);
    expect(r.macroF1).toBeCloseTo((2 / 9 + 1 / 3) / 3, 6);
    expect(r.weightedF1).toBeCloseTo((2 / 9 + 1 / 3) / 3, 6); // equal supports
    expect(r.micro.f1).toBeCloseTo((2 * 3) / (2 * 15 - 2), 6);
  });
});
