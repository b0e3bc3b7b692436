import { describe, expect, it } from 'vitest';
import { pairwiseTally } from '../../../src/summary/pairwise-summary.js';
import type { PairVerdict } from '../../../src/types.js';

// The pairwise entry's `continuous` field: only for scorers whose verdicts carry a preference
// (scale: graded or logprobs: true); A/B/tie scorers' entries are exactly as before.

const pair = (outcome: PairVerdict['outcome'], extra: Partial<PairVerdict> = {}): PairVerdict => ({
  candidateFirst: outcome === 'win' ? 'A' : outcome === 'loss' ? 'B' : 'tie',
  candidateSecond: outcome === 'win' ? 'B' : outcome === 'loss' ? 'A' : 'tie',
  flipped: false, outcome, ...extra,
});

describe('pairwiseTally: the continuous win rate', () => {
  it('A/B/tie verdicts: no continuous field', () => {
    const t = pairwiseTally();
    t.add({ sampleId: 's1', epoch: 1, scores: [{ name: 'pw', pair: pair('win') }] });
    t.add({ sampleId: 's2', epoch: 1, scores: [{ name: 'pw', pair: pair('loss') }] });
    expect(t.totals()?.[0]).not.toHaveProperty('continuous');
  });

  it('graded: the mean preference with its SE, per scorer, beside the discrete win rate', () => {
    const t = pairwiseTally();
    t.add({ sampleId: 's1', epoch: 1, scores: [{ name: 'g', pair: pair('win', { preference: 1, preferenceFrom: 'graded' }) }, { name: 'pw', pair: pair('win') }] });
    t.add({ sampleId: 's2', epoch: 1, scores: [{ name: 'g', pair: pair('tie', { preference: 0.625, preferenceFrom: 'graded' }) }] });
    t.add({ sampleId: 's3', epoch: 1, scores: [{ name: 'g', pair: pair('loss', { preference: 0.25, preferenceFrom: 'graded' }) }] });
    const [g, pw] = t.totals() ?? [];
    expect(g?.winRate).toBe(0.5);
    // numpy: mean 0.625, std(ddof=1)/sqrt(3) = 0.216506350946; t(2, 0.975) = 4.302652729749 → CI clipped to 0 .. 1
    expect(g?.continuous).toMatchObject({ from: 'graded', n: 3, winRate: 0.625, ci: [0, 1] });
    expect(g?.continuous?.se).toBeCloseTo(0.216506350946, 6);
    expect(pw).not.toHaveProperty('continuous');
  });

  it('logprobs: the items with an answer without log-probabilities are counted (once each)', () => {
    const t = pairwiseTally();
    t.add({ sampleId: 's1', epoch: 1, scores: [{ name: 'lp', pair: pair('win', { preference: 0.9, preferenceFrom: 'logprobs', noLogprobs: 0 }) }] });
    t.add({ sampleId: 's2', epoch: 1, scores: [{ name: 'lp', pair: pair('win', { preference: 0.75, preferenceFrom: 'logprobs', noLogprobs: 2 }) }] });
    t.add({ sampleId: 's3', epoch: 1, scores: [{ name: 'lp', pair: pair('loss', { preference: 0.25, preferenceFrom: 'logprobs', noLogprobs: 1 }) }] });
    expect(t.totals()?.[0]?.continuous).toMatchObject({ from: 'logprobs', n: 3, noLogprobs: 2 });
  });
});
