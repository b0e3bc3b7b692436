import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { HarnessError, InputError } from '../errors.js';
import { isFinishedRun } from '../run-log/index.js';
import { writeHtmlReport } from '../report/html.js';
import type { Output } from '../report/terminal.js';
import { expandGlobs } from '../util/globs.js';

export interface ReportArgs {
  readonly runs: readonly string[];
  readonly html: string;
  readonly baseline?: string | undefined;
}

/** `haikubench report <runDir…> --html FILE`: the runs' HTML report. Bad directories or file: exit 2. */
export async function reportFromCli(args: ReportArgs, io: { out: Output; cwd: string }): Promise<number> {
  const shown = expandGlobs(args.runs, { cwd: io.cwd, directories: true, what: 'run directories' });
  const issues: string[] = [];
  for (const d of [...shown, ...(args.baseline === undefined ? [] : [args.baseline])]) {
    if (!isFinishedRun(resolve(io.cwd, d))) issues.push(`${d}: not a finished run directory (it needs summary.json and records.jsonl); give the directory a run wrote (reports/<runId> or run --out)`);
  }
  const file = resolve(io.cwd, args.html);
  if (args.html === '' || (existsSync(file) && statSync(file).isDirectory())) issues.push(`--html: give a file to write, not a folder (got "${args.html}")`);
  if (issues.length > 0) throw new InputError('cli.flags', 'Cannot write the report:', issues);
  const bytes = await writeHtmlReport({ file, dirs: shown.map((d) => resolve(io.cwd, d)), baseline: args.baseline === undefined ? undefined : resolve(io.cwd, args.baseline) }).catch((err: unknown) => {
    // A file-system error (ENOENT, EACCES, EROFS, ENOSPC…) is the path's fault. Our own errors (a run
    // file that cannot be read, with its own code) say what is wrong themselves; anything else is a bug.
    if (err instanceof HarnessError || typeof (err as NodeJS.ErrnoException | null)?.code !== 'string') throw err;
    throw new InputError('cli.flags', 'Cannot write the report:', [`--html ${args.html}: ${(err as Error).message}; choose a path you can write`]);
  });
  const shownFile = relative(io.cwd, file).startsWith('..') ? file : relative(io.cwd, file);
  io.out.write(`wrote ${shownFile} (${(bytes / 1024).toFixed(0)} KiB, ${shown.length} run${shown.length === 1 ? '' : 's'}); open it in a browser\n`);
  return 0;
}
