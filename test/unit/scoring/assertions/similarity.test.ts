import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/types.js';
import { expectVerdict, run } from './harness.js';

type Row = readonly [label: string, text: string, target: Json, options: Readonly<Record<string, Json>>, value: number, pass: boolean];

describe('similarity', () => {
  it.each<Row>([
    ['identical', 'The cat sat on the mat.', 'The cat sat on the mat.', {}, 1, true],
    ['trailing newline ignored', 'Paris\n', 'Paris', {}, 1, true],
    ['kitten/sitting: 3 edits over 7', 'kitten', 'sitting', {}, 1 - 3 / 7, false],
    // 10 characters, 2 edits: ratio exactly 0.8, the default threshold → pass.
    ['at the default threshold', 'abcdefghXY', 'abcdefghij', {}, 0.8, true],
    // 10 characters, 3 edits: 0.7 < 0.8.
    ['just under the default threshold', 'abcdefgXYZ', 'abcdefghij', {}, 0.7, false],
    ['at a custom threshold', 'abcdefgXYZ', 'abcdefghij', { threshold: 0.7 }, 0.7, true],
    ['threshold 1 demands identity', 'abcdefghiX', 'abcdefghij', { threshold: 1 }, 0.9, false],
    ['threshold 1, identical', 'abcdefghij', 'abcdefghij', { threshold: 1 }, 1, true],
    ['threshold 0 accepts anything', 'zzz', 'abcdefghij', { threshold: 0 }, 0, true],
    ['case-sensitive by default', 'HELLO', 'hello', {}, 0, false],
    ['ignore_case', 'HELLO World', 'hello world', { ignore_case: true }, 1, true],
    ['empty output', '', 'Paris', {}, 0, false],
    ['both empty', '', '', {}, 1, true],
    ['accents count as edits', 'naive cafe', 'naïve café', {}, 0.8, true],
    ['accents, ignore_case', 'NAÏVE CAFÉ', 'naïve café', { ignore_case: true }, 1, true],
    ['CJK, one character of three missing', '東京', '東京都', {}, 1 - 1 / 3, false],
    ['emoji are one character each', '😀', '😁', {}, 0, false],
    ['emoji with text: 1 edit over 4 characters', 'ok 😀', 'ok 😁', { threshold: 0.75 }, 0.75, true],
    ['numeric target as text', '1299', 1299, {}, 1, true],
  ])('%s', async (_label, text, target, options, value, pass) => {
    const s = await run({ type: 'similarity', options }, { text, target });
    expectVerdict(s, pass);
    expect(s.value).toBeCloseTo(value, 10);
  });

  it('the reason shows the ratio and the threshold', async () => {
    const s = await run({ type: 'similarity', options: { threshold: 0.9 } }, { text: 'kitten', target: 'sitting' });
    expect(s.reason).toContain('0.571');
    expect(s.reason).toContain('0.9');
  });

  it('negated: value becomes 1 − ratio and the verdict flips', async () => {
    const s = await run({ type: 'similarity', negate: true }, { text: 'kitten', target: 'sitting' });
    expectVerdict(s, true);
    expect(s.value).toBeCloseTo(3 / 7, 10);
  });

  it.each<[string, string, string]>([
    ['100,000 characters each (10¹⁰ cells)', 'a'.repeat(100_000), 'b'.repeat(100_000)],
    ['one huge side: 4·10⁹ + 1,000 cells', 'a'.repeat(4_000_001), 'b'.repeat(1_000)],
    ['200,000 emoji each (surrogate pairs: code points count)', '😀'.repeat(200_000), '😁'.repeat(200_000)],
  ])('too long to compare in bounded time: a scorer error, at once (%s)', async (_label, text, target) => {
    await expect(run({ type: 'similarity' }, { text, target })).rejects.toThrow(/too long to compare in bounded time .* is above 4,000,000,000\); compare a shorter part, or use contains or regex/);
  });

  it('at the bound, compared as usual: 4,000,000 × 1,000 characters', async () => {
    const s = await run({ type: 'similarity', options: { threshold: 0 } }, { text: 'a'.repeat(4_000_000), target: 'a'.repeat(1_000) });
    expect(s.value).toBeCloseTo(1 - 3_999_000 / 4_000_000, 10);
  });

  it('surrogate pairs count once: 40,000 emoji × 100,000 characters is above the bound in UTF-16 code units, not in code points', async () => {
    const s = await run({ type: 'similarity' }, { text: '😀'.repeat(40_000), target: 'x'.repeat(100_000) });
    expect(s.value).toBeCloseTo(0, 10);
  });
});
