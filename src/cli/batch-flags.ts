import { InputError } from '../errors.js';
import type { BatchSettings } from '../eval/run-eval.js';
import type { PreparedEval } from '../eval/prepare.js';
import type { RunArgs } from './options.js';

/**
 * --batch and its settings, checked before any call: only anthropic: models have the Message Batches
 * API, and --max-cost cannot be kept (a batch is paid for as a whole once it is sent).
 */
export function batchSettings(args: RunArgs, prepared: readonly PreparedEval[], resumedBatch?: boolean): BatchSettings | undefined {
  const on = resumedBatch ?? args.batch;
  const issues: string[] = [];
  if (resumedBatch === false && args.batch) issues.push('--batch: a resumed run keeps the way it started (this one called the API directly); drop the flag');
  const size = args['batch-size'];
  const poll = args['batch-poll'];
  if (!Number.isInteger(size) || size < 1 || size > 100_000) issues.push(`--batch-size: must be a whole number from 1 to 100,000 (got ${String(size)})`);
  if (!Number.isFinite(poll) || poll <= 0) issues.push(`--batch-poll: must be a number of seconds > 0 (got ${String(poll)})`);
  if (on) {
    for (const p of prepared) {
      for (const m of p.spec.models) {
        if (m.provider !== 'anthropic') issues.push(`--batch: ${m.id} (${p.specPath}) is not an anthropic: model; the Message Batches API is Anthropic's. Run it without --batch, or drop the model with --model`);
      }
    }
    for (const p of prepared) {
      if (p.spec.scorers.some((sc) => sc.type === 'max-latency')) issues.push(`--batch: ${p.specPath} has a max-latency scorer, but batch items have no latency of their own (the API answers within 24 h); run without --batch, or drop the scorer`);
      if (p.spec.tools?.loop !== undefined || p.spec.prompt.turns !== undefined) issues.push(`--batch: ${p.specPath} makes several calls per item (${p.spec.tools?.loop !== undefined ? 'tool_loop' : 'prompt.turns'}), each depending on the answer before it, which one batch cannot hold; run without --batch`);
      if (p.pairwiseReference !== undefined) issues.push(`--batch: ${p.specPath} judges models against ${p.pairwiseReference} of the same run (pairwise against_model), which batches cannot order; run without --batch, or run ${p.pairwiseReference} first and use against: <its run directory>`);
    }
    if (args['max-cost'] !== undefined) issues.push('--batch: --max-cost cannot be kept with batches (each batch is paid as a whole once sent); use --dry-run to see the cost first, or drop one flag');
  }
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
  return on ? { maxPerBatch: size, pollMs: poll * 1000, maxPollMs: Math.max(poll * 1000, 120_000) } : undefined;
}
