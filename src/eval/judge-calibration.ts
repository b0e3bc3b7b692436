import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCalibrations, type CalibrationTarget } from '../judge/run-calibration.js';
import { applyJudgeCalibration } from '../judge/calibration-gate.js';
import type { RunSummary } from '../stats/run-summary.js';
import type { PreparedEval } from './prepare.js';

// After a run: the judges whose spec requires an agreement with human labels are calibrated from the
// run's own records.jsonl (the file `haikubench calibrate` reads, so both give the same figures), and
// the summary gets the entries, its gates re-judged and its verdict (judge/calibration-gate.ts).

function targetsOf(p: Pick<PreparedEval, 'spec' | 'calibrationLabels'>): CalibrationTarget[] {
  return p.spec.scorers.flatMap((scorer) => {
    const calibration = scorer.judge?.calibration;
    const labels = p.calibrationLabels.get(scorer.name);
    return calibration === undefined || labels === undefined ? [] : [{ scorer, calibration, labels }];
  });
}

/** The records of labelled samples only (the rest cannot take part), parsed; a torn line is skipped. */
function labelledRecords(runDir: string, ids: ReadonlySet<string>): unknown[] {
  const file = join(runDir, 'records.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      const r = JSON.parse(line) as unknown;
      const id = typeof r === 'object' && r !== null && 'sampleId' in r ? r.sampleId : undefined;
      return typeof id === 'string' && ids.has(id) ? [r] : [];
    } catch {
      return [];
    }
  });
}

/** The summary with the run's judge calibrations applied; unchanged when no judge requires one. */
export function withJudgeCalibration(summary: RunSummary, p: Pick<PreparedEval, 'spec' | 'calibrationLabels'>, runDir: string): RunSummary {
  const targets = targetsOf(p);
  if (targets.length === 0) return summary;
  const ids = new Set(targets.flatMap((t) => [...t.labels.keys()]));
  const entries = runCalibrations(targets, summary.models.map((m) => m.model), labelledRecords(runDir, ids));
  return applyJudgeCalibration(summary, entries);
}
