import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { flippedOutputs, readRun } from '../compare/read-run.js';
import { compareRuns, type CompareGates } from '../compare/compare.js';
import { renderComparison } from '../compare/render.js';
import type { Output } from '../report/terminal.js';
import type { GateArgs } from './options.js';
import type { RegressionGates } from '../spec/types.js';

export interface CompareArgs extends GateArgs {
  readonly baseline: string;
  readonly candidate: string;
  readonly json: boolean;
  readonly 'baseline-model'?: string | undefined;
  readonly 'candidate-model'?: string | undefined;
  readonly show: number;
}

/**
 * The gates: the flags, over the spec's `regression` gates (declared: validated with the spec), over
 * the defaults (interval; the level of the run's own intervals, else 0.95). Must-pass ids from both are
 * kept. A bad flag value exits 2.
 */
export function gatesFrom(args: GateArgs & { readonly show?: number }, declared: RegressionGates | null = null, runLevel = 0.95): CompareGates {
  const issues: string[] = [];
  const frac = (name: string, v: number | undefined) => {
    if (v !== undefined && !(v >= 0 && v < 1)) issues.push(`--${name} ${String(v)}: a drop as a fraction from 0 to 1 (0.02 = 2 points)`);
  };
  frac('max-drop', args['max-drop']);
  frac('max-score-drop', args['max-score-drop']);
  if (args.level !== undefined && !(args.level > 0.5 && args.level < 1)) issues.push(`--level ${String(args.level)}: a confidence level between 0.5 and 1, e.g. 0.95`);
  if (args.show !== undefined && (!Number.isInteger(args.show) || args.show < 0)) issues.push(`--show ${String(args.show)}: a whole number of samples to list`);
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
  const judge = args.judge ?? declared?.judge ?? 'interval';
  const maxDrop = args['max-drop'] ?? declared?.maxDrop;
  const maxScoreDrop = args['max-score-drop'] ?? declared?.maxScoreDrop;
  const flagged = (args['must-pass'] ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  return {
    judge: judge === 'significance' ? 'significance' : 'interval',
    level: args.level ?? declared?.level ?? runLevel,
    mustPass: [...new Set([...(declared?.mustPass ?? []), ...flagged])],
    ...(maxDrop !== undefined && { maxDrop }),
    ...(maxScoreDrop !== undefined && { maxScoreDrop }),
  };
}

/** Exit 1 when a gate fails, 0 otherwise; bad input is an InputError (2). */
export async function compareFromCli(args: CompareArgs, io: { out: Output; cwd: string }): Promise<number> {
  gatesFrom(args); // bad flags exit 2 before any run is read
  const base = await readRun(resolve(io.cwd, args.baseline), args.baseline);
  const cand = await readRun(resolve(io.cwd, args.candidate), args.candidate);
  // The candidate's spec may declare gates (summary.json keeps them); runs older than that have none.
  const gates = gatesFrom(args, cand.summary.options.regression ?? null);
  const models = { ...(args['baseline-model'] !== undefined && { baseline: args['baseline-model'] }), ...(args['candidate-model'] !== undefined && { candidate: args['candidate-model'] }) };
  const { comparisons, problem } = compareRuns(base, cand, gates, models);
  if (problem !== undefined) throw new InputError('compare.models', `Cannot compare ${args.baseline} with ${args.candidate}:`, [problem]);
  if (comparisons.every((c) => c.n === 0)) throw new InputError('compare.no_samples', `Cannot compare ${args.baseline} with ${args.candidate}:`, ['no sample was scored in both runs (were they run on the same dataset?)']);
  const must = new Set(gates.mustPass);
  const unknown = [...must].filter((id) => ![...base.verdicts.values()].some((v) => v.sampleId === id));
  if (unknown.length > 0) throw new InputError('compare.must_pass', 'Invalid command-line flags:', [`--must-pass: no sample ${unknown.join(', ')} in ${args.baseline}`]);
  if (args.json) {
    io.out.write(`${JSON.stringify(comparisons.length === 1 ? comparisons[0] : comparisons, null, 2)}\n`);
  } else {
    const outputs = await flippedOutputs(base, cand, comparisons, args.show);
    io.out.write(comparisons.map((c) => renderComparison(c, outputs, args.show)).join('\n'));
  }
  return comparisons.some((c) => c.gates.some((g) => !g.pass)) ? 1 : 0;
}
