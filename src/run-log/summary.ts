import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../stats/run-summary.js';
import { SUMMARY_FILE } from './files.js';

// summary.json, read back (runLog().writeSummary writes it). Its shape is trusted: it is only checked
// by the callers that say what they need of it.

/**
 * The run's summary, or undefined when there is none. Not JSON: `bad` (given the parser's message)
 * says what to throw; without it, the parser's error is thrown.
 */
export function readSummary(dir: string, bad?: (message: string) => Error): RunSummary | undefined {
  const file = join(dir, SUMMARY_FILE);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as RunSummary;
  } catch (err) {
    throw bad === undefined ? err : bad((err as Error).message);
  }
}
