import { describe, expect, it } from 'vitest';
import { lossWindow, outagePauses } from '../../../src/runner/congestion.js';

describe('lossWindow: do 429s cluster among the last `size` outcomes?', () => {
  const run = (size: number, outcomes: string): boolean[] => {
    const w = lossWindow(size);
    return [...outcomes].map((c) => w.note(c === 'x'));
  };

  it.each<[string, number, string, number]>([
    ['a 5% background never clusters', 20, '...................x'.repeat(10), -1],
    ['4 in 20 do (the 4th)', 20, 'x..x...x....x', 12],
    ['a fifth of a bigger window: 10 in 50', 50, 'x....'.repeat(10), 45],
    ['old losses leave the window', 20, 'xxx' + '.'.repeat(20) + 'x', -1],
  ])('%s', (_name, size, outcomes, firstCluster) => {
    expect(run(size, outcomes).indexOf(true)).toBe(firstCluster);
  });

  it('only a 429 itself reports the cluster (a success after it does not)', () => {
    const w = lossWindow(20);
    expect(['x', 'x', 'x', 'x', '.'].map((c) => w.note(c === 'x'))).toEqual([false, false, false, true, false]);
  });
});

describe('outagePauses', () => {
  it.each<[string, readonly (number | 'ok')[], readonly (number | undefined)[]]>([
    ['doubling from 0.5 s to 5 s, each failure past the pause', [0, 500, 1_500, 3_500, 7_500, 12_500], [500, 1_500, 3_500, 7_500, 12_500, 17_500]],
    ['failures during a pause start none', [0, 100, 499], [500, undefined, undefined]],
    ['a success starts over', [0, 500, 'ok', 1_500], [500, 1_500, undefined, 2_000]],
  ])('%s', (_name, events, want) => {
    const o = outagePauses();
    expect(events.map((e) => (e === 'ok' ? (o.succeeded(), undefined) : o.failed(e)))).toEqual(want);
  });
});
