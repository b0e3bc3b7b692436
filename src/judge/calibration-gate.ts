import type { GateResult, RunSummary } from '../stats/run-summary.js';
import type { JudgeCalibrationEntry } from './run-calibration.js';

// What a judge's calibration does to a run's gates. A required agreement is itself a gate: an entry
// not met (or with too few labelled items to measure) fails the run (verdict gate_failed, exit 1),
// whatever the scorer's weight. A gate whose figure involves the untrusted scorer — a pass-rate gate
// of the same model while the scorer has weight > 0 (it takes part in the pass verdict) — is reported
// as failed: a pass on untrusted scores is not a pass. Gates of other models, and of a model whose
// judge met its minimum, or when the scorer has weight 0, are judged as usual. Pure.

/** The sentence a report shows for one entry. */
export function calibrationMessage(e: JudgeCalibrationEntry): string {
  const who = `judge of ${e.scorer}${e.criterion === null ? '' : `/${e.criterion}`}`;
  if (e.met === true) return `${who} meets its required agreement (${e.reason})`;
  if (e.met === 'insufficient') return `${who} has too few labelled items to measure agreement (${e.reason}): its scores do not gate`;
  return `${who} below required agreement (${e.reason}): its scores do not gate`;
}

/** The entries that make a model's scores untrusted: not met, on a scorer that takes part in the verdict. */
export function untrustedFor(entries: readonly JudgeCalibrationEntry[], model: string): JudgeCalibrationEntry[] {
  return entries.filter((e) => e.model === model && e.met !== true && e.inVerdict);
}

function distrust(g: GateResult, entries: readonly JudgeCalibrationEntry[]): GateResult {
  const bad = g.skipped ? [] : untrustedFor(entries, g.model);
  if (bad.length === 0) return g;
  return { ...g, pass: false, reason: `${g.reason}; not trusted: ${bad.map(calibrationMessage).join('; ')}` };
}

/**
 * The summary with its `judgeCalibration` entries, its gates re-judged and its verdict. A shard
 * (--shard i/n) holds only its slice of the labelled samples, so its entries are reported but gate
 * nothing: `merge` calibrates the whole run and gates there.
 */
export function applyJudgeCalibration(s: RunSummary, entries: readonly JudgeCalibrationEntry[]): RunSummary {
  if (entries.length === 0) return s;
  if (s.shard !== null) return { ...s, judgeCalibration: entries };
  const gates = s.gates.map((g) => distrust(g, entries));
  const failed = entries.some((e) => e.met !== true) || gates.some((g) => !g.pass);
  const verdict = s.verdict === 'incomplete' ? 'incomplete' : failed ? 'gate_failed' : s.verdict;
  return { ...s, gates, verdict, judgeCalibration: entries };
}
