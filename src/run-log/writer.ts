import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../types.js';
import { JUDGE_PROMPTS_FILE, recordsPath, SUMMARY_FILE } from './files.js';

/** A run directory open for writing: records.jsonl appended as items finish, then summary.json. */
export interface RunLog {
  readonly path: string;
  append(record: RunRecord): void;
  /** summary.json, written to a temporary name and renamed: a reader never sees half of it. */
  /** summary.json, written whole (a temporary file renamed over it). */
  writeSummary(summary: object): Promise<void>;
  close(): void;
  /** Close and remove records.jsonl (a merge that failed leaves nothing to refuse a retry). */
  discardRecords(): void;
}

export function openRunLog(path: string): RunLog {
  mkdirSync(path, { recursive: true });
  // A synchronous append per record: each line is in the file before the next item is reported,
  // so a killed run loses at most the line being written.
  const fd = openSync(recordsPath(path), 'a');
  let open = true;
  const close = () => { if (open) { closeSync(fd); open = false; } };
  return {
    path,
    append: (record) => { writeSync(fd, `${JSON.stringify(record)}\n`); },
    writeSummary: async (summary) => {
      const tmp = join(path, `${SUMMARY_FILE}.tmp`);
      await writeFile(tmp, `${JSON.stringify(summary, null, 2)}\n`);
      await rename(tmp, join(path, SUMMARY_FILE));
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
  writeFileSync(join(dir, JUDGE_PROMPTS_FILE), `${JSON.stringify(content, null, 2)}\n`);
}
