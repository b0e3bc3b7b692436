import { InputError } from '../errors.js';
import type { CompareGates } from './compare.js';
import type { RegressionGates } from '../spec/types.js';

// The regression gates of a comparison (`compare`, `run --baseline`) from the command's flags.

/** The gate flags, as the command line gives them. */
export interface GateFlags {
  readonly 'max-drop'?: number | undefined;
  readonly 'max-score-drop'?: number | undefined;
  readonly judge?: string | undefined;
  readonly level?: number | undefined;
  readonly 'must-pass'?: readonly string[] | undefined;
  readonly 'on-inconclusive'?: string | undefined;
}

/**
 * The gates: the flags, over the spec's `regression` gates (declared: validated with the spec), over
 * the defaults (interval; the level of the run's own intervals, else 0.95; on-inconclusive fail). Must-pass ids from both are
 * kept. A bad flag value exits 2.
 */
export function gatesFrom(args: GateFlags & { readonly show?: number }, declared: RegressionGates | null = null, runLevel = 0.95): CompareGates {
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
    onInconclusive: (args['on-inconclusive'] ?? declared?.onInconclusive) === 'warn' ? 'warn' : 'fail',
    ...(maxDrop !== undefined && { maxDrop }),
    ...(maxScoreDrop !== undefined && { maxScoreDrop }),
  };
}
