import { describe, expect, it } from 'vitest';
import { filterPlan, planOf, planItems } from '../../../src/runner/plan.js';
import { inShard } from '../../../src/runner/shard.js';
import { samples } from './run-helpers.js';

const label = (i: { index: number; sample: { id: string }; epoch: number; modelId: string }) => `${i.index}:${i.sample.id}/${i.epoch}/${i.modelId}`;

describe('planOf: the plan computed item by item', () => {
  it.each([
    [1, 1, 1], [3, 2, 2], [7, 3, 1], [5, 1, 4],
  ])('%i samples × %i models × %i epochs: the same items, in the same order, as the full array', (s, m, e) => {
    const models = Array.from({ length: m }, (_, i) => `m${i}`);
    const plan = planOf(samples(s), models, e);
    const all = planItems(samples(s), models, e);
    expect(plan.length).toBe(s * m * e);
    expect(plan.fullLength).toBe(s * m * e);
    expect([...plan].map(label)).toEqual(all.map(label));
    expect(all.map((i) => label(plan.at(i.index)))).toEqual(all.map(label));
  });

  it.each([
    [10, 1, 3], [10, 2, 3], [10, 3, 3], [2, 3, 3], [1, 1, 1], [0, 1, 2],
  ])('%i samples, shard %i/%i: exactly the items of the shard samples, in plan order', (s, index, count) => {
    const shard = { index, count };
    const plan = planOf(samples(s), ['a', 'b'], 2, shard);
    const expected = planItems(samples(s), ['a', 'b'], 2).filter((i) => inShard(i.sampleIndex, shard));
    expect([...plan].map(label)).toEqual(expected.map(label));
    expect(plan.length).toBe(expected.length);
    expect(plan.fullLength).toBe(s * 4);
    for (let i = 0; i < plan.fullLength; i++) expect(plan.has(i)).toBe(expected.some((x) => x.index === i));
  });

  it('refuses an index outside the plan', () => {
    const plan = planOf(samples(2), ['a'], 1);
    expect(() => plan.at(2)).toThrow(RangeError);
    expect(() => plan.at(-1)).toThrow(RangeError);
    expect(plan.has(2)).toBe(false);
  });

  it('identityAt: the same identity as at(), the sample read only when its id is asked for, and once', () => {
    const list = samples(3);
    let reads = 0;
    const counted = { length: list.length, at: (i: number) => { reads += 1; return list.at(i); }, [Symbol.iterator]: () => list[Symbol.iterator]() };
    const plan = planOf(counted, ['a', 'b'], 2);
    const ids = Array.from({ length: plan.fullLength }, (_, i) => plan.identityAt(i));
    expect(ids.map((x) => `${x.model}/${x.epoch}`)).toEqual(planItems(list, ['a', 'b'], 2).map((i) => `${i.modelId}/${i.epoch}`));
    expect(reads).toBe(0);
    expect(ids.map((x) => x.sampleId)).toEqual(planItems(list, ['a', 'b'], 2).map((i) => i.sample.id));
    expect(reads).toBe(plan.fullLength);
    expect(ids[5]?.sampleId).toBe(list.at(1)?.id);
    expect(reads).toBe(plan.fullLength);
    expect(() => plan.identityAt(12)).toThrow(RangeError);
    expect(() => plan.identityAt(-1)).toThrow(RangeError);
    expect(() => plan.identityAt(0.5)).toThrow(RangeError);
  });

  it('can be walked more than once', () => {
    const plan = planOf(samples(3), ['a'], 1);
    expect([...plan].length).toBe(3);
    expect([...plan].length).toBe(3);
  });
});

describe('planOf: the order written out by hand', () => {
  it('2 samples × 2 epochs × 2 models: sample-major, epochs inside, models innermost', () => {
    expect([...planOf(samples(2), ['a', 'b'], 2)].map(label)).toEqual([
      '0:s1/1/a', '1:s1/1/b', '2:s1/2/a', '3:s1/2/b', '4:s2/1/a', '5:s2/1/b', '6:s2/2/a', '7:s2/2/b',
    ]);
  });

  it('shard 2/3 of 7 samples × 1 epoch × 2 models: samples 2 and 5 (0-based 1 and 4), full-plan indices kept', () => {
    const plan = planOf(samples(7), ['a', 'b'], 1, { index: 2, count: 3 });
    expect([...plan].map(label)).toEqual(['2:s2/1/a', '3:s2/1/b', '8:s5/1/a', '9:s5/1/b']);
    expect([plan.length, plan.fullLength]).toEqual([4, 14]);
  });
});

describe('filterPlan', () => {
  it('counts the selection up front and keeps it, even if the skipped set grows later', () => {
    const plan = planOf(samples(6), ['a'], 1);
    const done = new Set<number>([1, 4]);
    const left = filterPlan(plan, done);
    expect(left.length).toBe(4);
    done.add(0); // the run marks an item done while the walk is under way
    expect([...left].map((i) => i.index)).toEqual([0, 2, 3, 5]);
  });

  it('an empty selection', () => {
    const left = filterPlan(planOf(samples(3), ['a'], 1), [0, 1, 2, 7]);
    expect(left.length).toBe(0);
    expect([...left]).toEqual([]);
  });
});
