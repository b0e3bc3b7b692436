import { describe, expect, it } from 'vitest';
import { collectPairVerdicts, pairPreferences } from '../../../../src/judge/agreement/recorded.js';

// Recorded pairwise verdicts for calibration: both orders' positions per sample, the lowest epoch's,
// judge and model errors apart, and pairing with human preferences by id.

const M = 'sim:m';
const rec = (sampleId: string, first: string, second: string, extra: Record<string, unknown> = {}) => ({
  sampleId, model: M, epoch: 1, status: 'ok', output: 'o',
  scores: [{ name: 'pairwise', value: 1, pass: true, judge: { verdict: { candidateFirst: first, candidateSecond: second, flipped: false, outcome: 'win' } } }], ...extra,
});

describe('collectPairVerdicts / pairPreferences', () => {
  const records = [
    rec('a', 'A', 'B', { epoch: 2 }), rec('a', 'B', 'A'),
    rec('b', 'tie', 'tie'),
    { sampleId: 'c', model: M, status: 'error', scores: [], error: { kind: 'judge', stage: 'judge', message: 'm' } },
    { sampleId: 'd', model: M, status: 'error', scores: [], error: { kind: 'timeout', stage: 'provider', message: 't' } },
    rec('e', 'A', 'B', { model: 'sim:other' }),
    rec('f', 'A', 'maybe'),
  ];
  const c = collectPairVerdicts(records, { scorer: 'pairwise', model: M });

  it('keeps each sample\'s lowest epoch and counts the rest', () => {
    expect([...c.verdicts]).toEqual([['a', { candidateFirst: 'B', candidateSecond: 'A', epoch: 1 }], ['b', { candidateFirst: 'tie', candidateSecond: 'tie', epoch: 1 }]]);
    expect(c.laterEpochs).toBe(1);
    expect([c.judgeErrorSamples, c.otherErrorSamples, c.judgeErrorRecords]).toEqual([['c'], ['d'], 1]);
  });

  it.each([
    { id: 'a', where: 'items' }, { id: 'c', where: 'judgeErrors' }, { id: 'd', where: 'modelErrors' }, { id: 'e', where: 'notInRun' }, { id: 'f', where: 'notInRun' },
  ] as const)('a label of $id goes to $where', ({ id, where }) => {
    const p = pairPreferences(c, new Map([[id, 'A' as const]]));
    const got = where === 'items' ? p.items.map((x) => x.id) : p[where];
    expect(got).toEqual([id]);
  });

  it('an item carries both orders as the judge said them', () => {
    expect(pairPreferences(c, new Map([['a', 'tie' as const]])).items).toEqual([{ id: 'a', human: 'tie', judgeAFirst: 'B', judgeBFirst: 'A' }]);
  });
});
