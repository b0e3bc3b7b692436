import { existsSync } from 'node:fs';
import { hasRecords, recordLinesSync, RECORDS_FILE } from '../run-log/index.js';
import { indexBaseline, type IndexedBaseline } from '../scoring/model-graded/index.js';

// The answers of a finished run that a pairwise scorer compares with (a baseline run, or this run's
// own reference answers before a restart), read through the run log and indexed for the scorer.

/**
 * File edge: read `<abs>/records.jsonl` (abs: the resolved directory; shown: as the spec names it).
 * A missing directory or file, or a line that is not JSON in the middle, is a problem; a torn last
 * line (an interrupted write) is forgiven.
 */
export function readBaselineRun(abs: string, shown: string, model: string | undefined, label?: string): IndexedBaseline {
  if (!existsSync(abs)) return { ok: false, problem: `no such run directory: ${shown}` };
  if (!hasRecords(abs)) return { ok: false, problem: `${shown} is not a run directory (no ${RECORDS_FILE}); pass a directory that \`haikubench run\` wrote` };
  const parsed: unknown[] = [];
  let problem: string | undefined;
  const corrupt = (line: number) => {
    problem = `${shown}/${RECORDS_FILE}:${line}: not a JSON record; the file was edited or is not a haikubench run`;
    return new Error(problem);
  };
  try {
    for (const { value } of recordLinesSync(abs, { corrupt })) parsed.push(value);
  } catch (err) {
    if (problem === undefined) throw err;
    return { ok: false, problem }; // a spec problem, raised by the caller with the scorer's pointer
  }
  return indexBaseline(shown, parsed, model, label);
}
