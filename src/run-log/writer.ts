import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../types.js';
import { outDirError, runWriteError } from './disk.js';
import { batchedWriter } from './batched-writer.js';
import { JUDGE_PROMPTS_FILE, recordsPath, SUMMARY_FILE } from './files.js';
import { makeDirSync } from '../util/make-dir.js';

/** A run directory open for writing: records.jsonl appended as items finish, then summary.json. */
export interface RunLog {
  readonly path: string;
  /** Append one record now (one write call). */
  append(record: RunRecord): void;
  /**
   * Queue a record for the next batched write; resolves once the write that holds it has returned
   * (the record is in the file), rejects when that write fails. The batching rule: records queued
   * during one turn of the event loop are written together by one write call at the end of the turn
   * (setImmediate), or at once when BATCH_LINES are waiting. A caller reports its item done only
   * after the promise resolves, so a killed process never loses a record whose item was reported.
   */
  appendBatched(record: RunRecord): Promise<void>;
  /** summary.json, written to a temporary name and renamed: a reader never sees half of it. */
  writeSummary(summary: object): Promise<void>;
  close(): void;
  /** Close and remove records.jsonl (a merge that failed leaves nothing to refuse a retry). */
  discardRecords(): void;
}

/** The write calls of a run log (a test injects a failing one: a disk that fills mid-run). */
export interface RunLogFs {
  readonly writeSync: (fd: number, text: string) => number;
  readonly writeFile: (file: string, text: string) => Promise<void>;
}

const nodeFs: RunLogFs = { writeSync: (fd, text) => writeSync(fd, text), writeFile: (file, text) => writeFile(file, text) };

/**
 * `beforeWrite`: called before each write of records, e.g. the input log's flush, so that what a
 * record refers to is in its file before the record is in records.jsonl.
 */
export function openRunLog(path: string, fs: RunLogFs = nodeFs, opts: { readonly beforeWrite?: () => void } = {}): RunLog {
  const records = recordsPath(path);
  let fd: number;
  try {
    makeDirSync(path);
    // A synchronous append per record: each line is in the file before the next item is reported,
    // so a killed run loses at most the line being written.
    fd = openSync(records, 'a');
  } catch (err) {
    throw outDirError(path, records, err);
  }
  let open = true;
  const write = (text: string) => {
    opts.beforeWrite?.();
    try {
      fs.writeSync(fd, text);
    } catch (err) {
      throw runWriteError(path, records, err);
    }
  };
  const batch = batchedWriter(write);
  const close = () => {
    if (!open) return;
    batch.flush();
    closeSync(fd);
    open = false;
  };
  return {
    path,
    append: (record) => write(`${JSON.stringify(record)}\n`),
    appendBatched: (record) => batch.add(`${JSON.stringify(record)}\n`),
    writeSummary: async (summary) => {
      const tmp = join(path, `${SUMMARY_FILE}.tmp`);
      try {
        await fs.writeFile(tmp, `${JSON.stringify(summary, null, 2)}\n`);
        await rename(tmp, join(path, SUMMARY_FILE));
      } catch (err) {
        rmSync(tmp, { force: true });
        throw runWriteError(path, join(path, SUMMARY_FILE), err);
      }
    },
    close,
    discardRecords: () => {
      close();
      rmSync(recordsPath(path), { force: true });
    },
  };
}

/** judge-prompts.json: the judges' prompts of the run (their content is the judge's business). */
export function writeJudgePromptsFile(dir: string, content: object): void {
  const file = join(dir, JUDGE_PROMPTS_FILE);
  try {
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  } catch (err) {
    throw outDirError(dir, file, err);
  }
}
