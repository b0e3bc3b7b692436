import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseDuration } from '../cache/key.js';
import { cleanRuns } from '../run-log/index.js';
import type { Output } from '../report/terminal.js';
import { duration } from '../report/render/format.js';

// `haikubench clean [reportsDir] --older-than 14d [--dry-run]`: the work is run-log/clean.ts; this
// checks the flags and prints what went.

export interface CleanArgs {
  readonly reportsDir: string;
  readonly 'older-than': string;
  readonly 'dry-run': boolean;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export function cleanFromCli(args: CleanArgs, io: { out: Output; cwd: string; now?: number }): number {
  const olderThanMs = parseDuration(args['older-than']);
  if (olderThanMs === null) throw new InputError('cli.flags', 'Invalid command-line flags:', ['--older-than never: nothing is older than "never"; give an age such as 14d']);
  const outcome = cleanRuns(resolve(io.cwd, args.reportsDir), { olderThanMs, now: io.now ?? Date.now(), dryRun: args['dry-run'] });
  if (outcome.missing) {
    io.out.write(`${args.reportsDir}: no such folder; nothing to clean\n`);
    return 0;
  }
  const verb = args['dry-run'] ? 'would remove' : 'removed';
  const lines = outcome.removed.map((r) => `${verb} ${args.reportsDir}/${r.dir} (${mb(r.bytes)}, last changed ${duration(r.ageMs)} ago)`);
  lines.push(...outcome.locked.map((d) => `kept ${args.reportsDir}/${d}: a live haikubench process is using it (run.lock)`));
  const total = outcome.removed.reduce((sum, r) => sum + r.bytes, 0);
  lines.push(`${outcome.removed.length} run director${outcome.removed.length === 1 ? 'y' : 'ies'} older than ${args['older-than']} ${verb} (${mb(total)})${args['dry-run'] ? '; nothing was removed (--dry-run)' : ''}`);
  io.out.write(`${lines.join('\n')}\n`);
  return 0;
}
