import type { JudgeCalibrationEntry } from './run-calibration.js';

// How a judge's calibration entry reads, and which entries make a model's scores untrusted. What they
// do to the run's gates and verdict is decided with every other gate in src/summary/verdict.ts. Pure.

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
