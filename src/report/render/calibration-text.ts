import type { RunSummary } from '../../summary/run-summary.js';
import type { JudgeCalibrationEntry } from '../../judge/agreement/run-calibration.js';
import { calibrationMessage } from '../../judge/agreement/calibration-gate.js';
import { mdTable, mdText } from '../../util/markdown-text.js';

// The judges' calibration against human labels (judge.calibration) in the terminal and Markdown
// reports: per scorer and model, what was measured, the minimum, and whether the scorer's scores may
// gate. Pure.

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const interval = (ci: readonly [number, number] | null) => (ci === null ? '' : ` [${f3(ci[0])}, ${f3(ci[1])}]`);
const word = (e: JudgeCalibrationEntry) => (e.met === true ? 'PASS' : e.met === false ? 'FAIL' : 'INSUFFICIENT');

function figures(e: JudgeCalibrationEntry): string {
  const acc = `accuracy ${f3(e.accuracy.rate)} (${e.accuracy.x}/${e.accuracy.n})`;
  const kappa = e.kappa.value === null ? `kappa undefined (${e.kappa.undefinedBecause ?? ''})` : `kappa (${e.kappa.weighting}) ${f3(e.kappa.value)}${interval(e.kappa.ci95)} 95% CI`;
  return `${acc}, ${kappa}`;
}

function leftOut(e: JudgeCalibrationEntry): string {
  const l = e.leftOut;
  const without = l.judgeErrors + l.modelErrors + l.notInRun;
  return without === 0 ? '' : `; ${without} label(s) without a verdict (judge errors ${l.judgeErrors}, model errors ${l.modelErrors}, not in the run ${l.notInRun})`;
}

const entriesOf = (s: RunSummary): readonly JudgeCalibrationEntry[] => s.judgeCalibration ?? [];

/** Terminal lines, one per scorer × model; empty when no judge requires a calibration. */
export function calibrationLines(s: RunSummary, modelName: (id: string) => string): string[] {
  const lines = entriesOf(s).map((e) => `${word(e)} ${modelName(e.model)}: ${calibrationMessage(e)} — ${figures(e)} vs ${e.labels}${leftOut(e)}`);
  return s.shard === null || lines.length === 0 ? lines : [...lines, SHARD_NOTE];
}

/** Why a shard's calibration gates nothing. */
export const SHARD_NOTE = 'This run is one shard: its judge calibration is measured on its own labelled samples and gates nothing; `haikubench merge` calibrates the whole run and gates there.';

/** The Markdown table; empty when no judge requires a calibration. */
export function calibrationTable(s: RunSummary, modelName: (id: string) => string): string {
  const entries = entriesOf(s);
  if (entries.length === 0) return '';
  const rows = entries.map((e) => [
    mdText(`${e.scorer}${e.criterion === null ? '' : `/${e.criterion}`}`),
    mdText(modelName(e.model)),
    String(e.n),
    `${f3(e.accuracy.rate)} (${e.accuracy.x}/${e.accuracy.n})`,
    e.kappa.value === null ? 'undefined' : `${f3(e.kappa.value)}${interval(e.kappa.ci95)}`,
    mdText([...(e.minimum.kappa === null ? [] : [`kappa ≥ ${e.minimum.kappa}`]), ...(e.minimum.accuracy === null ? [] : [`accuracy ≥ ${e.minimum.accuracy}`])].join(', ') + (e.minimum.bound === 'lower' ? ' (lower bound)' : '')),
    e.met === true ? '✅ PASS' : e.met === false ? '❌ **FAIL**' : '❌ **INSUFFICIENT**',
    mdText(calibrationMessage(e)),
  ]);
  const kind = entries[0]?.kappa.weighting ?? 'quadratic';
  const table = mdTable(['Scorer', 'Model', 'Labelled', 'Accuracy', `Kappa (${kind}, 95% CI)`, 'Required', 'Result', 'Detail'], rows, ['left', 'left', 'right', 'right', 'right', 'left', 'left', 'left']);
  const how = s.shard !== null ? SHARD_NOTE : 'A judge below its required agreement fails the run, and gates on its scorer\'s scores do not pass.';
  return `${table}\n\n_The judge's verdicts on the labelled samples against the human labels (as \`haikubench calibrate\` computes them). ${how}_`;
}

/** The failed entries' messages, for the verdict line. */
export function calibrationFailures(s: RunSummary): string[] {
  if (s.shard !== null) return [];
  return entriesOf(s).filter((e) => e.met !== true).map((e) => `${e.model}: ${calibrationMessage(e)}`);
}
