import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { prepareEval, type PreparedEval } from '../eval/prepare.js';
import type { RunEvalDeps } from '../eval/run-eval.js';
import { holdsRun, loadRunState } from '../run-log/index.js';
import { toSummaryRecord } from '../summary/model-summary.js';
import { realClock } from '../runner/clock.js';
import { overridesFromArgs } from './overrides.js';
import { parseShard } from '../runner/shard.js';
import { batchSettings } from './batch-flags.js';
import type { RunArgs } from './options.js';
import type { CliIO } from './run.js';
import type { Job } from '../eval/run-command.js';
import { expandGlobs } from '../util/globs.js';

export type { Job } from '../eval/run-command.js';

export interface Jobs {
  readonly jobs: readonly Job[];
  /** Why models are simulated, when they are. */
  readonly simulatedBecause?: string;
  /** A resumed run started with --record or --replay: that cassette again (unless the flags give one). */
  readonly cassette?: { readonly mode: 'record' | 'replay'; readonly dir: string };
}

/** A run id's time part: 20261124T031400Z. */
export const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Each run gets its own directory; records of an earlier run are never appended to. */
function checkRunDirs(dirs: readonly { dir: string; spec: string }[]): void {
  const issues: string[] = [];
  dirs.forEach(({ dir, spec }, i) => {
    const twin = dirs.findIndex((d) => d.dir === dir);
    if (twin !== i) issues.push(`${spec}: same run directory as ${dirs[twin]?.spec ?? ''} (${dir}); give the specs different names`);
    // run.json alone (a batch run killed before its first record) is another run too: its batches must
    // never be taken for this run's answers.
    if (holdsRun(dir)) issues.push(`${dir}: already holds the records of another run; choose another --out, remove it, or continue it with --resume ${dir}`);
  });
  if (issues.length > 0) throw new InputError('cli.run_dir', 'Cannot use the run directory:', issues);
}

/** New runs: every spec prepared first, so bad input exits 2 before any call. */
export async function freshJobs(args: RunArgs, io: CliIO): Promise<Jobs> {
  if (args.spec.length === 0) throw new InputError('cli.no_spec', 'Name at least one spec file, or --resume a run directory.', []);
  if (args['retry-errors']) throw new InputError('cli.flags', 'Invalid command-line flags:', ['--retry-errors: only with --resume <runDir> (it reruns the items of that run that ended in error)']);
  const { overrides, why } = overridesFromArgs(args, io.env);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const prepared: PreparedEval[] = [];
  for (const file of expandGlobs(args.spec, { cwd: io.cwd, what: 'spec files' })) prepared.push(await prepareEval(file, { cwd: io.cwd, overrides, path: io.env['PATH'], batch: args.batch }));
  for (const w of prepared.flatMap((p) => p.warnings)) io.err.write(`warning: ${w}\n`);
  const t0 = realClock.now();
  const suffix = randomBytes(2).toString('hex'); // two jobs started in the same second get distinct runs
  const jobs = prepared.map((p) => {
    const runId = `${p.spec.id}-${stamp(t0)}-${suffix}${shard === undefined ? '' : `-shard${shard.index}of${shard.count}`}`;
    const shownDir = args.out === undefined ? join('reports', runId) : prepared.length === 1 ? args.out : join(args.out, p.spec.id);
    return { prepared: p, runId, runDir: resolve(io.cwd, shownDir), shownDir, ...(shard !== undefined && { shard }) };
  });
  checkRunDirs(jobs.map((x) => ({ dir: x.runDir, spec: x.prepared.specPath })));
  const batch = batchSettings(args, prepared);
  return { jobs: batch === undefined ? jobs : jobs.map((j) => ({ ...j, batch })), ...(why !== undefined && { simulatedBecause: why }) };
}

const PLAN_FLAGS = ['model', 'limit', 'seed', 'epochs'] as const;

/** Continue a run directory with the plan it was started with; the spec and dataset must be unchanged. */
export async function resumeJob(dir: string, args: RunArgs, io: CliIO): Promise<Jobs> {
  overridesFromArgs(args, io.env); // the same checks of --concurrency, --grace-ms, … as a new run
  const issues: string[] = [];
  if (args.spec.length > 0) issues.push('--resume takes the spec from the run directory; do not name spec files');
  for (const f of PLAN_FLAGS) if (args[f] !== undefined) issues.push(`--${f}: a resumed run keeps the plan it started with; drop the flag`);
  if (args.simulate !== 'never') issues.push('--simulate: a resumed run keeps the models it started with; drop the flag');
  if (args.out !== undefined) issues.push('--out: a resumed run writes into the directory it resumes; drop the flag');
  if (args.shard !== undefined) issues.push('--shard: a resumed run keeps the slice it started with; drop the flag');
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
  const runDir = resolve(io.cwd, dir);
  const state = loadRunState(runDir, toSummaryRecord);
  const { info } = state;
  // --concurrency, --confidence and --connection-retry-ms do not change the plan: a resume may set them anew.
  const retryMs = args['connection-retry-ms'];
  const p = await prepareEval(info.spec, { cwd: io.cwd, path: io.env['PATH'], batch: args.batch || info.batch === true, overrides: { ...info.overrides, ...(args.concurrency !== undefined && { concurrency: args.concurrency }), ...(args.confidence !== undefined && { confidence: args.confidence }), ...(retryMs !== undefined && { connectionRetryMs: retryMs }) } });
  if (p.specSha256 !== info.specSha256) issues.push(`${p.specPath}: changed since the run started; resuming would mix two plans. Start a new run.`);
  if (p.promptFilesSha256 !== info.promptFilesSha256) issues.push(`${p.specPath}: a prompt variant's file changed since the run started; resuming would mix two prompts. Start a new run.`);
  if (p.dataset.sha256 !== info.datasetSha256) issues.push(`${p.datasetPath}: changed since the run started; resuming would mix two datasets. Start a new run.`);
  if (issues.length > 0) throw new InputError('resume.changed', `Cannot resume ${dir}:`, issues);
  if (state.torn && !args['dry-run']) io.err.write(`${dir}: the last record was cut off by the interruption; that item runs again.\n`);
  const resume = { previous: state.records, retryErrors: args['retry-errors'], startedAt: info.createdAt, repair: state.repair };
  const simulatedBecause = info.overrides.simulate === true ? 'the run was started with --simulate' : undefined;
  const shard = info.shard ?? undefined;
  const batch = batchSettings(args, [p], info.batch === true);
  return {
    jobs: [{ prepared: p, runId: info.runId, runDir, shownDir: dir, resume, ...(shard !== undefined && { shard }), ...(batch !== undefined && { batch }) }],
    ...(simulatedBecause !== undefined && { simulatedBecause }),
    ...(info.cassette !== undefined && { cassette: info.cassette }),
  };
}
