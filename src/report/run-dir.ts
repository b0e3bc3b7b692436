import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../types.js';
import type { RunSummary } from '../stats/run-summary.js';

/** The run directory (DESIGN.md §3): records.jsonl appended as items finish, then summary.json. */
export interface RunDir {
  readonly path: string;
  append(record: RunRecord): void;
  writeSummary(summary: RunSummary): Promise<void>;
  close(): void;
}

export function openRunDir(path: string): RunDir {
  mkdirSync(path, { recursive: true });
  // A synchronous append per record: each line is in the file before the next item is reported,
  // so a killed run loses at most the line being written.
  const fd = openSync(join(path, 'records.jsonl'), 'a');
  let open = true;
  return {
    path,
    append: (record) => { writeSync(fd, `${JSON.stringify(record)}\n`); },
    writeSummary: async (summary) => {
      const tmp = join(path, 'summary.json.tmp');
      await writeFile(tmp, `${JSON.stringify(summary, null, 2)}\n`);
      await rename(tmp, join(path, 'summary.json'));
    },
    close: () => { if (open) { closeSync(fd); open = false; } },
  };
}
