import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { flippedOutputs, readRun } from '../compare/read-run.js';
import { compareRuns } from '../compare/compare.js';
import { gatesFrom } from '../compare/gates.js';
import { renderComparison } from '../compare/render.js';
import type { Output } from '../report/terminal.js';
import type { GateArgs } from './options.js';

export interface CompareArgs extends GateArgs {
  readonly baseline: string;
  readonly candidate: string;
  readonly json: boolean;
  readonly 'baseline-model'?: string | undefined;
  readonly 'candidate-model'?: string | undefined;
  readonly show: number;
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
