import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_FILE } from './files.js';

// summary.json, read back (runLog().writeSummary writes it). The run log does not know the summary's
// shape (summary/ owns it): callers name the type they read it as, and check what they need of it.

/**
 * The run's summary, or undefined when there is none. Not JSON: `bad` (given the parser's message)
 * says what to throw; without it, the parser's error is thrown.
 */
export function readSummary<S>(dir: string, bad?: (message: string) => Error): S | undefined {
  const file = join(dir, SUMMARY_FILE);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as S;
  } catch (err) {
    throw bad === undefined ? err : bad((err as Error).message);
  }
}

/** The routing analysis a run --route left in the run directory (route/route.json), as plain JSON; undefined when there is none. */
export function readRouteAnalysis(dir: string): unknown {
  const file = join(dir, 'route', 'route.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined; // a half-written analysis is no analysis: the report shows the run without it
  }
}
