import { describe, expect, it } from 'vitest';
import { peerBoard } from '../../../src/runner/peer-board.js';
import type { WorkItem } from '../../../src/runner/plan.js';
import type { PeerAnswer } from '../../../src/types.js';

// The board that hands a reference model's answer to the items judged against it (pairwise
// against_model): a wait resolves when the reference publishes, a group is dropped once every
// candidate item this process runs has released it, and a stop ends the waits that could never be
// answered (references not started; with a crash, all).

const MODELS = ['ref', 'a', 'b'];

/** The item of `model` in group `g` (sample g, epoch 1): index = g·3 + position. */
const item = (model: string, g: number): WorkItem => ({
  index: g * MODELS.length + MODELS.indexOf(model), sampleIndex: g, epoch: 1, modelId: model,
  sample: { id: `s${g}`, vars: {}, metadata: {}, source: `x:${g}` },
});

const board = (willRun: (i: number) => boolean = () => true, prior?: (id: string, epoch: number) => PeerAnswer) =>
  peerBoard({ reference: 'ref', models: MODELS, willRun, ...(prior !== undefined && { prior }) });

/** Whether the promise has settled after the microtasks queued so far. */
async function settled<T>(p: Promise<T>): Promise<{ done: boolean; value?: T }> {
  let out: { done: boolean; value?: T } = { done: false };
  void p.then((value) => { out = { done: true, value }; });
  await new Promise((r) => setImmediate(r));
  return out;
}

describe('peer board', () => {
  it('answers at once when the reference published first, and later when it publishes after the wait', async () => {
    const b = board();
    b.started(item('ref', 0));
    b.publish(item('ref', 0), { ok: true, output: 'ref answer 0' });
    expect(await b.answerFor(item('a', 0))).toEqual({ ok: true, output: 'ref answer 0' });
    const waiting = b.answerFor(item('a', 1));
    expect((await settled(waiting)).done).toBe(false);
    b.publish(item('ref', 1), { ok: false, message: 'ref failed' });
    expect(await waiting).toEqual({ ok: false, message: 'ref failed' });
  });

  it.each([
    // who is a candidate
    ['ref', false], ['a', true], ['b', true], ['not-in-plan', false],
  ])('isCandidate(%s) is %s', (m, want) => {
    expect(board().isCandidate(m)).toBe(want);
  });

  it('ignores a publish by a candidate item, and keeps the first answer of a group', async () => {
    const b = board();
    b.publish(item('a', 0), { ok: true, output: 'not the reference' });
    b.publish(item('ref', 0), { ok: true, output: 'first' });
    b.publish(item('ref', 0), { ok: true, output: 'second' });
    expect(await b.answerFor(item('b', 0))).toEqual({ ok: true, output: 'first' });
  });

  it('drops a group once its answer is out and every candidate item this process runs has released it', async () => {
    const b = board();
    b.publish(item('ref', 0), { ok: true, output: 'x' });
    expect(b.size()).toBe(1);
    await b.answerFor(item('a', 0));
    b.release(item('a', 0));
    expect(b.size()).toBe(1);
    b.release(item('b', 0)); // b failed before it asked: it releases all the same
    expect(b.size()).toBe(0);
    // Released before the reference answered: the group goes when the answer comes.
    b.release(item('a', 1));
    b.release(item('b', 1));
    expect(b.size()).toBe(1);
    b.publish(item('ref', 1), { ok: true, output: 'y' });
    expect(b.size()).toBe(0);
  });

  it('counts only the candidate items this process runs (a resume): one release is enough when b was done before', () => {
    const b = board((i) => i !== 2); // item('b', 0) has index 2
    b.publish(item('ref', 0), { ok: true, output: 'x' });
    b.release(item('a', 0));
    expect(b.size()).toBe(0);
    // No candidate runs in group 1: the answer is not kept at all.
    const none = board((i) => i % 3 === 0);
    none.publish(item('ref', 1), { ok: true, output: 'y' });
    expect(none.size()).toBe(0);
  });

  it('answers from the earlier records when this process does not run the reference item', async () => {
    const b = board((i) => i % 3 !== 0, (id, epoch) => ({ ok: true, output: `recorded ${id}#${epoch}` }));
    expect(await b.answerFor(item('a', 4))).toEqual({ ok: true, output: 'recorded s4#1' });
    const bare = board((i) => i % 3 !== 0);
    expect(await bare.answerFor(item('a', 4))).toEqual({ ok: false, message: 'ref has no answer recorded for sample s4' });
  });

  it('a stop ends the waits on references that never started; one in flight still answers', async () => {
    const b = board();
    b.started(item('ref', 0));
    const inFlight = b.answerFor(item('a', 0));
    const never = b.answerFor(item('a', 1));
    b.close(false);
    const stopped = await never;
    expect(stopped).toMatchObject({ ok: false, stopped: true });
    expect(stopped.ok ? '' : stopped.message).toMatch(/the run stopped before ref answered this sample/);
    expect((await settled(inFlight)).done).toBe(false);
    b.publish(item('ref', 0), { ok: true, output: 'made it' });
    expect(await inFlight).toEqual({ ok: true, output: 'made it' });
    // A wait that starts after the stop, on a group nobody touched: stopped at once.
    expect(await b.answerFor(item('b', 7))).toMatchObject({ ok: false, stopped: true });
  });

  it('a crash ends every wait, started or not', async () => {
    const b = board();
    b.started(item('ref', 0));
    const w = b.answerFor(item('a', 0));
    b.close(true);
    expect(await w).toMatchObject({ ok: false, stopped: true });
    expect(await b.answerFor(item('b', 0))).toMatchObject({ ok: false, stopped: true });
  });

  it('refuses a reference the plan does not run', () => {
    expect(() => peerBoard({ reference: 'z', models: MODELS, willRun: () => true })).toThrow(/reference model z is not in the plan/);
  });
});
