import { pairedDifference, type PairedDifference } from '../stats/paired.js';
import { levelPct, signedPts } from '../report/render/format.js';
import { mcnemar } from '../stats/mcnemar.js';
import { pairedPermutationTest } from '../stats/bootstrap.js';
import { minimumDetectableEffect } from '../stats/power.js';
import { chooseModels, flips, pairSides, type Flip, type PairedSamples, type Side } from './pair.js';
import type { RunView } from './read-run.js';
import { withJudgeTrust } from './judge-trust.js';

// The paired comparison of a candidate against a baseline: the change
// in pass rate and mean score (candidate − baseline) with its interval, McNemar's exact test for
// pass/fail (a sign-flip permutation test with epochs, or for scores), the flipped samples both ways,
// the smallest change this many samples could detect, and the regression gates.

export interface CompareGates {
  /** Largest allowed drop in pass rate, absolute (0.02 = 2 points). */
  readonly maxDrop?: number;
  /** Largest allowed drop in mean score, absolute. */
  readonly maxScoreDrop?: number;
  /** interval: fail when the whole interval lies below −maxDrop; significance: when the drop passes maxDrop and the test says p < 1 − level. */
  readonly judge: 'interval' | 'significance';
  /** Confidence level of the intervals (0.95), so the test's level is 1 − level. */
  readonly level: number;
  /** Samples that may never go from pass to fail. */
  readonly mustPass: readonly string[];
  /** What a pass-rate gate that cannot detect its own threshold (mde > maxDrop) does: fail (default) or warn (passes, said). */
  readonly onInconclusive?: 'fail' | 'warn';
}

export interface Change {
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** candidate − baseline. */
  readonly diff: number | null;
  readonly ci: readonly [number, number] | null;
  readonly se: number | null;
  readonly seUnpaired: number | null;
  readonly correlation: number | null;
  /** mcnemar-exact: pass/fail, one item per sample; permutation: sign-flip test of the paired differences; clustered-t: with clusters, the t test of the interval (C − 1 df). */
  readonly test: { readonly name: PairedTestName; readonly p: number | null };
}

export type PairedTestName = 'mcnemar-exact' | 'permutation' | 'clustered-t';

/** inconclusive: the gate found no drop past its threshold, but this comparison cannot detect one that small. */
export type GateStatus = 'pass' | 'fail' | 'inconclusive';

export interface GateOutcome {
  readonly gate: string;
  /** Whether the gate lets the run through: false for fail, and for inconclusive unless onInconclusive is warn. */
  readonly pass: boolean;
  readonly status: GateStatus;
  readonly reason: string;
}

export interface Comparison {
  readonly baseline: { readonly run: string; readonly runId: string; readonly model: string; readonly simulated: boolean };
  readonly candidate: { readonly run: string; readonly runId: string; readonly model: string; readonly simulated: boolean };
  /** Samples paired (scored on both sides). */
  readonly n: number;
  readonly excluded: PairedSamples['excluded'];
  readonly binary: boolean;
  /** Distinct clusters among the paired samples when the runs had a group field (intervals and tests are then clustered); null otherwise. */
  readonly clusters: number | null;
  readonly level: number;
  readonly passRate: Change & { readonly discordant: { readonly regressed: number; readonly improved: number } };
  readonly score: Change;
  /** Smallest change in pass rate this comparison could detect at 80% power (two-sided, 1 − level). */
  readonly mde: number | null;
  readonly flipped: { readonly regressed: readonly Flip[]; readonly improved: readonly Flip[] };
  /** The pass-rate gate's tolerance, when one is set. */
  readonly maxDrop: number | null;
  readonly gates: readonly GateOutcome[];
}

const SEED = 20261124;
const round = (x: number | null, d = 6) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
const roundPair = (x: readonly [number, number] | null) => (x === null ? null : [round(x[0]) ?? 0, round(x[1]) ?? 0] as const);

/** A change as reported, from its paired difference (candidate − baseline). */
function change(d: PairedDifference, test: Change['test']): Change {
  return {
    baseline: round(d.meanB), candidate: round(d.meanA), diff: round(d.diff), ci: roundPair(d.ci),
    se: round(d.se), seUnpaired: round(d.seUnpaired), correlation: round(d.correlation), test, // p in full: rounded, a tiny p would read 0
  };
}

const pts = (x: number) => signedPts(x, '');

/**
 * A pass-rate gate that found no drop past its threshold: passed, or inconclusive when this many
 * samples could not detect a drop of the threshold's size (mde > maxDrop), which then fails the gate
 * unless onInconclusive is warn. The mean-score gate has no MDE here, and is never inconclusive.
 */
function blindness(gate: string, why: string, c: Pick<Comparison, 'mde' | 'n'> | null, maxDrop: number, g: CompareGates): GateOutcome {
  if (c === null || c.mde === null || !(c.mde > maxDrop)) return { gate, pass: true, status: 'pass', reason: why };
  const warn = (g.onInconclusive ?? 'fail') === 'warn';
  const blind = `inconclusive: with ${c.n} paired samples this comparison can only detect changes of ${(c.mde * 100).toFixed(1)} pts or more, wider than the ${(maxDrop * 100).toFixed(1)}-pt gate (on_inconclusive: ${warn ? 'warn' : 'fail'})`;
  return { gate, pass: warn, status: 'inconclusive', reason: `${why}; ${blind}` };
}

function gateOutcomes(c: Omit<Comparison, 'gates'>, g: CompareGates): GateOutcome[] {
  const out: GateOutcome[] = [];
  const alpha = 1 - g.level;
  const judge = (name: string, ch: Change, maxDrop: number | undefined) => {
    if (maxDrop === undefined) return;
    const gate = `${name} drop ≤ ${(maxDrop * 100).toFixed(1)} pts (${g.judge})`;
    if (ch.diff === null || ch.ci === null) {
      // Nothing to judge because no scorer applies to these answers (a pairwise reference): not a drop.
      const unscored = c.excluded.unscored > 0 && c.excluded.errors === 0;
      out.push(unscored
        ? { gate, pass: true, status: 'pass', reason: `skipped: no verdicts to compare (${c.excluded.unscored} sample(s) unscored: no scorer applies to this model's answers, the reference of a pairwise scorer)` }
        : { gate, pass: false, status: 'fail', reason: 'no paired samples to judge' });
      return;
    }
    const failed = g.judge === 'interval'
      ? ch.ci[1] < -maxDrop
      : -ch.diff > maxDrop && ch.test.p !== null && ch.test.p < alpha;
    const why = g.judge === 'interval'
      ? `change ${pts(ch.diff)}, ${levelPct(g.level)} interval [${pts(ch.ci[0])}, ${pts(ch.ci[1])}] ${failed ? 'lies wholly below' : 'reaches above'} ${pts(-maxDrop)}`
      : `change ${pts(ch.diff)}, p = ${ch.test.p?.toPrecision(3) ?? '—'} (${ch.test.name}); ${failed ? 'a significant drop past' : 'not a significant drop past'} ${(maxDrop * 100).toFixed(1)} pts at ${alpha.toFixed(2)}`;
    out.push(failed ? { gate, pass: false, status: 'fail', reason: why } : blindness(gate, why, name === 'pass rate' ? c : null, maxDrop, g));
  };
  judge('pass rate', c.passRate, g.maxDrop);
  judge('mean score', c.score, g.maxScoreDrop);
  if (g.mustPass.length > 0) {
    const regressed = new Set(c.flipped.regressed.map((f) => f.sampleId));
    const broke = g.mustPass.filter((id) => regressed.has(id));
    out.push({ gate: `must-pass samples (${g.mustPass.length})`, pass: broke.length === 0, status: broke.length === 0 ? 'pass' : 'fail', reason: broke.length === 0 ? 'none went from pass to fail' : `went from pass to fail: ${broke.join(', ')}` });
  }
  return out;
}

/**
 * The smallest change in pass rate the comparison could detect at 80% power: Miller's formula on the
 * paired differences' variance, or with clusters on their clustered SE (ω² = n·SE², the design effect
 * included). Null when the differences do not vary.
 */
function detectable(d: PairedDifference, clustered: boolean, alpha: number): number | null {
  const { n } = d;
  if (n === 0) return null;
  const omega2 = clustered ? (d.se === null ? null : n * d.se ** 2) : d.varDiff;
  return omega2 !== null && omega2 > 0 ? minimumDetectableEffect({ alpha, power: 0.8, n, omega2 }) : null;
}

/** `resamples`: of the permutation tests (0 skips them: their p is null). */
export function compareSides(base: Side, cand: Side, gates: CompareGates, opts: { readonly resamples?: number } = {}): Comparison {
  const resamples = opts.resamples ?? 5_000;
  const p = pairSides(base, cand);
  const f = flips(p);
  const alpha = 1 - gates.level;
  const regressed = f.regressed.length;
  const improved = f.improved.length;
  const { clusters } = p;
  const paired = (a: readonly number[], b: readonly number[]) => pairedDifference(b, a, clusters === null ? { level: gates.level } : { level: gates.level, clusters });
  const dPass = paired(p.passA, p.passB);
  const dScore = paired(p.scoreA, p.scoreB);
  const perm = (a: readonly number[], b: readonly number[]) => (resamples > 0 ? pairedPermutationTest(b, a, { seed: SEED, resamples })?.p ?? null : null);
  // With clusters, the test is the clustered t test behind the interval: McNemar and the sign-flip test take the samples as independent.
  const passTest: Change['test'] = clusters !== null ? { name: 'clustered-t', p: dPass.p }
    : p.binary ? { name: 'mcnemar-exact', p: p.sampleIds.length === 0 ? null : mcnemar(regressed, improved).exactP }
    : { name: 'permutation', p: perm(p.passA, p.passB) };
  const scoreTest: Change['test'] = clusters !== null ? { name: 'clustered-t', p: dScore.p } : { name: 'permutation', p: perm(p.scoreA, p.scoreB) };
  const passRate = { ...change(dPass, passTest), discordant: { regressed, improved } };
  const score = change(dScore, scoreTest);
  const mde = round(detectable(dPass, clusters !== null, alpha));
  const side = (s: Side) => ({ run: s.run.shownDir, runId: s.run.summary.runId, model: s.model, simulated: s.run.summary.models.find((m) => m.model === s.model)?.simulated ?? false });
  const c = { baseline: side(base), candidate: side(cand), n: p.sampleIds.length, excluded: p.excluded, binary: p.binary, clusters: clusters === null ? null : new Set(clusters).size, level: gates.level, passRate, score, mde, flipped: f, maxDrop: gates.maxDrop ?? null };
  return { ...c, gates: gateOutcomes(c, gates) };
}

/** Every model pair of two runs (same model id in both, or the ones named). */
export function compareRuns(base: RunView, cand: RunView, gates: CompareGates, models: { baseline?: string; candidate?: string } = {}): { comparisons: Comparison[]; problem?: string } {
  const chosen = chooseModels(base, cand, models);
  if (chosen.problem !== undefined) return { comparisons: [], problem: chosen.problem };
  return { comparisons: chosen.pairs.map(([a, b]) => withJudgeTrust(compareSides({ run: base, model: a }, { run: cand, model: b }, gates), base.summary, cand.summary)) };
}
