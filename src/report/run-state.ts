import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { RunRecord } from '../types.js';
import type { SpecOverrides } from '../spec/resolve.js';

// What a run directory must hold to be resumed: run.json (how the plan was made) and the records
// written so far. A run killed mid-write leaves a torn last line; it is dropped (that item runs again).

export interface RunInfo {
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly evalId: string;
  /** Absolute path of the spec file, and the sha256 of its text and of the dataset when the run began. */
  readonly spec: string;
  readonly specSha256: string;
  readonly datasetSha256: string;
  readonly overrides: SpecOverrides;
  readonly createdAt: string;
  readonly harnessVersion: string;
}

export async function writeRunInfo(dir: string, info: RunInfo): Promise<void> {
  const tmp = join(dir, 'run.json.tmp');
  await writeFile(tmp, `${JSON.stringify(info, null, 2)}\n`);
  await rename(tmp, join(dir, 'run.json'));
}

export interface RunState {
  readonly info: RunInfo;
  readonly records: readonly RunRecord[];
  /** A torn last line was found and cut off. */
  readonly torn: boolean;
}

export const itemKey = (r: { readonly sampleId: string; readonly model: string; readonly epoch: number }): string => `${r.sampleId}\u0000${r.model}\u0000${r.epoch}`;

function readInfo(dir: string): RunInfo {
  const file = join(dir, 'run.json');
  if (!existsSync(file)) throw new InputError('resume.no_run', `${dir}: not a run directory that can be resumed (no run.json)`, ['Pass the directory a `haikubench run` wrote (reports/<runId> or its --out).']);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
  } catch (err) {
    throw new InputError('resume.bad_run', `${file}: not valid JSON (${(err as Error).message})`, []);
  }
}

/** Read run.json and records.jsonl; cut a torn last line off the file so appends start clean. */
export function loadRunState(dir: string): RunState {
  const info = readInfo(dir);
  const file = join(dir, 'records.jsonl');
  if (!existsSync(file)) return { info, records: [], torn: false };
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const records: RunRecord[] = [];
  let offset = 0;
  let torn = false;
  for (const [i, line] of lines.entries()) {
    const last = i === lines.length - 1;
    if (line.trim() !== '') {
      try {
        records.push(JSON.parse(line) as RunRecord);
      } catch {
        if (!last) throw new InputError('resume.bad_record', `${file}:${i + 1}: not a JSON record, in the middle of the file`, ['The file was edited or written by two runs at once; start a new run.']);
        truncateSync(file, Buffer.byteLength(text.slice(0, offset)));
        torn = true;
      }
    }
    offset += line.length + 1;
  }
  // A whole record whose newline did not make it: it is finished, so keep it and end its line.
  if (!torn && text.length > 0 && !text.endsWith('\n')) appendFileSync(file, '\n');
  return { info, records, torn };
}
