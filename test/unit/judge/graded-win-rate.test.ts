import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { candidatePreference, GRADED_PREFERENCE_A, preferenceOfA } from '../../../src/judge/graded.js';
import { winnerOfToken, winnerProbs } from '../../../src/judge/verdict-logprobs.js';
import { continuousWinRate } from '../../../src/summary/pairwise-continuous.js';
import type { TokenLogprob } from '../../../src/types.js';
import type { GradedLabel, Winner } from '../../../src/types/judge-task.js';
import { winnerToken, wireLogprobs } from '../../support/openai-logprobs.js';

// Reference values: test/fixtures/stats/graded_win_rate.py (numpy 2.4 / scipy 1.17), written to
// graded-win-rate.json and committed. Its core:
//
//   GRADE_A = {'A>>B': 1.0, 'A>B': 0.75, 'A=B': 0.5, 'B>A': 0.25, 'B>>A': 0.0}
//   prefs = [(GRADE_A[f] + 1 - GRADE_A[s]) / 2 for f, s in GRADED]       # candidate first, candidate second
//   def pref_a(m): a, b, t = m; return (a + t / 2) / (a + b + t)         # renormalised over A, B, tie
//   weighted = [(pref_a(f) + 1 - pref_a(s)) / 2 for f, s in MASSES]
//   mean = x.mean(); se = x.std(ddof=1) / np.sqrt(n)                     # AlpacaEval's standard error
//   half = stats.t.ppf(0.5 + level / 2, n - 1) * se; ci = [max(0, mean - half), min(1, mean + half)]
//
// graded   → n 12, mean 0.625,          se 0.089717570321, 95% CI 0.427532959125 .. 0.822467040875
// logprobs → n 8,  mean 0.544655785336, se 0.107545685787, 95% CI 0.29035064857 .. 0.798960922101

type Mass = readonly [number, number, number]; // A, B, tie: raw probabilities at the verdict token
interface Case {
  name: string; level: number; prefs: number[]; n: number; winRate: number; se: number; ci: [number, number];
  labels?: [GradedLabel, GradedLabel][]; masses?: [Mass, Mass][];
}
const CASES = JSON.parse(readFileSync(new URL('../../fixtures/stats/graded-win-rate.json', import.meta.url), 'utf8')) as Case[];

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
  /** The items' preferences as the harness computes them: from the labels, from the verdict tokens' wire logprobs, or given. */
  const prefsOf = (c: Case): number[] =>
    c.labels?.map(([f, s]) => candidatePreference(gradedPref(f), gradedPref(s)))
    ?? c.masses?.map(([f, s]) => candidatePreference(logprobPref(f), logprobPref(s)))
    ?? c.prefs;

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const prefs = prefsOf(c);
    prefs.forEach((v, i) => expect(v).toBeCloseTo(c.prefs[i] ?? Number.NaN, 8));
    const got = continuousWinRate(prefs, c.masses === undefined ? 'graded' : 'logprobs', 0, c.level);
    if (got === undefined) throw new Error('no win rate');
    expect(got.n).toBe(c.n);
    expect(got.winRate).toBeCloseTo(c.winRate, 6);
    expect(got.se).toBeCloseTo(c.se, 6);
    expect(got.ci?.[0]).toBeCloseTo(c.ci[0], 6);
    expect(got.ci?.[1]).toBeCloseTo(c.ci[1], 6);
  });

  it('the fixture covers both kinds, a second level and both clipped ends', () => {
    expect(CASES.map((c) => c.name)).toEqual(['graded', 'graded at 90%', 'logprobs', 'two items: clipped to 0..1', 'near the top: clipped at 1']);
    expect(CASES[0]?.winRate).toBe(0.625);
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
