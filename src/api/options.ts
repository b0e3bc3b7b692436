import { InputError } from '../errors.js';
import { parseDuration } from '../cache/key.js';
import type { Env } from '../providers/create.js';
import { idForms, MODEL_ID_PATTERN } from '../providers/registry.js';
import type { Reporter } from '../report/reporter.js';
import type { SpecOverrides } from '../spec/resolve.js';
import type { Output } from '../types.js';

// The options of evaluate(), checked before anything is loaded: a bad value is an InputError naming
// the option, as a bad flag is for the CLI.

export interface EvaluateOptions {
  /** Replace the spec's models (like `--model`), e.g. `['sim:claude-haiku-5-5']`. */
  readonly models?: readonly string[];
  /**
   * Run the simulator in place of every `anthropic:`/`openai:` model (like `--simulate`): `true` always,
   * `'auto'` only when `env.ANTHROPIC_API_KEY` is not set, `false` (default) never. Simulated models are
   * labelled simulated in the summary.
   */
  readonly simulate?: boolean | 'auto';
  /** Run the first N samples (like `--limit`). */
  readonly limit?: number;
  readonly epochs?: number;
  readonly concurrency?: number;
  readonly seed?: number;
  /** The level of the summary's intervals, e.g. 0.9 (like `--confidence`). */
  readonly confidence?: number;
  /**
   * The run directory (`records.jsonl`, `summary.json`, `run.json`), kept after the call. Without it the
   * run is written to a fresh temporary folder that is removed once the result has been read.
   */
  readonly outDir?: string;
  /** Resolves a spec path, `outDir`, `junit`, `markdown`, and an inline spec's relative paths (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Where API keys and base URLs are read from (default: `process.env`). Keys are never written anywhere. */
  readonly env?: Env;
  /** The response cache (default on, in the CLI's folder); `false` to call the model every time. */
  readonly cache?: boolean | { readonly dir?: string; readonly ttl?: string };
  /** Cancels the run: no new calls; calls in flight get `graceMs`, then the partial result is returned. */
  readonly signal?: AbortSignal;
  /** How long calls in flight may finish after `signal` fires (default 5000 ms). */
  readonly graceMs?: number;
  /** Your own reporters (the `Reporter` hooks). None by default: evaluate() prints nothing. */
  readonly reporters?: readonly Reporter[];
  /** The terminal report and progress, written to this stream (e.g. `process.stderr`). Off by default. */
  readonly terminal?: Output;
  /** Also write a JUnit XML report to this file (like `--junit`). */
  readonly junit?: string;
  /** Also write the Markdown report to this file (like `--markdown`). */
  readonly markdown?: string;
  /**
   * Compare with a finished baseline run (a run directory, or a folder holding `<evalId>/`, like
   * `--baseline`); the spec's `regression` gates apply and are part of the verdict.
   */
  readonly baseline?: string;
  /** Warnings that do not stop the run (a response cache that fails): default `process.emitWarning`. */
  readonly onWarning?: (message: string) => void;
}

const KNOWN = new Set<string>([
  'models', 'simulate', 'limit', 'epochs', 'concurrency', 'seed', 'confidence', 'outDir', 'cwd', 'env', 'cache', 'signal',
  'graceMs', 'reporters', 'terminal', 'junit', 'markdown', 'baseline', 'onWarning',
]);
const MODEL_ID = new RegExp(MODEL_ID_PATTERN);

function wholeAtLeast(name: string, v: unknown, min: number, issues: string[]): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min)) issues.push(`options.${name}: must be a whole number >= ${min} (got ${JSON.stringify(v)})`);
}

function stringOption(name: string, v: unknown, issues: string[]): void {
  if (v !== undefined && (typeof v !== 'string' || v === '')) issues.push(`options.${name}: must be a non-empty path (got ${JSON.stringify(v)})`);
}

/** Every option checked at once; throws an InputError listing each problem. */
export function checkOptions(o: EvaluateOptions): void {
  const issues: string[] = [];
  for (const k of Object.keys(o)) if (!KNOWN.has(k)) issues.push(`options.${k}: not an option of evaluate() (known: ${[...KNOWN].join(', ')})`);
  if (o.models !== undefined && !Array.isArray(o.models)) issues.push('options.models: must be an array of model ids');
  for (const m of Array.isArray(o.models) ? o.models : []) if (typeof m !== 'string' || !MODEL_ID.test(m)) issues.push(`options.models: ${JSON.stringify(m)} must be ${idForms()}`);
  if (o.simulate !== undefined && o.simulate !== true && o.simulate !== false && o.simulate !== 'auto') issues.push(`options.simulate: must be true, false or 'auto' (got ${JSON.stringify(o.simulate)})`);
  wholeAtLeast('limit', o.limit, 1, issues);
  wholeAtLeast('epochs', o.epochs, 1, issues);
  wholeAtLeast('concurrency', o.concurrency, 1, issues);
  wholeAtLeast('graceMs', o.graceMs, 0, issues);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) issues.push(`options.seed: must be a whole number (got ${JSON.stringify(o.seed)})`);
  if (o.confidence !== undefined && !(typeof o.confidence === 'number' && o.confidence > 0.5 && o.confidence < 1)) issues.push(`options.confidence: a level between 0.5 and 1, e.g. 0.9 (got ${JSON.stringify(o.confidence)})`);
  for (const k of ['outDir', 'cwd', 'junit', 'markdown', 'baseline'] as const) stringOption(k, o[k], issues);
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) issues.push('options.signal: must be an AbortSignal (e.g. AbortSignal.timeout(60_000) or an AbortController\'s signal)');
  if (o.reporters !== undefined && !Array.isArray(o.reporters)) issues.push('options.reporters: must be an array of reporter objects');
  if (o.terminal !== undefined && typeof o.terminal?.write !== 'function') issues.push('options.terminal: must be a stream with write(), e.g. process.stderr');
  checkCache(o.cache, issues);
  if (issues.length > 0) throw new InputError('api.options', 'Invalid evaluate() options:', issues);
}

function checkCache(cache: unknown, issues: string[]): void {
  if (cache === undefined || typeof cache === 'boolean') return;
  if (cache === null || typeof cache !== 'object') {
    issues.push(`options.cache: true, false or { dir?, ttl? } (got ${JSON.stringify(cache)})`);
    return;
  }
  const { dir, ttl } = cache as { dir?: unknown; ttl?: unknown };
  stringOption('cache.dir', dir, issues);
  if (ttl === undefined) return;
  try {
    if (typeof ttl !== 'string') throw new InputError('duration.invalid', 'must be a string such as "14d"', []);
    parseDuration(ttl);
  } catch (err) {
    issues.push(`options.cache.ttl: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The spec overrides the options ask for. */
export function overridesOf(o: EvaluateOptions, env: Env): SpecOverrides {
  const noKey = (env['ANTHROPIC_API_KEY'] ?? '').trim() === '';
  const simulate = o.simulate === true || (o.simulate === 'auto' && noKey);
  return {
    ...(o.models !== undefined && o.models.length > 0 && { models: [...o.models] }),
    ...(o.limit !== undefined && { limit: o.limit }),
    ...(o.epochs !== undefined && { epochs: o.epochs }),
    ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
    ...(o.seed !== undefined && { seed: o.seed }),
    ...(o.confidence !== undefined && { confidence: o.confidence }),
    simulate,
  };
}
