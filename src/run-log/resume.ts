import { appendFileSync, truncateSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { RunRecord } from '../types.js';
import { recordsPath } from './files.js';
import type { JsonLinesEnd } from './json-lines.js';
import { recordLinesSync } from './records.js';
import { readRunInfo, type RunInfo } from './run-info.js';

// What a run directory must hold to be resumed: run.json (how the plan was made) and the records
// written so far. A run killed mid-write leaves a torn last line; it is dropped (that item runs again).

export interface RunState<T> {
  readonly info: RunInfo;
  /** The records so far in file order, each as the caller's projection (e.g. a compact row without the output). */
  readonly records: readonly T[];
  /** The last record was torn by the interruption; repair() cuts it off. */
  readonly torn: boolean;
  /** Make the file safe to append to: cut a torn last record, end a whole one missing its newline. */
  repair(): void;
}

/**
 * Read run.json and records.jsonl without changing anything; repair() is separate (a dry run never
 * calls it). `project` keeps what the caller needs of each record; a record it cannot read is corrupt.
 */
export function loadRunState<T>(dir: string, project: (r: RunRecord) => T): RunState<T> {
  const info = readRunInfo(dir);
  const file = recordsPath(dir);
  const bad = (line: number) => new InputError('resume.bad_record', `${file}:${line}: not a JSON record, in the middle of the file`, ['The file was edited or written by two runs at once; start a new run.']);
  const records: T[] = [];
  const seen: { end?: JsonLinesEnd } = {};
  for (const { line, value } of recordLinesSync(dir, { corrupt: bad, onEnd: (e) => { seen.end = e; } })) {
    try {
      records.push(project(value as RunRecord));
    } catch {
      throw bad(line);
    }
  }
  const repair = () => {
    const { end } = seen;
    if (end === undefined) return; // no file
    if (end.torn !== undefined) truncateSync(file, end.torn.offset);
    else if (end.size > 0 && !end.endsWithNewline) appendFileSync(file, '\n'); // a whole record missing its newline
  };
  return { info, records, torn: seen.end?.torn !== undefined, repair };
}
