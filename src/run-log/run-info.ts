import { existsSync, readFileSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { SpecOverrides } from '../spec/resolve.js';
import type { Shard } from '../runner/shard.js';
import { RUN_INFO_FILE } from './files.js';
import { outDirError } from './disk.js';

// run.json: how the run's plan was made, written once when a run starts (a resume reads it back).

export interface RunInfo {
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly evalId: string;
  /** Absolute path of the spec file, and the sha256 of its text and of the dataset when the run began. */
  readonly spec: string;
  readonly specSha256: string;
  readonly datasetSha256: string;
  /** With prompt variants read from files: the sha256 of what the files gave (absent without such files). */
  readonly promptFilesSha256?: string;
  readonly overrides: SpecOverrides;
  readonly createdAt: string;
  readonly harnessVersion: string;
  /** --shard i/n of the run (absent in runs of older versions: unsharded). */
  readonly shard?: Shard | null;
  /** run --batch: a resume goes on through the Message Batches API and collects open batches. */
  readonly batch?: boolean;
  /** run --record / --replay DIR (an absolute path): a resume records to, or replays from, the same cassette. */
  readonly cassette?: { readonly mode: 'record' | 'replay'; readonly dir: string };
}

/** Write run.json (a temporary name, then renamed). */
export async function writeRunInfo(dir: string, info: RunInfo): Promise<void> {
  const tmp = join(dir, `${RUN_INFO_FILE}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(info, null, 2)}\n`);
    await rename(tmp, join(dir, RUN_INFO_FILE));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw outDirError(dir, join(dir, RUN_INFO_FILE), err);
  }
}

/** run.json of a run to resume (or merge); missing or not JSON is an InputError (resume.no_run, resume.bad_run). */
export function readRunInfo(dir: string): RunInfo {
  const file = join(dir, RUN_INFO_FILE);
  if (!existsSync(file)) throw new InputError('resume.no_run', `${dir}: not a run directory that can be resumed (no run.json)`, ['Pass the directory a `haikubench run` wrote (reports/<runId> or its --out).']);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
  } catch (err) {
    throw new InputError('resume.bad_run', `${file}: not valid JSON (${(err as Error).message})`, []);
  }
}

/** run.json as far as it can be read, unchecked: undefined when it is missing or not JSON. */
export function peekRunInfo(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, RUN_INFO_FILE), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
