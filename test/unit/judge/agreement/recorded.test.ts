import { describe, expect, it } from 'vitest';
import { collectVerdicts, combineEpochs, pairWithLabels, recordedModels } from '../../../../src/judge/agreement/recorded.js';

// Reading recorded judge verdicts for calibration: epochs combined by majority (ties: lower), judge
// errors counted apart, criteria read by name, pairing by sample id with everything unpaired counted.

const M = 'sim:m';
const rec = (sampleId: string, verdict: unknown, extra: Record<string, unknown> = {}) => ({
  sampleId, model: M, epoch: 1, status: 'ok', output: 'abcd',
  scores: [{ name: 'other', value: 1, pass: true }, { name: 'rubric', value: 0.5, pass: true, judge: { verdict } }], ...extra,
});
const judgeError = (sampleId: string) => ({ sampleId, model: M, status: 'error', scores: [], error: { kind: 'judge', stage: 'judge', message: 'malformed' } });
const modelError = (sampleId: string) => ({ sampleId, model: M, status: 'error', scores: [], error: { kind: 'timeout', stage: 'provider', message: 't' } });

describe('combineEpochs', () => {
  it.each([
    { values: [3], value: 3, tie: false },
    { values: [3, 3, 4], value: 3, tie: false },
    { values: [4, 2, 4], value: 4, tie: false },
    { values: [4, 2], value: 2, tie: true },
    { values: [5, 1, 5, 1, 3], value: 1, tie: true },
  ])('$values → $value (tie $tie)', ({ values, value, tie }) => {
    expect(combineEpochs(values)).toEqual({ value, tie });
  });
  it('throws on no verdicts', () => expect(() => combineEpochs([])).toThrow(RangeError));
});

describe('collectVerdicts', () => {
  it('combines epochs, averages output lengths, and counts judge and model errors apart', () => {
    const records = [
      rec('a', 4), rec('a', 4, { epoch: 2, output: 'ab' }), rec('a', 2, { epoch: 3 }),
      rec('b', 3), judgeError('b'),
      judgeError('c'), judgeError('c'),
      modelError('d'),
      rec('e', 1, { model: 'sim:other' }),
      { sampleId: 'f', model: M, status: 'ok', scores: [{ name: 'other', value: 1, pass: true }] },
      'not a record',
    ];
    const c = collectVerdicts(records, { scorer: 'rubric', model: M });
    expect([...c.verdicts]).toEqual([
      ['a', { value: 4, tie: false, epochs: 3, length: (4 + 2 + 4) / 3 }],
      ['b', { value: 3, tie: false, epochs: 1, length: 4 }],
    ]);
    expect(c.judgeErrorSamples).toEqual(['c']);
    expect(c.otherErrorSamples).toEqual(['d']);
    expect(c.judgeErrorRecords).toBe(3);
    expect(c.missingVerdicts).toBe(1);
  });

  it('reads one criterion of a criteria verdict', () => {
    const records = [rec('a', { tone: 2, fit: 3 }), rec('b', { fit: 1 })];
    const c = collectVerdicts(records, { scorer: 'rubric', model: M, criterion: 'tone' });
    expect([...c.verdicts.keys()]).toEqual(['a']);
    expect(c.verdicts.get('a')?.value).toBe(2);
    expect(c.missingVerdicts).toBe(1);
  });

  it('lists the models in first-seen order', () => {
    expect(recordedModels([rec('a', 1), rec('b', 1, { model: 'x' }), rec('c', 1), null])).toEqual([M, 'x']);
  });
});

describe('pairWithLabels', () => {
  it('pairs by id in the labels order and sorts out every unpaired id', () => {
    const c = collectVerdicts([rec('a', 4), rec('b', 2), rec('z', 1), judgeError('c'), modelError('d')], { scorer: 'rubric', model: M });
    const p = pairWithLabels(c, new Map([['b', 2], ['a', 3], ['c', 1], ['d', 1], ['ghost', 4]]));
    expect(p.items).toEqual([{ id: 'b', judge: 2, human: 2, length: 4 }, { id: 'a', judge: 4, human: 3, length: 4 }]);
    expect(p).toMatchObject({ unlabelled: ['z'], judgeErrors: ['c'], modelErrors: ['d'], notInRun: ['ghost'] });
  });
});
