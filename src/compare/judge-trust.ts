import { calibrationMessage, untrustedFor } from '../judge/agreement/calibration-gate.js';
import type { RunSummary } from '../summary/run-summary.js';
import type { Comparison } from './compare.js';

// Gates against a baseline (`compare`, `run --baseline`) judge the pass rate, the mean score and
// must-pass samples, which every scorer with weight > 0 takes part in. When either run's summary
// says a judge of such a scorer fell short of its required agreement (judge.calibration) on the
// model compared, every gate of that comparison fails as not trusted: a regression gate passed on
// untrusted scores is not a pass. Runs without judgeCalibration (older ones) are trusted as before.

export function withJudgeTrust(c: Comparison, base: RunSummary, cand: RunSummary): Comparison {
  const bad = [
    ...untrustedFor(cand.judgeCalibration ?? [], c.candidate.model).map((e) => `candidate ${calibrationMessage(e)}`),
    ...untrustedFor(base.judgeCalibration ?? [], c.baseline.model).map((e) => `baseline ${calibrationMessage(e)}`),
  ];
  if (bad.length === 0 || c.gates.length === 0) return c;
  return { ...c, gates: c.gates.map((g) => ({ ...g, pass: false, status: 'fail' as const, reason: `${g.reason}; not trusted: ${bad.join('; ')}` })) };
}
