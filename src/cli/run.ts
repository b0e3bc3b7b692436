import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Env } from '../providers/create.js';
import { prepareEval, createProviders, providerKey, type PreparedEval } from '../eval/prepare.js';
import { runEval } from '../eval/run-eval.js';
import { exitCodeOf, type RunSummary } from '../stats/run-summary.js';
import { terminalReporter, type Output } from '../report/terminal.js';
import { renderOverview } from '../report/render/overview.js';
import { realClock } from '../runner/clock.js';
import type { Provider } from '../types.js';
import { overridesFromArgs } from './overrides.js';
import { harnessVersion } from './version.js';
import type { RunArgs } from './options.js';

export interface CliIO {
  readonly out: Output;
  readonly err: Output;
  readonly env: Env;
  readonly cwd: string;
  /** Fires on Ctrl-C (the CLI wires SIGINT to it). */
  readonly stopSignal: AbortSignal;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Each run gets its own directory; records of an earlier run are never appended to. */
function checkRunDirs(dirs: readonly { dir: string; spec: string }[]): void {
  const issues: string[] = [];
  dirs.forEach(({ dir, spec }, i) => {
    const twin = dirs.findIndex((d) => d.dir === dir);
    if (twin !== i) issues.push(`${spec}: same run directory as ${dirs[twin]?.spec ?? ''} (${dir}); give the specs different names`);
    const records = join(dir, 'records.jsonl');
    if (existsSync(records) && statSync(records).size > 0) issues.push(`${dir}: already holds the records of another run; choose another --out or remove it`);
  });
  if (issues.length > 0) throw new InputError('cli.run_dir', 'Cannot use the run directory:', issues);
}

/** Prepare every spec first (exit 2 before any call on bad input), then run them one by one. */
export async function runFromCli(args: RunArgs, io: CliIO): Promise<number> {
  const { overrides, simulated, why } = overridesFromArgs(args, io.env);
  const prepared: PreparedEval[] = [];
  for (const file of args.spec) prepared.push(await prepareEval(file, { cwd: io.cwd, overrides }));
  const providers = createProviders(prepared, io.env);
  if (simulated && !args.json) {
    io.err.write(`SIMULATED: ${why}. Real models are replaced by the built-in simulator (sim:), labelled [SIMULATED] in every report.\n` +
      `  Set ANTHROPIC_API_KEY to run the same evals against Claude.\n`);
  }
  const reporter = terminalReporter({ out: args.json ? { write: () => true } : io.out, err: io.err, quiet: args.quiet || args.json });
  const t0 = realClock.now();
  const suffix = randomBytes(2).toString('hex'); // two jobs started in the same second get distinct runs
  const planned = prepared.map((p) => {
    const runId = `${p.spec.id}-${stamp(t0)}-${suffix}`;
    const runDir = args.out === undefined ? join('reports', runId) : prepared.length === 1 ? args.out : join(args.out, p.spec.id);
    return { p, runId, runDir: resolve(io.cwd, runDir), shownDir: runDir };
  });
  checkRunDirs(planned.map((x) => ({ dir: x.runDir, spec: x.p.specPath })));
  const summaries: RunSummary[] = [];
  const runs: { summary: RunSummary; runDir: string }[] = [];
  for (const { p, runId, runDir, shownDir } of planned) {
    if (io.stopSignal.aborted) break;
    const mine = new Map<string, Provider>();
    for (const m of p.spec.models) mine.set(m.id, providers.get(providerKey(p.spec, m.id)) as Provider);
    const summary = await runEval(p, {
      providers: mine,
      clock: realClock,
      runId,
      runDir,
      version: harnessVersion(),
      stopSignal: io.stopSignal,
      graceMs: args['grace-ms'],
      reporters: [reporter],
      displayDir: shownDir,
    });
    summaries.push(summary);
    runs.push({ summary, runDir: shownDir });
  }
  if (!args.json && runs.length > 1) io.out.write(renderOverview(runs));
  if (args.json) io.out.write(`${JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2)}\n`);
  const codes = summaries.map(exitCodeOf);
  if (io.stopSignal.aborted && summaries.length < prepared.length) return 3;
  return codes.includes(3) ? 3 : codes.includes(1) ? 1 : 0;
}
