import { describe, expect, it } from 'vitest';
import { candidatePreference, GRADED_PREFERENCE_A, preferenceOfA } from '../../../src/judge/graded.js';
import { winnerOfToken, winnerProbs } from '../../../src/judge/verdict-logprobs.js';
import { continuousWinRate } from '../../../src/summary/pairwise-continuous.js';
import type { TokenLogprob } from '../../../src/types.js';
import type { GradedLabel, Winner } from '../../../src/types/judge-task.js';
import { winnerToken, wireLogprobs } from '../../support/openai-logprobs.js';

// Reference values computed with numpy 2.4 / scipy 1.17 (python3), committed here:
//
//   import numpy as np; from scipy import stats
//   G = {'A>>B': 1.0, 'A>B': 0.75, 'A=B': 0.5, 'B>A': 0.25, 'B>>A': 0.0}
//   def summarize(prefs, level=0.95):
//       x = np.asarray(prefs, dtype=float); n = len(x)
//       m = x.mean(); se = x.std(ddof=1) / np.sqrt(n)          # AlpacaEval's standard error
//       h = stats.t.ppf(0.5 + level / 2, n - 1) * se
//       return n, m, se, max(0, m - h), min(1, m + h)
//   prefs = [(G[f] + 1 - G[s]) / 2 for f, s in GRADED]            # candidate first, candidate second
//   def pa(m): a, b, t = m; return (a + t / 2) / (a + b + t)      # renormalised over A, B, tie
//   lprefs = [(pa(f) + 1 - pa(s)) / 2 for f, s in LOGPROBS]
//
// graded   → n 12, mean 0.625,          se 0.089717570321, 95% CI 0.427532959125 .. 0.822467040875
//            (90% CI 0.46387757749 .. 0.78612242251)
// logprobs → n 8,  mean 0.544655785336, se 0.107545685787, 95% CI 0.29035064857 .. 0.798960922101
// [0.75, 0.25]            → mean 0.5, se 0.25, CI clipped to 0 .. 1
// [1, 1, 1, 0.875]        → mean 0.96875, se 0.03125, CI 0.86929855296 .. 1 (clipped)

const GRADED: readonly (readonly [GradedLabel, GradedLabel])[] = [
  ['A>>B', 'B>>A'], ['A>B', 'B>A'], ['A=B', 'A=B'], ['A>B', 'A=B'], ['B>A', 'A>B'], ['A>>B', 'B>A'],
  ['B>>A', 'A>>B'], ['A>B', 'A>B'], ['A=B', 'B>>A'], ['A>>B', 'B>>A'], ['B>A', 'A=B'], ['A>B', 'B>>A'],
];
type Mass = readonly [number, number, number]; // A, B, tie: raw probabilities at the verdict token
const LOGPROBS: readonly (readonly [Mass, Mass])[] = [
  [[0.90, 0.08, 0.02], [0.10, 0.85, 0.05]], [[0.55, 0.40, 0.05], [0.30, 0.60, 0.10]], [[0.20, 0.75, 0.0], [0.70, 0.25, 0.0]],
  [[0.45, 0.45, 0.05], [0.45, 0.45, 0.05]], [[0.97, 0.01, 0.01], [0.02, 0.96, 0.01]], [[0.33, 0.33, 0.33], [0.6, 0.2, 0.1]],
  [[0.05, 0.9, 0.02], [0.8, 0.1, 0.05]], [[0.7, 0.2, 0.1], [0.4, 0.5, 0.1]],
];

const gradedPref = (l: GradedLabel) => preferenceOfA({ kind: 'pairwise', reasoning: '', winner: 'A', grade: l }).value;

/** The verdict answer's tokens as the endpoint returns them, with `mass` at the verdict token (the OpenAI wire shape, mapped as the provider maps it). */
function answerTokens(mass: Mass): { tokens: TokenLogprob[]; winner: Winner } {
  const [a, b, tie] = mass;
  const winner: Winner = a >= b && a >= tie ? 'A' : b >= tie ? 'B' : 'tie';
  const text = `{"reasoning":"compared both","winner":"${winner}"}`;
  const probs: Record<string, number> = { A: a, B: b, ...(tie > 0 && { tie }), ' the': 0.001 };
  const wire = wireLogprobs(text, 5, [{ at: winnerToken, probs }]);
  return { tokens: wire.map((t) => ({ token: t.token, logprob: t.logprob, top: t.top_logprobs.map((x) => ({ token: x.token, logprob: x.logprob })) })), winner };
}

function logprobPref(mass: Mass): number {
  const { tokens, winner } = answerTokens(mass);
  const probs = winnerProbs(tokens, winner);
  if (probs === undefined) throw new Error('no probabilities at the verdict token');
  return preferenceOfA({ kind: 'pairwise', reasoning: '', winner, probs }).value;
}

describe('the continuous win rate against numpy/scipy', () => {
  it.each([
    ['graded, 95%', GRADED.map(([f, s]) => candidatePreference(gradedPref(f), gradedPref(s))), 0.95, 'graded', { n: 12, winRate: 0.625, se: 0.089717570321, ci: [0.427532959125, 0.822467040875] }],
    ['graded, 90%', GRADED.map(([f, s]) => candidatePreference(gradedPref(f), gradedPref(s))), 0.9, 'graded', { n: 12, winRate: 0.625, se: 0.089717570321, ci: [0.46387757749, 0.78612242251] }],
    ['logprobs through the wire shape', LOGPROBS.map(([f, s]) => candidatePreference(logprobPref(f), logprobPref(s))), 0.95, 'logprobs', { n: 8, winRate: 0.544655785336, se: 0.107545685787, ci: [0.29035064857, 0.798960922101] }],
    ['two items: the interval clipped to 0..1', [0.75, 0.25], 0.95, 'graded', { n: 2, winRate: 0.5, se: 0.25, ci: [0, 1] }],
    ['near the top: clipped at 1', [1, 1, 1, 0.875], 0.95, 'graded', { n: 4, winRate: 0.96875, se: 0.03125, ci: [0.86929855296, 1] }],
  ] as const)('%s', (_what, prefs, level, from, want) => {
    const got = continuousWinRate(prefs, from, 0, level);
    if (got === undefined) throw new Error('no win rate');
    expect(got.n).toBe(want.n);
    expect(got.winRate).toBeCloseTo(want.winRate, 6);
    expect(got.se).toBeCloseTo(want.se, 6);
    expect(got.ci?.[0]).toBeCloseTo(want.ci[0], 6);
    expect(got.ci?.[1]).toBeCloseTo(want.ci[1], 6);
  });

  it('the per-item preferences match the fixture\'s', () => {
    expect(GRADED.map(([f, s]) => candidatePreference(gradedPref(f), gradedPref(s)))).toEqual([1, 0.75, 0.5, 0.625, 0.25, 0.875, 0, 0.5, 0.75, 1, 0.375, 0.875]);
    const lp = LOGPROBS.map(([f, s]) => candidatePreference(logprobPref(f), logprobPref(s)));
    [0.8925, 0.6125, 0.236842105263, 0.5, 0.979797979798, 0.388888888889, 0.096717308736, 0.65].forEach((v, i) => expect(lp[i]).toBeCloseTo(v, 8));
  });

  it('one item: no SE and no interval; none: no win rate; logprobs carries the count of items without them', () => {
    expect(continuousWinRate([0.75], 'graded', 0)).toEqual({ from: 'graded', n: 1, winRate: 0.75, se: null, ci: null });
    expect(continuousWinRate([], 'graded', 0)).toBeUndefined();
    expect(continuousWinRate([0.5, 1], 'logprobs', 3)).toMatchObject({ noLogprobs: 3 });
  });

  it('the graded values are symmetric: a strong verdict moves twice as far from a tie as a weak one', () => {
    expect(GRADED_PREFERENCE_A).toEqual({ 'A>>B': 1, 'A>B': 0.75, 'A=B': 0.5, 'B>A': 0.25, 'B>>A': 0 });
  });
});

describe('winnerProbs: the verdict token of a JSON answer', () => {
  it.each([
    ['A', 'A'], [' A', 'A'], ['"A', 'A'], ['a', 'A'], ['B', 'B'], ['tie', 'tie'], ['t', 'tie'], ['Tie', 'tie'],
    ['ties', undefined], ['AB', undefined], ['"', undefined], ['{', undefined], ['reasoning', undefined],
  ])('token %j stands for %s', (token, winner) => {
    expect(winnerOfToken(token)).toBe(winner);
  });

  const tok = (token: string, p = 0.99, top: Record<string, number> = {}): TokenLogprob => ({
    token, logprob: Math.log(p), top: Object.entries(top).map(([t, q]) => ({ token: t, logprob: Math.log(q) })),
  });
  it('the last "winner" value is the position; alternatives renormalised over A, B, tie', () => {
    const tokens = [tok('{"'), tok('winner'), tok('":"'), tok('B', 0.3, { A: 0.5, B: 0.3, ' A': 0.1, x: 0.05 }), tok('"}'),
      tok(' {"'), tok('winner'), tok('":"'), tok('A', 0.6, { A: 0.6, B: 0.2, tie: 0.2, '-': 0.1 }), tok('"}')];
    const p = winnerProbs(tokens, 'A');
    expect(p?.A).toBeCloseTo(0.6, 12);
    expect(p?.B).toBeCloseTo(0.2, 12);
    expect(p?.tie).toBeCloseTo(0.2, 12);
  });
  it.each([
    ['no tokens', []],
    ['no winner key', [tok('{"'), tok('score'), tok('":'), tok('7'), tok('}')]],
    ['the chosen token disagrees with the parsed verdict', [tok('{"winner":"'), tok('B', 0.9, { B: 0.9, A: 0.1 }), tok('"}')]],
    ['the value is not a verdict token', [tok('{"winner":"'), tok('maybe'), tok('"}')]],
    ['the key at the very end', [tok('{"winner":"')]],
  ])('%s: undefined (the discrete verdict is used)', (_what, tokens) => {
    expect(winnerProbs(tokens as TokenLogprob[], 'A')).toBeUndefined();
  });
  it('a chosen token missing from its own top list still counts', () => {
    const p = winnerProbs([tok('{"winner":"'), tok('A', 0.5, { B: 0.25, tie: 0.25 }), tok('"}')], 'A');
    expect(p).toEqual({ A: 0.5, B: 0.25, tie: 0.25 });
  });
});
