import type { GradedLabel, JudgeVerdict, ReducedVerdict, Winner, WinnerProbs } from '../types/judge-task.js';

// Graded pairwise verdicts (Arena-Hard's five levels) and the continuous preference of a pairwise
// judge. A label is read from whatever the judge wrote: "[[A>>B]]", "A >> B", "a>b", "A≫B", "B<A",
// "A == B", "tie". The preference for output A of one verdict, on 0..1:
//   graded:   A>>B 1, A>B 0.75, A=B 0.5, B>A 0.25, B>>A 0 (a strong verdict moves the preference
//             twice as far from a tie as a weak one);
//   logprobs: P(A) + P(tie)/2, the verdict token's probabilities renormalised over A, B and tie
//             (AlpacaEval's weighted preference); an answer without usable log-probabilities counts
//             its discrete verdict (A 1, tie 0.5, B 0) and is counted as such.
// k samples of one order: the mean of their preferences.

export const GRADED_PREFERENCE_A: Readonly<Record<GradedLabel, number>> = { 'A>>B': 1, 'A>B': 0.75, 'A=B': 0.5, 'B>A': 0.25, 'B>>A': 0 };
export const GRADED_WINNER: Readonly<Record<GradedLabel, Winner>> = { 'A>>B': 'A', 'A>B': 'A', 'A=B': 'tie', 'B>A': 'B', 'B>>A': 'B' };
const DISCRETE_PREFERENCE_A: Readonly<Record<Winner, number>> = { A: 1, tie: 0.5, B: 0 };

const LABEL = /^\[{0,2}([AB])(>>|>|==|=|<<|<)([AB])\]{0,2}$/;

/** One label from its text, however written; undefined when it is not one of the five levels. */
export function readGradedLabel(raw: string): GradedLabel | undefined {
  const t = raw.normalize('NFKC').replace(/≫/g, '>>').replace(/≪/g, '<<').replace(/\s+/g, '').toUpperCase();
  if (t === 'TIE' || t === '[[TIE]]') return 'A=B';
  const m = LABEL.exec(t);
  if (m === null) return undefined;
  const [, x = '', op = '', y = ''] = m;
  if (x === y) return undefined;
  if (op === '=' || op === '==') return 'A=B';
  // "A<B" is "B>A": the greater side first.
  const [left, strong] = op.startsWith('<') ? [y, op === '<<'] : [x, op === '>>'];
  return (left === 'A' ? (strong ? 'A>>B' : 'A>B') : strong ? 'B>>A' : 'B>A');
}

// Bounded, linear patterns: a label is at most a few characters, so no backtracking blow-up.
const DOUBLE = /\[\[([^[\]]{1,16})\]\]/g;
const SINGLE = /\[([^[\]]{1,16})\]/g;
const SAID = /verdict\W{0,12}([ab]\s{0,3}(?:>>|≫|>|==|=|<<|≪|<)\s{0,3}[ab])(?![a-z])/gi;

export type LabelSearch = { ok: true; label: GradedLabel } | { ok: false; why: 'none' | 'conflict'; labels: readonly GradedLabel[] };

/**
 * The judge's graded label in free text, as Arena-Hard reads it: every [[…]] label (then, failing
 * that, every […] label, then "verdict: A>B" written without brackets); one distinct label is the
 * verdict, two different ones are no verdict (a conflict), none is no verdict.
 */
export function findGradedLabel(text: string): LabelSearch {
  for (const pattern of [DOUBLE, SINGLE, SAID]) {
    const labels = [...text.matchAll(pattern)].map((m) => readGradedLabel(m[1] ?? '')).filter((l) => l !== undefined);
    const distinct = [...new Set(labels)];
    if (distinct.length === 1 && distinct[0] !== undefined) return { ok: true, label: distinct[0] };
    if (distinct.length > 1) return { ok: false, why: 'conflict', labels: distinct };
  }
  return { ok: false, why: 'none', labels: [] };
}

type PairVerdictOf = Extract<JudgeVerdict, { kind: 'pairwise' }>;

/** One verdict's preference for output A on 0..1, and whether it came from log-probabilities. */
export function preferenceOfA(v: PairVerdictOf): { value: number; fromProbs: boolean } {
  if (v.grade !== undefined) return { value: GRADED_PREFERENCE_A[v.grade], fromProbs: false };
  if (v.probs !== undefined) return { value: v.probs.A + v.probs.tie / 2, fromProbs: true };
  return { value: DISCRETE_PREFERENCE_A[v.winner], fromProbs: false };
}

/**
 * The reduced verdict with its continuous preference for output A (graded or logprobs asked),
 * the mean over the valid samples; with logprobs, how many samples had none.
 */
export function withPreference(reduced: ReducedVerdict, verdicts: readonly JudgeVerdict[], how: { graded: boolean; logprobs: boolean }): ReducedVerdict {
  if (reduced.kind !== 'pairwise' || (!how.graded && !how.logprobs)) return reduced;
  const prefs = verdicts.filter((v): v is PairVerdictOf => v.kind === 'pairwise').map(preferenceOfA);
  if (prefs.length === 0) return reduced;
  const preferA = prefs.reduce((s, p) => s + p.value, 0) / prefs.length;
  const noLogprobs = prefs.filter((p) => !p.fromProbs).length;
  return { ...reduced, preferA, ...(how.logprobs && !how.graded && { noLogprobs }) };
}

/** The candidate's preference over both orders: its preference as A (shown first), and 1 − the opponent's as A. */
export const candidatePreference = (candidateFirstPreferA: number, candidateSecondPreferA: number): number =>
  Math.round(((candidateFirstPreferA + 1 - candidateSecondPreferA) / 2) * 1e9) / 1e9;

/** P(A) + P(tie)/2 etc. are only meaningful over a distribution: renormalised, or undefined when empty. */
export function normaliseProbs(mass: WinnerProbs): WinnerProbs | undefined {
  const total = mass.A + mass.B + mass.tie;
  if (!(total > 0) || !Number.isFinite(total)) return undefined;
  return { A: mass.A / total, B: mass.B / total, tie: mass.tie / total };
}
