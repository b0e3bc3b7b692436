import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { RunRecord } from '../types.js';
import type { SpecOverrides } from '../spec/resolve.js';
import type { Shard } from '../runner/shard.js';
import { toSummaryRecord, type SummaryRecord } from '../stats/summary.js';

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
  /** --shard i/n of the run (absent in runs of older versions: unsharded). */
  readonly shard?: Shard | null;
  /** run --batch: a resume goes on through the Message Batches API and collects open batches. */
  readonly batch?: boolean;
}

export async function writeRunInfo(dir: string, info: RunInfo): Promise<void> {
  const tmp = join(dir, 'run.json.tmp');
  await writeFile(tmp, `${JSON.stringify(info, null, 2)}\n`);
  await rename(tmp, join(dir, 'run.json'));
}

export interface RunState {
  readonly info: RunInfo;
  /** The records so far, as compact summary rows (outputs are not kept in memory). */
  readonly records: readonly SummaryRecord[];
  /** The last record was torn by the interruption; repair() cuts it off. */
  readonly torn: boolean;
  /** Make the file safe to append to: cut a torn last record, end a whole one missing its newline. */
  repair(): void;
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

/** Read run.json and records.jsonl without changing anything; repair() is separate (a dry run never calls it). */
export function loadRunState(dir: string): RunState {
  const info = readInfo(dir);
  const file = join(dir, 'records.jsonl');
  if (!existsSync(file)) return { info, records: [], torn: false, repair: () => undefined };
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let lastFilled = lines.length - 1;
  while (lastFilled >= 0 && (lines[lastFilled] ?? '').trim() === '') lastFilled -= 1;
  const records: SummaryRecord[] = [];
  let offset = 0;
  let tornAt: number | undefined;
  for (const [i, line] of lines.entries()) {
    if (line.trim() !== '') {
      try {
        records.push(toSummaryRecord(JSON.parse(line) as RunRecord));
      } catch {
        if (i !== lastFilled) throw new InputError('resume.bad_record', `${file}:${i + 1}: not a JSON record, in the middle of the file`, ['The file was edited or written by two runs at once; start a new run.']);
        tornAt = offset;
      }
    }
    offset += line.length + 1;
  }
  const repair = () => {
    if (tornAt !== undefined) truncateSync(file, Buffer.byteLength(text.slice(0, tornAt)));
    else if (text.length > 0 && !text.endsWith('\n')) appendFileSync(file, '\n'); // a whole record missing its newline
  };
  return { info, records, torn: tornAt !== undefined, repair };
}

/**
 * One process per run directory: a second run or resume of the same directory would repeat paid calls
 * and interleave records. A lock left by a process that died is taken over.
 */
export function lockRunDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'run.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new InputError('run.locked', `${dir}: another haikubench process (pid ${pid}) is using this run directory`, ['Wait for it to finish, or stop it first.']);
      }
      rmSync(file, { force: true });
    }
  }
  throw new InputError('run.locked', `${dir}: cannot take the run lock (${file})`, []);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
