import { existsSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { freshJobs, resumeJob } from './jobs.js';
import { harnessVersion } from './version.js';
import type { RunArgs } from './options.js';
import { baselineDirs } from '../compare/baseline.js';
import { gatesFrom } from '../compare/gates.js';
import { runCommand, type RunIO } from '../eval/run-command.js';

// `haikubench run`: read and check the flags (bad input exits 2 before any call), then run the
// command (src/eval/run-command.ts), whose exit code comes from the summaries' verdicts.

export type CliIO = RunIO;

/** Prepare every job first (exit 2 before any call on bad input), then run them one by one. */
export async function runFromCli(args: RunArgs, io: CliIO): Promise<number> {
  checkReportFiles(args);
  const given = cassetteOf(args);
  const { jobs, simulatedBecause, cassette: started } = args.resume !== undefined ? await resumeJob(args.resume, args, io) : await freshJobs(args, io);
  // A resumed run keeps the cassette it was started with, unless --record/--replay names one.
  const cassette = given ?? started;
  if (given === undefined && started !== undefined) io.err.write(`${args.resume}: started with --${started.mode} ${started.dir}; resuming with the same cassette\n`);
  // Gates and baselines are checked before any call, like every other input.
  gatesFrom(args); // bad gate flags exit 2 here; each eval's gates add its spec's regression gates
  const gateFlags = (['max-drop', 'max-score-drop', 'must-pass'] as const).filter((f) => args[f] !== undefined);
  if (args.baseline === undefined && gateFlags.length > 0) {
    throw new InputError('cli.flags', 'Invalid command-line flags:', gateFlags.map((f) => `--${f}: a gate against a baseline; add --baseline <dir> (or use haikubench compare)`));
  }
  const dirs = args.baseline === undefined ? undefined : baselineDirs(args.baseline, jobs.map((j) => j.prepared.spec.id), io.cwd);
  return runCommand({
    jobs,
    simulatedBecause,
    baselines: dirs === undefined ? undefined : { dirs, gates: (spec) => gatesFrom(args, spec.regression, spec.run.confidence) },
    maxCostUsd: args['max-cost'],
    dryRun: args['dry-run'],
    json: args.json,
    quiet: args.quiet,
    graceMs: args['grace-ms'],
    route: args.route,
    // A cassette is the only source of a replay's answers, and a recording must see every call: no response cache.
    cache: args.cache && cassette === undefined ? { dir: args['cache-dir'], ttl: args['cache-ttl'] } : undefined,
    cassette,
    junit: args.junit,
    junitSamples: args['junit-samples'],
    markdown: args.markdown,
    html: args.html,
    version: harnessVersion(),
    color: args.color,
    details: args.details,
    showFailures: args['show-failures'],
    markdownLink: args['markdown-link'],
  }, io);
}

/** --junit and --markdown name files, not folders: checked before any call (exit 2). */
function checkReportFiles(args: RunArgs): void {
  const issues: string[] = [];
  for (const [flag, file] of [['--junit', args.junit], ['--markdown', args.markdown], ['--html', args.html]] as const) {
    if (file !== undefined && (file === '' || (existsSync(file) && statSync(file).isDirectory()))) issues.push(`${flag}: give a file to write, not a folder (got "${file}")`);
  }
  const link = args['markdown-link'];
  if (link !== undefined && !/^https?:\/\/\S+$/.test(link)) issues.push(`--markdown-link: give an http(s) URL, e.g. the CI job's artifact page (got "${link}")`);
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
}

/** --record DIR / --replay DIR, checked before any call (exit 2). */
function cassetteOf(args: RunArgs): { mode: 'record' | 'replay'; dir: string } | undefined {
  const issues: string[] = [];
  if (args.record !== undefined && args.replay !== undefined) issues.push('--record and --replay: give one (record a cassette, or replay one)');
  for (const [flag, dir] of [['--record', args.record], ['--replay', args.replay]] as const) {
    if (dir === undefined) continue;
    if (dir === '') issues.push(`${flag}: give the cassette folder`);
    else if (existsSync(dir) && !statSync(dir).isDirectory()) issues.push(`${flag}: ${dir} is a file; give a folder (the cassette is one <eval>.cassette.jsonl per eval inside it)`);
    if (args.batch) issues.push(`${flag}: not with --batch (a Message Batch is not a call a cassette can hold); drop one of them`);
  }
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
  if (args.record !== undefined) return { mode: 'record', dir: args.record };
  return args.replay === undefined ? undefined : { mode: 'replay', dir: args.replay };
}
