import { describe, expect, it } from 'vitest';
import { aiq, costQualityPoints, hullArea, ndch, zeroRouterAiq } from '../../../../src/route/analysis/aiq.js';
import { runPolicy } from '../../../../src/route/analysis/policies.js';
import type { CostQuality } from '../../../../src/route/analysis/types.js';
import { toyItems } from '../fixture.js';

const cq = (pairs: readonly (readonly [number, number])[]): CostQuality[] => pairs.map(([cost, quality]) => ({ cost, quality }));

describe('ndch', () => {
  it.each([
    ['empty', [], []],
    ['one point', [[2, 0.5]], [[2, 0.5]]],
    ['drops dominated and collinear points, extends flat to the dearest', [[1, 0.5], [2, 0.6], [3, 0.7], [4, 0.4], [6, 0.7]], [[1, 0.5], [3, 0.7], [6, 0.7]]],
    ['the best point is the cheapest: flat from there', [[1, 0.9], [5, 0.5]], [[1, 0.9], [5, 0.9]]],
    ['same cost, keeps the better', [[1, 0.2], [1, 0.5], [2, 0.6]], [[1, 0.5], [2, 0.6]]],
  ] as const)('%s', (_name, input, want) => {
    expect(ndch(cq(input))).toEqual(cq(want));
  });
});

describe('aiq on a fixed range', () => {
  const line = cq([[1, 0.5], [3, 0.7]]);
  it.each([
    ['inside the hull', 1, 3, 0.6],
    ['flat beyond the dearest point', 1, 5, (1.2 + 1.4) / 4],
    ['nothing affordable below the cheapest point counts 0', 0, 3, 1.2 / 3],
    ['a range entirely below the hull', -2, 0, 0],
    ['a range entirely above the hull', 4, 6, 0.7],
  ])('%s: [%f, %f] → %f', (_name, min, max, want) => {
    expect(aiq(line, { min, max })).toBeCloseTo(want, 12);
  });

  it('null with no points; RangeError for an empty range', () => {
    expect(aiq([], { min: 0, max: 1 })).toBeNull();
    expect(() => aiq(line, { min: 1, max: 1 })).toThrow(RangeError);
    expect(hullArea([], 0, 1)).toBe(0);
  });

  it('the Zero router is the line S–L', () => {
    expect(zeroRouterAiq({ cost: 1, quality: 0.5 }, { cost: 3, quality: 0.7 }, { min: 1, max: 3 })).toBeCloseTo(0.6, 12);
  });

  it('costQualityPoints is null when a cost is unknown', () => {
    expect(costQualityPoints([runPolicy(toyItems({ cL: null }), { kind: 'always-l' })])).toBeNull();
  });
});
