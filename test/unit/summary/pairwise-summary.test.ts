import { describe, expect, it } from 'vitest';
import { pairwiseTally, pairwiseVerdict } from '../../../src/summary/pairwise-summary.js';
import { summarizePairwise } from '../../../src/judge/pairwise.js';
import { wilson } from '../../../src/stats/intervals.js';
import { zCritical } from '../../../src/stats/distributions.js';
import { pairwiseLine } from '../../../src/report/render/lines.js';
import type { Winner } from '../../../src/types/judge-task.js';
import type { PairVerdict } from '../../../src/types.js';

// The model summary's `pairwise` field: the tally of pairwise scores by scorer, the win rate
// (wins + ties/2)/n, the declared winner (a sign test on the decisive items), and its one-line render.

const pair = (candidateFirst: Winner, candidateSecond: Winner): PairVerdict => ({ candidateFirst, candidateSecond, flipped: false, outcome: 'tie' });
const items = (n: number, first: Winner, second: Winner) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, candidateFirst: first, candidateSecond: second }));

describe('pairwiseVerdict', () => {
  it.each([
    // items → win rate, winner
    ['always position A', [...items(20, 'A', 'A')], 0.5, null],
    ['a consistent preference for the candidate', [...items(10, 'A', 'B')], 1, 'candidate'],
    ['a consistent preference for the baseline', [...items(10, 'B', 'A')], 0, 'baseline'],
    ['a close split', [...items(6, 'A', 'B'), ...items(4, 'B', 'A')], 0.6, null],
    ['wins and ties', [...items(8, 'A', 'B'), ...items(8, 'tie', 'tie')], 0.75, 'candidate'],
    ['nothing', [], null, null],
  ] as const)('%s → win rate %s, winner %s', (_what, list, winRate, winner) => {
    expect(pairwiseVerdict(summarizePairwise(list).summary)).toEqual({ winRate, winner });
  });
});

describe('pairwiseTally', () => {
  it('is undefined without a pairwise score, so the summary leaves the field out', () => {
    const t = pairwiseTally();
    t.add({ sampleId: 's1', epoch: 1, scores: [{ name: 'equals' }] });
    expect(t.totals()).toBeUndefined();
  });

  it('summarises each pairwise scorer over its (sample, epoch) items', () => {
    const t = pairwiseTally();
    for (let i = 0; i < 4; i++) t.add({ sampleId: `s${i}`, epoch: 1, scores: [{ name: 'equals' }, { name: 'vs-a', pair: pair('A', 'A') }, { name: 'vs-b', pair: pair('A', 'B') }] });
    const [a, b] = t.totals() ?? [];
    expect(a).toMatchObject({ scorer: 'vs-a', n: 4, winRate: 0.5, winner: null, flips: { x: 4, rate: 1 }, firstPositionWins: { x: 8, n: 8, rate: 1 }, ties: { x: 4 } });
    expect(b).toMatchObject({ scorer: 'vs-b', n: 4, winRate: 1, wins: { x: 4 }, flips: { x: 0 }, firstPositionWins: { x: 4, n: 8, rate: 0.5 } });
  });
});

describe('pairwiseLine', () => {
  it.each([
    [items(10, 'A', 'A'), /^pairwise vs: no winner over 10 item\(s\); win rate 50\.0%; wins 0\.0% \(0\.0%–27\.8%\), ties 100\.0% \(72\.2%–100\.0%\), losses 0\.0% .*position flips 100\.0%, first position won 100\.0% of order verdicts$/],
    [items(10, 'A', 'B'), /^pairwise vs: the candidate wins over 10 item\(s\); win rate 100\.0%;.*position flips 0\.0%, first position won 50\.0%/],
  ])('renders %#', (list, line) => {
    const summary = summarizePairwise(list).summary;
    expect(pairwiseLine({ scorer: 'vs', ...summary, ...pairwiseVerdict(summary) })).toMatch(line);
  });
});

describe('pairwise intervals at the run\'s level', () => {
  it('summarizePairwise and the winner rule follow the level (Wilson with z of the level)', () => {
    // 14 wins, 6 losses: the 95% Wilson interval of 14/20 is (0.481, 0.855) — no winner —, the 80% one (0.558, 0.812) — the candidate.
    const items = [
      ...Array.from({ length: 14 }, (_, i) => ({ id: `w${i}`, candidateFirst: 'A' as const, candidateSecond: 'B' as const })),
      ...Array.from({ length: 6 }, (_, i) => ({ id: `l${i}`, candidateFirst: 'B' as const, candidateSecond: 'A' as const })),
    ];
    const at95 = summarizePairwise(items, 0.95).summary;
    const at80 = summarizePairwise(items, 0.8).summary;
    expect(at95.wins.ci).toEqual(wilson(14, 20));
    expect(at80.wins.ci).toEqual(wilson(14, 20, zCritical(0.8)));
    expect(pairwiseVerdict(at95, 0.95).winner).toBeNull();
    expect(pairwiseVerdict(at80, 0.8).winner).toBe('candidate');
  });
});
