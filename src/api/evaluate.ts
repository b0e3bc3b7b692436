import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError, RunError } from '../errors.js';
import type { EvalSpecInput } from '../spec/input.js';
import type { SpecSource } from '../spec/load.js';
import { sha256 } from '../util/random.js';
import { harnessVersion } from '../util/version.js';
import { createProviders, prepareEval, providerKey, type PreparedEval } from '../eval/prepare.js';
import { runEvalFinished, type RunEvalDeps } from '../eval/run-eval.js';
import { exitCodeOf, type RunSummary } from '../summary/run-summary.js';
import { holdsRun, latestPerItem } from '../run-log/index.js';
import { endCommand } from '../report/registry.js';
import type { Reporter } from '../report/reporter.js';
import { terminalReporter } from '../report/terminal.js';
import { junitReporter } from '../report/junit.js';
import { markdownReporter } from '../report/markdown.js';
import { baselineDirs } from '../compare/baseline.js';
import { gatesFrom } from '../compare/gates.js';
import { realClock } from '../runner/clock.js';
import { openRunCache } from '../runner/open-run-cache.js';
import type { Env } from '../providers/create.js';
import type { Output, Provider, RunRecord } from '../types.js';
import { checkOptions, overridesOf, type EvaluateOptions } from './options.js';

// evaluate(): one eval, one call, the result in memory. The library's edge: the only place outside
// cli/ that reads process.env and process.cwd(), and only as defaults of its options.

export type { EvaluateOptions } from './options.js';

export interface EvaluateResult {
  /** What summary.json holds: per-model figures with intervals, gates, the verdict. */
  readonly summary: RunSummary;
  /** The latest record of each work item (sample × model × epoch), in the order they finished. */
  readonly records: readonly RunRecord[];
  /** What the CLI would exit with: 0 every gate passed, 1 a gate failed, 3 the run did not complete. */
  readonly exitCode: 0 | 1 | 3;
  /** The run directory (absolute), or undefined when no `outDir` was given (the temporary one is removed). */
  readonly runDir: string | undefined;
}

/** How reports name the run directory when none was asked for (it is removed after the call). */
const TEMPORARY_DIR_NAME = '<temporary run directory: pass outDir to keep it>';

/** The name an inline spec goes by in messages; its relative paths resolve against `cwd`. */
export const INLINE_SPEC_NAME = '<inline spec>';

function inlineSource(spec: object, cwd: string): SpecSource {
  let text: string;
  try {
    text = JSON.stringify(spec);
  } catch (err) {
    throw new InputError('api.spec', 'evaluate(): the spec object cannot be read as JSON', [err instanceof Error ? err.message : String(err)]);
  }
  return { file: join(cwd, INLINE_SPEC_NAME), data: JSON.parse(text) as unknown, sha256: sha256(text), lineOf: () => undefined };
}

function specSource(spec: unknown, cwd: string): string | SpecSource {
  if (typeof spec === 'string' && spec !== '') return resolve(cwd, spec);
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) return inlineSource(spec, cwd);
  throw new InputError('api.spec', 'evaluate(): the first argument must be a spec file path or a spec object', [`got ${spec === null ? 'null' : Array.isArray(spec) ? 'an array' : typeof spec}`]);
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The run directory: outDir (which must not hold another run), or a fresh temporary folder. */
function runDirOf(o: EvaluateOptions, cwd: string): { dir: string; temporary: boolean } {
  if (o.outDir === undefined) return { dir: mkdtempSync(join(tmpdir(), 'haikubench-evaluate-')), temporary: true };
  const dir = resolve(cwd, o.outDir);
  if (holdsRun(dir)) throw new InputError('api.run_dir', 'Cannot use the run directory:', [`options.outDir ${o.outDir}: already holds the records of another run; choose another folder or remove it`]);
  return { dir, temporary: false };
}

function reportersOf(o: EvaluateOptions, cwd: string): Reporter[] {
  return [
    ...(o.reporters ?? []),
    ...(o.terminal === undefined ? [] : [terminalReporter({ out: o.terminal, err: o.terminal, live: false })]),
    ...(o.junit === undefined ? [] : [junitReporter(resolve(cwd, o.junit))]),
    ...(o.markdown === undefined ? [] : [markdownReporter(resolve(cwd, o.markdown))]),
  ];
}

/** Warnings as one line each to onWarning (default: a process warning). */
function warnings(o: EvaluateOptions): Output {
  const warn = o.onWarning ?? ((m: string) => process.emitWarning(m, 'HaikubenchWarning'));
  return { write: (s: string) => { for (const line of s.split('\n')) if (line.trim() !== '') warn(line.trim()); } };
}

/**
 * Run one eval spec (a file path, or a spec object as the YAML would give it) and return its summary
 * and records. Bad input (spec, dataset, options, a missing key) throws an InputError before any call;
 * model failures are records, never throws. Cancelling with `signal` returns the partial result
 * (summary.status "aborted", exitCode 3); a signal aborted before the call throws a RunError.
 */
export async function evaluate(spec: string | EvalSpecInput, options: EvaluateOptions = {}): Promise<EvaluateResult> {
  checkOptions(options);
  if (options.signal?.aborted === true) throw new RunError('evaluate(): the signal was aborted before the run started', { cause: options.signal.reason });
  const cwd = resolve(options.cwd ?? process.cwd());
  const env: Env = options.env ?? process.env;
  const prepared = await prepareEval(specSource(spec, cwd), { cwd, overrides: overridesOf(options, env) });
  for (const w of prepared.warnings) warnings(options).write(w);
  const providers = createProviders([prepared], env);
  const baseline = options.baseline === undefined ? undefined
    : { dir: baselineDirs(options.baseline, [prepared.spec.id], cwd).get(prepared.spec.id) as string, gates: gatesFrom({}, prepared.spec.regression, prepared.spec.run.confidence) };
  const { dir, temporary } = runDirOf(options, cwd);
  let opened: ReturnType<typeof openRunCache> | undefined;
  try {
    const useCache = options.cache !== false && [...providers.values()].some((p) => !p.simulated && p.replay !== true);
    const cacheOpts = typeof options.cache === 'object' ? options.cache : {};
    if (useCache) opened = openRunCache({ dir: cacheOpts.dir === undefined ? undefined : resolve(cwd, cacheOpts.dir), ttl: cacheOpts.ttl ?? '14d', env, err: warnings(options) });
    const reporters = reportersOf(options, cwd);
    const deps = depsOf(prepared, providers, { dir, shownDir: temporary ? TEMPORARY_DIR_NAME : dir, reporters, options, ...(opened !== undefined && { cache: opened.cache }), ...(baseline !== undefined && { baseline }) });
    const finished = await runEvalFinished(prepared, deps);
    const problems: string[] = [];
    if (!(await endCommand(reporters, [finished], { write: (s) => problems.push(s.trim()) }))) throw new RunError(`evaluate(): a report could not be written\n  ${problems.join('\n  ')}`);
    const records = [...(await latestPerItem(dir, (r) => r.record)).values()];
    return { summary: finished.summary, records, exitCode: exitCodeOf(finished.summary), runDir: temporary ? undefined : dir };
  } finally {
    opened?.store.close();
    if (temporary) rmSync(dir, { recursive: true, force: true });
  }
}

interface DepsParts {
  readonly dir: string;
  readonly shownDir: string;
  readonly reporters: readonly Reporter[];
  readonly options: EvaluateOptions;
  readonly cache?: RunEvalDeps['cache'];
  readonly baseline?: RunEvalDeps['baseline'];
}

/** The deps of the run: this eval's providers (judges too), the real clock, the options' signal. */
function depsOf(prepared: PreparedEval, providers: ReadonlyMap<string, Provider>, parts: DepsParts): RunEvalDeps {
  const { spec } = prepared;
  const mine = new Map<string, Provider>();
  for (const m of [...spec.models, ...spec.judges]) mine.set(m.id, providers.get(providerKey(spec, m.id)) as Provider);
  const now = realClock.now();
  return {
    providers: mine,
    clock: realClock,
    runId: `${spec.id}-${stamp(now)}-${randomBytes(2).toString('hex')}`,
    runDir: parts.dir,
    shownDir: parts.shownDir,
    version: harnessVersion(),
    stopSignal: parts.options.signal ?? new AbortController().signal,
    graceMs: parts.options.graceMs ?? 5000,
    reporters: parts.reporters,
    ...(parts.cache !== undefined && { cache: parts.cache }),
    ...(parts.baseline !== undefined && { baseline: parts.baseline }),
  };
}
