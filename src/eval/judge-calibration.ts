import { recordLines, recordsPath } from '../run-log/index.js';
import { runCalibrations, type CalibrationTarget, type JudgeCalibrationEntry } from '../judge/agreement/run-calibration.js';
import { applyJudgeCalibration } from '../summary/verdict.js';
import type { RunSummary } from '../summary/run-summary.js';
import type { PreparedEval } from './prepare.js';

// After a run: the judges whose spec requires an agreement with human labels are calibrated from the
// run's own records.jsonl (the file `haikubench calibrate` reads, so both give the same figures), and
// the summary gets the entries, its gates re-judged and its verdict (summary/verdict.ts).

function targetsOf(p: Pick<PreparedEval, 'spec' | 'calibrationLabels'>): CalibrationTarget[] {
  return p.spec.scorers.flatMap((scorer) => {
    const calibration = scorer.judge?.calibration;
    const labels = p.calibrationLabels.get(scorer.name);
    return calibration === undefined || labels === undefined ? [] : [{ scorer, calibration, labels }];
  });
}

/** The records of labelled samples only (the rest cannot take part), streamed and parsed; a torn line is skipped. */
async function labelledRecords(runDir: string, ids: ReadonlySet<string>): Promise<unknown[]> {
  const out: unknown[] = [];
  // The run's own records, just written: a bad line in the middle would be a bug of the run itself.
  for await (const { value: r } of recordLines(runDir, { what: recordsPath(runDir) })) {
    const id = typeof r === 'object' && r !== null && 'sampleId' in r ? r.sampleId : undefined;
    if (typeof id === 'string' && ids.has(id)) out.push(r);
  }
  return out;
}

/** The calibration entries of the run's judges that require one (none when no judge does). */
export async function judgeCalibrationOf(summary: RunSummary, p: Pick<PreparedEval, 'spec' | 'calibrationLabels'>, runDir: string): Promise<JudgeCalibrationEntry[]> {
  const targets = targetsOf(p);
  if (targets.length === 0) return [];
  const ids = new Set(targets.flatMap((t) => [...t.labels.keys()]));
  return runCalibrations(targets, summary.models.map((m) => m.model), await labelledRecords(runDir, ids));
}

/** The summary with the run's judge calibrations applied; unchanged when no judge requires one. */
export async function withJudgeCalibration(summary: RunSummary, p: Pick<PreparedEval, 'spec' | 'calibrationLabels'>, runDir: string): Promise<RunSummary> {
  return applyJudgeCalibration(summary, await judgeCalibrationOf(summary, p, runDir));
}
