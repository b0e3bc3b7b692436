import { describe, expect, it } from 'vitest';
import { indexBaseline } from '../../../../src/scoring/model-graded/baseline.js';

// indexBaseline: a baseline run's records by (sample, epoch), the model chosen, errors kept as reasons.

const rec = (sampleId: string, o: { model?: string; epoch?: number; output?: string; error?: string } = {}) => ({
  sampleId, model: o.model ?? 'm1', epoch: o.epoch ?? 1,
  ...(o.error === undefined ? { status: 'ok', output: o.output ?? `out ${sampleId}` } : { status: 'error', error: { kind: 'server', message: o.error } }),
});

describe('indexBaseline', () => {
  it.each([
    ['no records at all', [], undefined, /holds no haikubench records/],
    ['lines that are not records', [{ hello: 1 }, 'x'], undefined, /holds no haikubench records/],
    ['several models and none named', [rec('a'), rec('a', { model: 'm2' })], undefined, /several models \(m1, m2\).*"model:"/],
    ['a named model it lacks', [rec('a')], 'm9', /no records of model m9 \(it has m1\)/],
  ] as const)('%s is a problem', (_what, lines, model, problem) => {
    const got = indexBaseline('runs/base', lines, model);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.problem).toMatch(problem);
  });

  const lines = [
    rec('a'), rec('a', { epoch: 2, output: 'a two' }), rec('b', { error: 'overloaded' }),
    rec('a', { model: 'm2', output: 'other model' }), rec('c', { output: 'first' }), rec('c', { output: 'resumed' }),
  ];
  it.each([
    ['the same epoch when the baseline ran it', 'a', 2, { ok: true, output: 'a two' }],
    ['epoch 1 when it did not', 'a', 3, { ok: true, output: 'out a' }],
    ['the later line of a resumed run', 'c', 1, { ok: true, output: 'resumed' }],
  ] as const)('answers with %s', (_what, id, epoch, want) => {
    const got = indexBaseline('runs/base', lines, 'm1');
    if (!got.ok) throw new Error(got.problem);
    expect(got.baseline.lookup(id, epoch)).toEqual(want);
  });

  it.each([
    ['a sample it lacks', 'zz', /baseline runs\/base has no answer of m1 for sample zz$/],
    ['a sample it answered with an error', 'b', /for sample b \(epoch 1 ended in error: overloaded\)/],
  ] as const)('gives a reason for %s', (_what, id, message) => {
    const got = indexBaseline('runs/base', lines, 'm1');
    if (!got.ok) throw new Error(got.problem);
    const answer = got.baseline.lookup(id, 1);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.message).toMatch(message);
  });

  it.each([
    // error stage, output → the answer lent, or the reason
    ['a judge error after the answer: the answer stands', 'judge', 'judged badly', { ok: true, output: 'judged badly' }],
    ['a scorer error after the answer: the answer stands', 'scorer', 'x', { ok: true, output: 'x' }],
    ['a failed call: no answer', 'provider', '', { ok: false }],
    ['an error with no stage and no output (older records): no answer', undefined, undefined, { ok: false }],
  ] as const)('%s', (_what, stage, output, want) => {
    const line = { sampleId: 'd', model: 'm1', epoch: 1, status: 'error', ...(output !== undefined && { output }), error: { kind: 'judge', message: 'no verdict', ...(stage !== undefined && { stage }) } };
    const got = indexBaseline('runs/base', [line], 'm1', 'the run before its restart');
    if (!got.ok) throw new Error(got.problem);
    const answer = got.baseline.lookup('d', 1);
    expect(answer).toMatchObject(want);
    if (!answer.ok) expect(answer.message).toMatch(/^the run before its restart has no answer of m1 for sample d \(epoch 1 ended in error: no verdict\)$/);
  });

  it('takes the only model when none is named', () => {
    const got = indexBaseline('runs/base', [rec('a')], undefined);
    expect(got.ok && got.baseline.model).toBe('m1');
  });
});
