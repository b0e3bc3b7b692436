import { describe, expect, it } from 'vitest';
import { runOrder, selectOrder, selectSamples } from '../../../src/dataset/select.js';

const ITEMS: readonly string[] = Object.freeze(Array.from({ length: 30 }, (_, i) => `s${i}`));
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('selectSamples', () => {
  it.each<readonly [label: string, opts: Parameters<typeof selectSamples>[1], expected: readonly string[]]>([
    ['no shuffle, no limit: unchanged', { shuffle: false, seed: 1 }, ITEMS],
    ['no shuffle, limit: the first n', { shuffle: false, seed: 1, limit: 3 }, ['s0', 's1', 's2']],
    ['limit larger than the data', { shuffle: false, seed: 1, limit: 100 }, ITEMS],
    ['limit 0', { shuffle: true, seed: 1, limit: 0 }, []],
  ])('%s', (_label, opts, expected) => {
    expect(selectSamples(ITEMS, opts)).toEqual(expected);
  });

  it('the same seed gives the same order', () => {
    expect(selectSamples(ITEMS, { shuffle: true, seed: 42 })).toEqual(selectSamples(ITEMS, { shuffle: true, seed: 42 }));
  });

  it.each([0, 1, 42, 2 ** 31 - 1])('seed %i gives a permutation that is not the original order', (seed) => {
    const out = selectSamples(ITEMS, { shuffle: true, seed });
    expect(sorted(out)).toEqual(sorted(ITEMS));
    expect(out).not.toEqual(ITEMS);
  });

  it('different seeds give different orders', () => {
    const orders = [1, 2, 3, 4].map((seed) => selectSamples(ITEMS, { shuffle: true, seed }).join(','));
    expect(new Set(orders).size).toBe(4);
  });

  it('the limit applies after the shuffle', () => {
    const all = selectSamples(ITEMS, { shuffle: true, seed: 7 });
    const some = selectSamples(ITEMS, { shuffle: true, seed: 7, limit: 5 });
    expect(some).toEqual(all.slice(0, 5));
    expect(some).not.toEqual(ITEMS.slice(0, 5));
  });

  it('does not mutate its input and returns a new array', () => {
    const input = [...ITEMS];
    const out = selectSamples(input, { shuffle: true, seed: 3 });
    expect(input).toEqual(ITEMS);
    expect(out).not.toBe(input);
    const unshuffled = selectSamples(input, { shuffle: false, seed: 3 });
    expect(unshuffled).not.toBe(input);
  });

  it('handles empty and single-item inputs', () => {
    expect(selectSamples([], { shuffle: true, seed: 1 })).toEqual([]);
    expect(selectSamples(['only'], { shuffle: true, seed: 1, limit: 5 })).toEqual(['only']);
  });
});

describe('selectOrder', () => {
  // The loader picks record numbers with selectOrder: it must pick exactly what selectSamples picks.
  it.each<Parameters<typeof selectOrder>[1]>([
    { shuffle: false, seed: 1 },
    { shuffle: false, seed: 1, limit: 3 },
    { shuffle: false, seed: 1, limit: 100 },
    { shuffle: true, seed: 1, limit: 0 },
    { shuffle: true, seed: 7 },
    { shuffle: true, seed: 42, limit: 5 },
    { shuffle: true, seed: 2 ** 31 - 1, limit: 29 },
    { shuffle: false, seed: 1, limit: -2 },
    { shuffle: true, seed: 3, limit: 2.7 },
  ])('%j: the record numbers selectSamples picks', (opts) => {
    for (const count of [0, 1, 2, 30, 1000]) {
      const want = selectSamples(Array.from({ length: count }, (_, i) => i), opts);
      expect([...selectOrder(count, opts)]).toEqual(want);
    }
  });
});

describe('runOrder', () => {
  // A file-backed sample list takes the first N records in file order as a count: it must be the
  // order selectOrder picks, and a shuffle must still give the record numbers.
  it.each<Parameters<typeof runOrder>[1]>([
    { shuffle: false, seed: 1 },
    { shuffle: false, seed: 1, limit: 3 },
    { shuffle: false, seed: 1, limit: 100 },
    { shuffle: false, seed: 1, limit: 0 },
    { shuffle: false, seed: 1, limit: -2 },
    { shuffle: false, seed: 1, limit: -100 },
    { shuffle: false, seed: 1, limit: 2.7 },
    { shuffle: true, seed: 7 },
    { shuffle: true, seed: 42, limit: 5 },
  ])('%j: the order selectOrder picks', (opts) => {
    for (const count of [0, 1, 2, 30, 1000]) {
      const got = runOrder(count, opts);
      const picked = [...selectOrder(count, opts)];
      if (opts.shuffle) expect([...(got as Uint32Array)]).toEqual(picked);
      else expect(Array.from({ length: got as number }, (_, i) => i)).toEqual(picked);
    }
  });
});
