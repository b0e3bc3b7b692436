import { resolve } from 'node:path';
import type { Env } from '../providers/create.js';
import { pricingOf } from '../providers/create.js';
import { InputError } from '../errors.js';
import { isPriced } from '../pricing/model-price.js';
import { createProviders, providerKey, type PreparedEval } from './prepare.js';
import { forecast } from './forecast.js';
import { runEvalFinished, workLeft, type BatchSettings, type RunAnalysis, type RunEvalDeps } from './run-eval.js';
import { exitCodeOf } from '../summary/run-summary.js';
import { renderForecast } from './forecast-text.js';
import { endCommand, reportersFor, type ReporterOptions } from '../report/registry.js';
import type { FinishedRun } from '../report/reporter.js';
import type { Output } from '../report/terminal.js';
import { realClock } from '../runner/clock.js';
import { costBudget, spendOf } from '../runner/budget.js';
import type { ResponseCache } from '../runner/response-cache.js';
import type { Shard } from '../runner/shard.js';
import { openRunCache } from '../runner/open-run-cache.js';
import type { CompareGates } from '../compare/compare.js';
import { routeAfterRun } from './route-after-run.js';
import { cassetteSetup, type CassetteOption } from './cassette-run.js';
import type { EvalSpec } from '../spec/types.js';
import { columnsOf, isCI, useColor } from '../util/terminal-env.js';
import type { Provider } from '../types.js';

// `haikubench run` once its input is checked: the evals one by one, each reporter told as they go,
// and the exit code from the summaries' verdicts.

export interface RunIO {
  readonly out: Output;
  readonly err: Output;
  readonly env: Env;
  readonly cwd: string;
  /** Fires on Ctrl-C (the CLI wires SIGINT to it). */
  readonly stopSignal: AbortSignal;
}

/** One eval to run: where its records go, and what an earlier attempt already did. */
export interface Job {
  readonly prepared: PreparedEval;
  readonly runId: string;
  readonly runDir: string;
  readonly shownDir: string;
  readonly resume?: RunEvalDeps['resume'];
  readonly shard?: Shard;
  readonly batch?: BatchSettings;
}

/** run --baseline: each eval's baseline run directory, and the gates of one eval. */
export interface Baselines {
  readonly dirs: ReadonlyMap<string, string>;
  /** The flags over the eval's spec regression gates. */
  readonly gates: (spec: EvalSpec) => CompareGates;
}

/** A run command, its flags read and checked. */
export interface RunCommand {
  readonly jobs: readonly Job[];
  /** Why models are simulated, when they are. */
  readonly simulatedBecause?: string | undefined;
  readonly baselines?: Baselines | undefined;
  /** --max-cost, US dollars for the whole command. */
  readonly maxCostUsd?: number | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly graceMs: number;
  /** run --route: the tiering analysis after each finished run of two or more models. */
  readonly route: boolean;
  /** The response cache (undefined with --no-cache): its folder and time to live. */
  readonly cache?: { readonly dir: string | undefined; readonly ttl: string } | undefined;
  /** --junit and --markdown, as given (relative to the working directory). */
  readonly junit?: string | undefined;
  /** --junit-samples: failing samples as <system-out> (report) or <failure> (fail). */
  readonly junitSamples?: 'report' | 'fail' | undefined;
  readonly markdown?: string | undefined;
  /** --html FILE, as given. */
  readonly html?: string | undefined;
  readonly version: string;
  /** --record DIR / --replay DIR: every model call recorded to, or answered from, a cassette (the response cache is off). */
  readonly cassette?: CassetteOption | undefined;
  /** --color / --no-color; undefined: decided by the environment (util/terminal-env.ts). */
  readonly color?: boolean | undefined;
  /** --details: the terminal's folded parts in full. */
  readonly details?: boolean | undefined;
  /** --show-failures: every failing sample in the terminal. */
  readonly showFailures?: boolean | undefined;
  /** --markdown-link URL: linked from the Markdown report (the HTML artifact). */
  readonly markdownLink?: string | undefined;
}

/** --max-cost needs a price for every model and judge, or the spend could not be known. */
export function checkBudget(maxCostUsd: number, jobs: readonly Job[]): void {
  const issues: string[] = [];
  if (!Number.isFinite(maxCostUsd) || maxCostUsd <= 0) issues.push(`--max-cost: must be a positive number of US dollars (got ${String(maxCostUsd)})`);
  // A replay: model calls nothing, so it spends nothing whether or not it has a price.
  for (const m of jobs.flatMap((j) => j.prepared.spec.models).filter((x) => x.provider !== 'replay')) {
    if (!isPriced(pricingOf(m))) issues.push(`--max-cost: ${m.id} has no known price, so its spend cannot be counted; give its model entry a price (price: {input: …, output: …} in USD per million tokens), or drop the flag or the model`);
  }
  for (const j of jobs.flatMap((x) => x.prepared.spec.judges)) {
    if (!isPriced(pricingOf(j))) issues.push(`--max-cost: the judge ${j.id} has no known price, so its spend cannot be counted; give the judge's model entry a price, name a priced judge, or drop the flag`);
  }
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', [...new Set(issues)]);
}

/** The budget is checked before any call (exit 2); --dry-run prints the forecast; otherwise the evals run. */
export async function runCommand(cmd: RunCommand, io: RunIO): Promise<number> {
  const { jobs } = cmd;
  if (cmd.maxCostUsd !== undefined) checkBudget(cmd.maxCostUsd, jobs);
  if (cmd.dryRun) {
    const forecasts = jobs.map((j) => forecast(j.prepared, workLeft(j.prepared, j.resume, j.shard).items, { batch: j.batch !== undefined }));
    io.out.write(cmd.json ? `${JSON.stringify(jobs.length === 1 ? forecasts[0] : forecasts, null, 2)}\n` : forecasts.map(renderForecast).join('\n'));
    return 0;
  }
  // --record/--replay: the providers over a cassette (a replay checks its items first: exit 2 on a miss).
  const tape = cmd.cassette === undefined ? undefined : cassetteSetup(cmd.cassette, jobs, io.env, io.stopSignal);
  const providers = tape?.providers ?? createProviders(jobs.map((j) => j.prepared), io.env);
  // Simulated models are never cached, so a simulated-only command leaves no cache file behind.
  const opened = cmd.cache !== undefined && [...providers.values()].some((p) => !p.simulated && p.replay !== true && p.local !== true)
    ? openRunCache({ dir: cmd.cache.dir, ttl: cmd.cache.ttl, env: io.env, err: io.err })
    : undefined;
  let code: number;
  try {
    code = await runJobs(cmd, providers, opened?.cache, tape === undefined ? io : { ...io, stopSignal: tape.stopSignal });
  } finally {
    opened?.store.close();
    // A recording keeps what it got, even from a stopped run; a replay that missed a call exits 2 here.
    tape?.finish();
  }
  return code;
}

/** The reporters the flags ask for; report files resolved against the working directory. */
function reporterOptions(cmd: RunCommand, io: RunIO): ReporterOptions {
  const at = (f: string | undefined) => (f === undefined || f === '' ? undefined : resolve(io.cwd, f));
  return {
    out: io.out, err: io.err, json: cmd.json, quiet: cmd.quiet || cmd.json, evals: cmd.jobs.length,
    // A live line (ANSI redraws) only on a terminal outside CI with colour allowed; else a plain line per 10%.
    live: io.err.isTTY === true && !isCI(io.env) && useColor({ env: io.env, flag: cmd.color, isTTY: true }),
    junit: at(cmd.junit), junitSamples: cmd.junitSamples, markdown: at(cmd.markdown), html: at(cmd.html), stepSummary: at(io.env['GITHUB_STEP_SUMMARY']),
    width: columnsOf(io.out, io.env), errWidth: columnsOf(io.err, io.env),
    color: useColor({ env: io.env, flag: cmd.color, isTTY: io.out.isTTY === true }),
    details: cmd.details, showFailures: cmd.showFailures, markdownLink: cmd.markdownLink,
  };
}

/** The deps of one eval of the command. */
function evalDeps(cmd: RunCommand, job: Job, shared: Pick<RunEvalDeps, 'reporters' | 'analyses' | 'budget' | 'cache'>, providers: ReadonlyMap<string, Provider>, io: RunIO): RunEvalDeps {
  const { prepared: p, runId, runDir, shownDir, resume, shard, batch } = job;
  const mine = new Map<string, Provider>();
  // Judges ride along: runItems paces them with the models (their queue key is their endpoint's).
  for (const m of [...p.spec.models, ...p.spec.judges]) mine.set(m.id, providers.get(providerKey(p.spec, m.id)) as Provider);
  const dir = cmd.baselines?.dirs.get(p.spec.id);
  return {
    ...shared,
    providers: mine, clock: realClock, runId, runDir, version: cmd.version, stopSignal: io.stopSignal, graceMs: cmd.graceMs, shownDir: shownDir,
    ...(resume !== undefined && { resume }),
    ...(shard !== undefined && { shard }),
    ...(batch !== undefined && { batch }),
    ...(cmd.cassette !== undefined && { cassette: { mode: cmd.cassette.mode, dir: resolve(io.cwd, cmd.cassette.dir) } }),
    // --baseline: the comparison is part of the summary and its verdict.
    ...(dir !== undefined && cmd.baselines !== undefined && { baseline: { dir, gates: cmd.baselines.gates(p.spec) } }),
  };
}

async function runJobs(cmd: RunCommand, providers: ReadonlyMap<string, Provider>, cache: ResponseCache | undefined, io: RunIO): Promise<number> {
  const { jobs } = cmd;
  // One budget for the whole command; a resumed run counts what it had spent already.
  const spentBefore = jobs.flatMap((j) => j.resume?.previous ?? []).reduce((sum, r) => sum + spendOf(r).spent, 0);
  const budget = cmd.maxCostUsd === undefined ? undefined : costBudget(cmd.maxCostUsd, spentBefore);
  if (cmd.simulatedBecause !== undefined && !cmd.json) {
    io.err.write(`SIMULATED: ${cmd.simulatedBecause}. Real models are replaced by the built-in simulator (sim:), labelled [SIMULATED] in every report.\n` +
      `  Set ANTHROPIC_API_KEY to run the same evals against Claude.\n`);
  }
  const reporters = reportersFor(reporterOptions(cmd, io));
  const analyses: RunAnalysis[] = cmd.route ? [(summary, runDir) => routeAfterRun(summary, runDir, io.cwd)] : [];
  const shared = { reporters, analyses, ...(budget !== undefined && { budget }), ...(cache !== undefined && { cache }) };
  const runs: FinishedRun[] = [];
  for (const job of jobs) {
    if (io.stopSignal.aborted) break;
    runs.push(await runEvalFinished(job.prepared, evalDeps(cmd, job, shared, providers, io)));
  }
  const reported = await endCommand(reporters, runs, io.err);
  if (io.stopSignal.aborted && runs.length < jobs.length) return 3;
  const codes = runs.map((r) => exitCodeOf(r.summary));
  const code = codes.includes(3) ? 3 : codes.includes(1) ? 1 : 0;
  // CI asked for a report it will not find: never a green exit.
  return reported || code !== 0 ? code : 3;
}
