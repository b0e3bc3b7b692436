import type { BaselineSection, GateResult, RunSummary } from './run-summary.js';
import type { JudgeCalibrationEntry } from '../judge/agreement/run-calibration.js';
import { calibrationMessage, untrustedFor } from '../judge/agreement/calibration-gate.js';

// The one place a run's verdict is decided. Its gates: the spec's pass-rate gates, the judges'
// required agreements (judge.calibration), and the regression gates against a baseline (run
// --baseline). An incomplete run is incomplete whatever its gates say; otherwise any failed gate
// fails it (verdict gate_failed, exit 1). Pure.
//
// A judge below its required agreement fails the run, whatever the scorer's weight, and a pass-rate
// gate whose figure involves the untrusted scorer (same model, scorer weight > 0) is reported as
// failed: a pass on untrusted scores is not a pass. A shard (--shard i/n) holds only its slice of the
// labelled samples, so its calibration entries are reported but gate nothing (`merge` gates there).

export interface VerdictParts {
  /** The run did not finish (stopped, too many errors, nothing scored). */
  readonly incomplete: boolean;
  /** The run is one shard of a plan. */
  readonly shard: boolean;
  /** The spec's pass-rate gates, as the records judge them. */
  readonly gates: readonly GateResult[];
  readonly judgeCalibration?: readonly JudgeCalibrationEntry[] | undefined;
  readonly baseline?: BaselineSection | undefined;
}

export interface Decision {
  readonly verdict: RunSummary['verdict'];
  /** The spec's gates, those resting on an untrusted judge turned to failures. */
  readonly gates: readonly GateResult[];
}

function distrust(g: GateResult, entries: readonly JudgeCalibrationEntry[]): GateResult {
  const bad = g.skipped ? [] : untrustedFor(entries, g.model);
  if (bad.length === 0) return g;
  return { ...g, pass: false, reason: `${g.reason}; not trusted: ${bad.map(calibrationMessage).join('; ')}` };
}

/** A comparison with the baseline fails when the runs could not be paired or one of its gates failed. */
export const baselineFailed = (b: BaselineSection | undefined): boolean => b !== undefined && (b.problem !== null || b.gates.some((g) => !g.pass));

export function decideVerdict(p: VerdictParts): Decision {
  const entries = p.shard ? [] : p.judgeCalibration ?? [];
  const gates = entries.length === 0 ? p.gates : p.gates.map((g) => distrust(g, entries));
  const failed = gates.some((g) => !g.pass) || entries.some((e) => e.met !== true) || baselineFailed(p.baseline);
  return { gates, verdict: p.incomplete ? 'incomplete' : failed ? 'gate_failed' : 'pass' };
}

/**
 * A summary as summarizeRun made it (its gates as the records judge them, its verdict from those), with
 * its judge calibrations and its comparison with the baseline, each kept in the summary when given, and
 * its gates and verdict decided again over all of them.
 */
export function withVerdict(s: RunSummary, parts: Pick<VerdictParts, 'judgeCalibration' | 'baseline'>): RunSummary {
  const judgeCalibration = parts.judgeCalibration !== undefined && parts.judgeCalibration.length > 0 ? parts.judgeCalibration : undefined;
  if (judgeCalibration === undefined && parts.baseline === undefined) return s;
  const decision = decideVerdict({ incomplete: s.verdict === 'incomplete', shard: s.shard !== null, gates: s.gates, judgeCalibration, baseline: parts.baseline });
  return {
    ...s,
    gates: decision.gates,
    verdict: decision.verdict,
    ...(judgeCalibration !== undefined && { judgeCalibration }),
    ...(parts.baseline !== undefined && { baseline: parts.baseline }),
  };
}

/** The summary with a run's judge calibration entries; unchanged when there are none. */
export const applyJudgeCalibration = (s: RunSummary, entries: readonly JudgeCalibrationEntry[]): RunSummary => withVerdict(s, { judgeCalibration: entries });
