import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The names of the run directory's files, and the questions about them that need no reading.

export const RECORDS_FILE = 'records.jsonl';
export const SUMMARY_FILE = 'summary.json';
export const RUN_INFO_FILE = 'run.json';
export const LOCK_FILE = 'run.lock';
export const BATCH_LOG = 'batches.jsonl';
export const JUDGE_PROMPTS_FILE = 'judge-prompts.json';

/** The files a copy of a finished run keeps (a baseline). */
const KEPT = [RUN_INFO_FILE, SUMMARY_FILE, RECORDS_FILE] as const;

export const recordsPath = (dir: string): string => join(dir, RECORDS_FILE);

export const hasRecords = (dir: string): boolean => existsSync(recordsPath(dir));

/** Bytes of records.jsonl (0 when there is none). */
export const recordsSize = (dir: string): number => (hasRecords(dir) ? statSync(recordsPath(dir)).size : 0);

/** A finished run: summary.json and records.jsonl are both there. */
export const isFinishedRun = (dir: string): boolean => existsSync(join(dir, SUMMARY_FILE)) && hasRecords(dir);

/**
 * The directory holds (part of) a run: run.json (a batch run killed before its first record is a
 * run too: its batches must never be taken for another run's answers) or a non-empty records.jsonl.
 */
export const holdsRun = (dir: string): boolean => existsSync(join(dir, RUN_INFO_FILE)) || recordsSize(dir) > 0;

/** Copy a finished run's run.json, summary.json and records.jsonl (those there) into `dest` (existing). */
export function copyRun(src: string, dest: string): void {
  for (const f of KEPT) if (existsSync(join(src, f))) copyFileSync(join(src, f), join(dest, f));
}
