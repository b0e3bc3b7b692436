import { resolve, join } from 'node:path';
import { checkShards, mergeShards } from '../eval/merge.js';
import { exitCodeOf } from '../summary/run-summary.js';
import { renderSummary } from '../report/render/summary.js';
import { columnsOf } from '../util/terminal-env.js';
import type { Output } from '../report/terminal.js';
import { harnessVersion } from './version.js';
import { stamp } from './jobs.js';
import { expandGlobs } from '../util/globs.js';

export interface MergeArgs {
  readonly runs: readonly string[];
  readonly out?: string | undefined;
  readonly json: boolean;
}

/** Join the shards of one plan into one run; the exit code is the merged run's (gates, completeness). */
export async function mergeFromCli(args: MergeArgs, io: { out: Output; cwd: string }): Promise<number> {
  const runs = checkShards(expandGlobs(args.runs, { cwd: io.cwd, directories: true, what: 'run directories' }).map((shown) => ({ shownDir: shown, dir: resolve(io.cwd, shown) })));
  const evalId = runs[0]?.info.evalId ?? 'merged';
  const runId = `${evalId}-${stamp(Date.now())}-merged`;
  const shownOut = args.out ?? join('reports', runId);
  const summary = await mergeShards(runs, { cwd: io.cwd, outDir: resolve(io.cwd, shownOut), runId, version: harnessVersion(), now: Date.now });
  io.out.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `merged ${runs.length} shards\n${renderSummary(summary, shownOut, { width: columnsOf(io.out, {}) })}`);
  return exitCodeOf(summary);
}
