import type { Env } from '../providers/create.js';
import { InputError } from '../errors.js';
import { priceOf } from '../pricing/table.js';
import { createProviders, providerKey } from '../eval/prepare.js';
import { exitCodeOf } from '../stats/run-summary.js';
import type { Output } from '../report/terminal.js';
import { renderForecast } from '../report/render/forecast.js';
import { forecast } from '../eval/forecast.js';
import { realClock } from '../runner/clock.js';
import type { Provider } from '../types.js';
import { freshJobs, resumeJob, type Job } from './jobs.js';
import { runEvalFinished, workLeft, type RunAnalysis } from '../eval/run-eval.js';
import { costBudget, spendOf } from '../runner/budget.js';
import { pricingModelOf } from '../providers/create.js';
import { harnessVersion } from './version.js';
import type { RunArgs } from './options.js';
import { baselineDirs } from '../compare/baseline.js';
import { gatesFrom } from './compare.js';
import type { EvalSpec } from '../spec/types.js';
import type { CompareGates } from '../compare/compare.js';
import type { ResponseCache } from '../runner/response-cache.js';
import { openRunCache } from './cache.js';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { endCommand, reportersFor, type ReporterOptions } from '../report/registry.js';
import type { FinishedRun } from '../report/reporter.js';
import { routeAfterRun } from './run-route.js';

export interface CliIO {
  readonly out: Output;
  readonly err: Output;
  readonly env: Env;
  readonly cwd: string;
  /** Fires on Ctrl-C (the CLI wires SIGINT to it). */
  readonly stopSignal: AbortSignal;
}

/** --max-cost needs a price for every model and judge, or the spend could not be known. */
function checkBudget(maxCostUsd: number, jobs: readonly Job[]): void {
  const issues: string[] = [];
  if (!Number.isFinite(maxCostUsd) || maxCostUsd <= 0) issues.push(`--max-cost: must be a positive number of US dollars (got ${String(maxCostUsd)})`);
  for (const m of jobs.flatMap((j) => j.p.spec.models).filter((x) => x.provider !== 'replay')) {
    if (priceOf(pricingModelOf(m)) === undefined) issues.push(`--max-cost: ${m.id} has no known price, so its spend cannot be counted; drop the flag or the model`);
  }
  for (const j of jobs.flatMap((x) => x.p.spec.judges)) {
    if (priceOf(pricingModelOf(j)) === undefined) issues.push(`--max-cost: the judge ${j.id} has no known price, so its spend cannot be counted; drop the flag or name a priced judge`);
  }
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', [...new Set(issues)]);
}


/** Prepare every job first (exit 2 before any call on bad input), then run them one by one. */
export async function runFromCli(args: RunArgs, io: CliIO): Promise<number> {
  checkReportFiles(args);
  const { jobs, simulatedBecause } = args.resume !== undefined ? await resumeJob(args.resume, args, io) : await freshJobs(args, io);
  // Gates and baselines are checked before any call, like every other input.
  gatesFrom(args); // bad gate flags exit 2 here; each eval's gates add its spec's regression gates
  const gateFlags = (['max-drop', 'max-score-drop', 'must-pass'] as const).filter((f) => args[f] !== undefined);
  if (args.baseline === undefined && gateFlags.length > 0) {
    throw new InputError('cli.flags', 'Invalid command-line flags:', gateFlags.map((f) => `--${f}: a gate against a baseline; add --baseline <dir> (or use haikubench compare)`));
  }
  const baselines = args.baseline === undefined ? undefined : baselineDirs(args.baseline, jobs.map((j) => j.p.spec.id), io.cwd);
  const maxCostUsd = args['max-cost'];
  if (maxCostUsd !== undefined) checkBudget(maxCostUsd, jobs);
  if (args['dry-run']) {
    const forecasts = jobs.map((j) => forecast(j.p, [...workLeft(j.p, j.resume, j.shard).items], { batch: j.batch !== undefined }));
    io.out.write(args.json ? `${JSON.stringify(jobs.length === 1 ? forecasts[0] : forecasts, null, 2)}\n` : forecasts.map(renderForecast).join('\n'));
    return 0;
  }
  const providers = createProviders(jobs.map((j) => j.p), io.env);
  // Simulated models are never cached, so a simulated-only command leaves no cache file behind.
  const opened = args.cache && [...providers.values()].some((p) => !p.simulated && p.replay !== true)
    ? openRunCache({ dir: args['cache-dir'], ttl: args['cache-ttl'], env: io.env, err: io.err })
    : undefined;
  try {
    return await runJobs(jobs, providers, simulatedBecause, opened?.cache, baselines === undefined ? undefined : { dirs: baselines, gates: (spec) => gatesFrom(args, spec.regression, spec.run.confidence) }, args, io);
  } finally {
    opened?.store.close();
  }
}

interface Baselines {
  readonly dirs: ReadonlyMap<string, string>;
  /** The gates of one eval: the flags over its spec's regression gates. */
  readonly gates: (spec: EvalSpec) => CompareGates;
}

async function runJobs(jobs: readonly Job[], providers: ReadonlyMap<string, Provider>, simulatedBecause: string | undefined, cache: ResponseCache | undefined, baselines: Baselines | undefined, args: RunArgs, io: CliIO): Promise<number> {
  const maxCostUsd = args['max-cost'];
  // One budget for the whole command; a resumed run counts what it had spent already.
  const spentBefore = jobs.flatMap((j) => j.resume?.previous ?? []).reduce((sum, r) => sum + spendOf(r).spent, 0);
  const budget = maxCostUsd === undefined ? undefined : costBudget(maxCostUsd, spentBefore);
  if (simulatedBecause !== undefined && !args.json) {
    io.err.write(`SIMULATED: ${simulatedBecause}. Real models are replaced by the built-in simulator (sim:), labelled [SIMULATED] in every report.\n` +
      `  Set ANTHROPIC_API_KEY to run the same evals against Claude.\n`);
  }
  const reporters = reportersFor(reporterOptions(args, io, jobs.length));
  const analyses: RunAnalysis[] = args.route ? [(summary, runDir) => routeAfterRun(summary, runDir, io.cwd)] : [];
  const runs: FinishedRun[] = [];
  for (const { p, runId, runDir, shownDir, resume, shard, batch } of jobs) {
    if (io.stopSignal.aborted) break;
    const mine = new Map<string, Provider>();
    // Judges ride along: runItems paces them with the models (their queue key is their endpoint's).
    for (const m of [...p.spec.models, ...p.spec.judges]) mine.set(m.id, providers.get(providerKey(p.spec, m.id)) as Provider);
    const dir = baselines?.dirs.get(p.spec.id);
    runs.push(await runEvalFinished(p, {
      providers: mine,
      clock: realClock,
      runId,
      runDir,
      version: harnessVersion(),
      stopSignal: io.stopSignal,
      graceMs: args['grace-ms'],
      reporters,
      analyses,
      displayDir: shownDir,
      ...(resume !== undefined && { resume }),
      ...(shard !== undefined && { shard }),
      ...(batch !== undefined && { batch }),
      ...(budget !== undefined && { budget }),
      ...(cache !== undefined && { cache }),
      // --baseline: the comparison is part of the summary and its verdict.
      ...(dir !== undefined && baselines !== undefined && { baseline: { dir, gates: baselines.gates(p.spec) } }),
    }));
  }
  const reported = await endCommand(reporters, runs, io.err);
  if (io.stopSignal.aborted && runs.length < jobs.length) return 3;
  const codes = runs.map((r) => exitCodeOf(r.summary));
  const code = codes.includes(3) ? 3 : codes.includes(1) ? 1 : 0;
  // CI asked for a report it will not find: never a green exit.
  return reported || code !== 0 ? code : 3;
}

/** The reporters the flags ask for; report files resolved against the working directory. */
function reporterOptions(args: RunArgs, io: CliIO, evals: number): ReporterOptions {
  const at = (f: string | undefined) => (f === undefined || f === '' ? undefined : resolve(io.cwd, f));
  return {
    out: io.out, err: io.err, json: args.json, quiet: args.quiet || args.json, evals,
    // A live line only on a terminal outside CI; CI logs get a plain line per 10%.
    live: io.err.isTTY === true && io.env['CI'] !== 'true',
    junit: at(args.junit), markdown: at(args.markdown), stepSummary: at(io.env['GITHUB_STEP_SUMMARY']),
  };
}

/** --junit and --markdown name files, not folders: checked before any call (exit 2). */
function checkReportFiles(args: RunArgs): void {
  const issues: string[] = [];
  for (const [flag, file] of [['--junit', args.junit], ['--markdown', args.markdown]] as const) {
    if (file !== undefined && (file === '' || (existsSync(file) && statSync(file).isDirectory()))) issues.push(`${flag}: give a file to write, not a folder (got "${file}")`);
  }
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
}
