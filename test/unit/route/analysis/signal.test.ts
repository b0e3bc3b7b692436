import { describe, expect, it } from 'vitest';
import { decide } from '../../../../src/route/analysis/policies.js';
import { auroc, deferralConfusion, signalAuroc } from '../../../../src/route/analysis/signal.js';
import { toyItems } from '../fixture.js';

describe('auroc (Mann–Whitney U / n₊n₋, ties ½)', () => {
  it.each([
    ['perfect', [3, 2, 1, 0], [true, true, false, false], 1],
    ['reversed', [0, 1, 2, 3], [true, true, false, false], 0],
    ['all ties', [5, 5, 5, 5], [true, false, true, false], 0.5],
    ['one tie across classes', [2, 1, 1, 0], [true, true, false, false], 0.875],
    ['no negatives', [1, 2], [true, true], null],
    ['empty', [], [], null],
  ] as const)('%s', (_name, scores, labels, want) => {
    expect(auroc(scores, labels)).toBe(want);
  });

  it('length mismatch throws', () => {
    expect(() => auroc([1], [])).toThrow(RangeError);
  });

  it('signalAuroc says why it is null', () => {
    const r = signalAuroc(toyItems({ qS: 1 }), 'post');
    expect(r).toMatchObject({ auroc: null, nOk: 10, nFail: 0 });
    expect(r.note).toMatch(/10 right, 0 wrong/);
    expect(() => signalAuroc(toyItems({ signal: undefined }), 'post')).toThrow(/has no signal/);
  });
});

describe('deferralConfusion at τ* on the toy cascade', () => {
  // Cascade τ = 0.6 escalates items 5..9: (S,L) = (0,1) useful, (0,0) needless, (1,1) needless,
  // (0,1) useful, (0,1) useful. Kept items 0..4: S right on 0,1,2,4 and wrong on 3.
  it('k = 5', () => {
    const items = toyItems();
    expect(deferralConfusion(items, decide(items, { kind: 'cascade', threshold: 0.6 }))).toEqual({
      n: 10, correctAccept: 4, falseAccept: 1, useful: 3, needless: 2, harmful: 0,
    });
  });

  it('k = 8 escalates item 2, where S was right and L wrong: harmful', () => {
    const items = toyItems();
    expect(deferralConfusion(items, decide(items, { kind: 'cascade', threshold: 0.85 }))).toMatchObject({ harmful: 1, falseAccept: 0 });
  });

  it('rejects fractional weights', () => {
    const items = toyItems();
    expect(() => deferralConfusion(items, decide(items, { kind: 'random', share: 0.5 }))).toThrow(/not 0 or 1/);
  });
});
