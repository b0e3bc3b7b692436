import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../../src/runner/shard.js';
import { InputError } from '../../../src/errors.js';

describe('parseShard', () => {
  it.each([
    ['1/1', 1, 1], ['1/3', 1, 3], ['3/3', 3, 3], [' 2 / 5 ', 2, 5], ['10/12', 10, 12],
  ] as const)('%j → %i of %i', (text, index, count) => {
    expect(parseShard(text)).toEqual({ index, count });
  });
  it.each(['0/3', '4/3', '1/0', '-1/3', '1.5/3', '1/3.0', 'a/b', '1', '1/', '/3', '1/3/5', '', '1 3'])('rejects %j with a message naming the form', (text) => {
    expect(() => parseShard(text)).toThrow(InputError);
    try { parseShard(text); } catch (err) { expect((err as InputError).issues[0]).toContain('must be i/n'); }
  });
});

describe('inShard', () => {
  it.each([1, 2, 3, 7])('the %i slices of 31 samples are disjoint, cover all and differ in size by at most one', (n) => {
    const sizes = Array.from({ length: n }, (_, k) => Array.from({ length: 31 }, (_, i) => i).filter((i) => inShard(i, { index: k + 1, count: n })));
    expect(sizes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const lengths = sizes.map((s) => s.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
  });
  it('no shard: every sample', () => {
    expect([0, 1, 99].every((i) => inShard(i, undefined))).toBe(true);
  });
});
