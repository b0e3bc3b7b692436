import type { Options } from 'yargs';
import type { GateFlags } from '../compare/gates.js';

// Options of `run` (and `validate`, which shares the overrides that change what is checked), declared
// once as data. Each command's --help lists the options its builder applies, so a flag that only
// matters while calling models belongs to runOptions, not to specOverrideOptions.

/** Overrides that change what `validate` checks too: the models, the samples, the epochs. */
export const specOverrideOptions = {
  model: { type: 'string', array: true, describe: 'Model id to run instead of the spec\'s models (repeatable), e.g. sim:claude-haiku-5-5' },
  limit: { type: 'number', describe: 'Use at most N samples per eval' },
  seed: { type: 'number', describe: 'Seed for shuffling, jitter and the simulator' },
  epochs: { type: 'number', describe: 'Run each sample N times per model' },
  simulate: {
    type: 'string',
    choices: ['never', 'auto', 'always'],
    default: 'never',
    describe: 'Replace anthropic:/openai: models by their sim: stand-ins: always, or auto = only when ANTHROPIC_API_KEY is unset. Simulated models are labelled everywhere.',
  },
} as const satisfies Record<string, Options>;

/** Overrides that only matter when models are called: run's, not validate's. */
const runOverrideOptions = {
  confidence: { type: 'number', describe: 'Confidence level of every interval in the summary and reports, e.g. 0.9 (default: the spec\'s run.confidence, else 0.95)' },
  concurrency: { type: 'number', describe: 'Concurrent calls per provider queue' },
  transport: { type: 'string', choices: ['node', 'undici', 'fetch'], describe: 'HTTP client under the anthropic:/openai: SDKs: node (default; keep-alive connections on Node\'s http/https), undici (keep-alive pool) or fetch (Node\'s own fetch). Default: $HAIKUBENCH_TRANSPORT, else the spec\'s run.transport, else node' },
  'connection-retry-ms': { type: 'number', describe: 'How long a call keeps retrying while the endpoint cannot be reached or the connection breaks (default: the spec\'s run.connection_retry_ms, else 5 minutes once the endpoint has answered in the run and 1 minute before)' },
} as const satisfies Record<string, Options>;

/** Regression gates against a baseline: `compare`, and `run --baseline`. */
export const gateOptions = {
  'max-drop': { type: 'number', describe: 'Gate: largest allowed drop in pass rate against the baseline, as a fraction (0.02 = 2 points)' },
  'max-score-drop': { type: 'number', describe: 'Gate: largest allowed drop in mean score (0..1)' },
  judge: { type: 'string', choices: ['interval', 'significance'], describe: 'interval (default): fail when the whole interval of the change lies below −max-drop; significance: when the drop passes max-drop and the paired test is significant at 1 − level' },
  level: { type: 'number', describe: 'Confidence level of the comparison\'s intervals (default 0.95)' },
  'on-inconclusive': { type: 'string', choices: ['fail', 'warn'], describe: 'What a --max-drop gate that cannot detect its own threshold (the smallest change the paired samples can detect exceeds it) does: fail (default; over the spec\'s regression.on_inconclusive) or warn (passes, reported as inconclusive)' },
  'must-pass': { type: 'string', array: true, describe: 'Gate: sample ids that may never go from pass to fail (repeatable or comma-separated; added to the spec\'s regression.must_pass)' },
} as const satisfies Record<string, Options>;

/** The gate flags of `compare` and `run --baseline` (src/compare/gates.ts). */
export type GateArgs = GateFlags;

export const runOptions = {
  ...gateOptions,
  baseline: { type: 'string', describe: 'Compare each eval with this accepted baseline run (a run directory, or a folder of them by eval id, as `haikubench baseline accept` writes) and apply the gates (--max-drop, --must-pass …): exit 1 when one fails' },
  ...specOverrideOptions,
  ...runOverrideOptions,
  out: { type: 'string', describe: 'Run directory (default reports/<runId>; with several specs, one folder per eval inside it)' },
  json: { type: 'boolean', default: false, describe: 'Print the summaries as JSON on stdout instead of tables' },
  quiet: { type: 'boolean', default: false, describe: 'No progress output' },
  'grace-ms': { type: 'number', default: 5000, describe: 'On Ctrl-C, how long calls in flight may finish before they are cancelled' },
  'max-cost': { type: 'number', describe: 'Start no call that would take the spend of a run past this many US dollars; then stop (exit 3) with partial results' },
  'dry-run': { type: 'boolean', default: false, describe: 'Print the plan (calls, estimated tokens, cost range, time) and call nothing' },
  resume: { type: 'string', describe: 'Continue the run in this directory: finished items are kept, the rest run (same plan, same run id)' },
  'retry-errors': { type: 'boolean', default: false, describe: 'With --resume: also run again the items that ended in error' },
  shard: { type: 'string', describe: 'Run one deterministic slice i/n of the plan (samples dealt round-robin), e.g. --shard 2/3 on the second of three CI machines; join the slices with `haikubench merge`' },
  batch: { type: 'boolean', default: false, describe: 'Send the work through the Message Batches API (anthropic: models; 50% price; results within 24 h). Batch ids are kept in the run directory: a stopped or killed run collects them with --resume' },
  'batch-size': { type: 'number', default: 10_000, describe: 'With --batch: requests per batch (the API takes at most 100,000)' },
  'batch-poll': { type: 'number', default: 10, describe: 'With --batch: seconds before the first status check; the wait grows by half each round up to 2 minutes' },
  cache: { type: 'boolean', default: true, describe: 'Reuse answers of earlier identical calls (same endpoint, model, request and epoch); --no-cache neither reads nor writes the cache. Simulated models are never cached' },
  'cache-dir': { type: 'string', describe: 'Response cache directory (default $HAIKUBENCH_CACHE_DIR, else $XDG_CACHE_HOME/haikubench, else ~/.cache/haikubench)' },
  'cache-ttl': { type: 'string', default: '14d', describe: 'Reuse cached answers up to this age: 30s, 15m, 12h, 14d, 0 (reuse none, still store) or never (no expiry)' },
  record: { type: 'string', describe: 'Record every model call (items and judges: request, answer or error, per attempt) to a cassette in DIR (<eval>.cassette.jsonl; keys and headers are never written). Turns the response cache off' },
  replay: { type: 'string', describe: 'Answer every model call from the cassette in DIR (see --record): offline, no key needed; a call the cassette lacks stops the run with exit 2, naming the sample and the model. Turns the response cache off' },
  junit: { type: 'string', describe: 'Also write a JUnit XML report to FILE: a suite per eval × model, a testcase per sample × epoch, a "gates" suite (for CI test views)' },
  'junit-samples': { type: 'string', choices: ['report', 'fail'], default: 'report', describe: 'With --junit: how a failing or errored sample is written. report (default): a test case CI does not count as failed, its outcome in <system-out>; only the gates (and an incomplete run) fail the build, as the verdict does. fail: as a <failure> or <error>' },
  route: { type: 'boolean', default: false, describe: 'After a run of two or more models, the tiering analysis of `haikubench route` with its defaults (which requests the smallest model can take, and what routing would save), printed, in the Markdown report, and written to <runDir>/route' },
  markdown: { type: 'string', describe: 'Also write a Markdown report to FILE (verdict, per-model table, gates, failing sample ids, notes) for pull-request comments, kept under GitHub\'s 65,536-character limit. With $GITHUB_STEP_SUMMARY set, the same Markdown is appended there without this flag' },
  'markdown-link': { type: 'string', describe: 'With --markdown or $GITHUB_STEP_SUMMARY: a link to the full report (e.g. the HTML artifact of the CI job), placed at the top of the Markdown' },
  html: { type: 'string', describe: 'Also write one self-contained HTML report of the runs to FILE (verdict, models, charts, every sample with its input and outputs; see docs/html-report.md)' },
  details: { type: 'boolean', default: false, describe: 'Terminal: show what the compact report folds: the whole routing analysis of --route, per-class tables and confusion matrices, tokens' },
  'show-failures': { type: 'boolean', default: false, describe: 'Terminal: list every failing sample (output, expected, reason), not only the first 5 per model' },
} as const satisfies Record<string, Options>;

export interface OverrideArgs {
  readonly model?: readonly string[] | undefined;
  readonly limit?: number | undefined;
  readonly seed?: number | undefined;
  readonly confidence?: number | undefined;
  readonly epochs?: number | undefined;
  readonly concurrency?: number | undefined;
  readonly 'connection-retry-ms'?: number | undefined;
  readonly transport?: string | undefined;
  readonly simulate: string;
  readonly 'grace-ms'?: number | undefined;
}

export interface RunArgs extends OverrideArgs, GateArgs {
  readonly baseline?: string | undefined;
  readonly spec: readonly string[];
  readonly out?: string | undefined;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly 'grace-ms': number;
  readonly resume?: string | undefined;
  readonly 'max-cost'?: number | undefined;
  readonly 'dry-run': boolean;
  readonly 'retry-errors': boolean;
  readonly shard?: string | undefined;
  readonly batch: boolean;
  readonly 'batch-size': number;
  readonly 'batch-poll': number;
  readonly cache: boolean;
  readonly 'cache-dir'?: string | undefined;
  readonly 'cache-ttl': string;
  readonly record?: string | undefined;
  readonly replay?: string | undefined;
  readonly junit?: string | undefined;
  readonly 'junit-samples': 'report' | 'fail';
  readonly markdown?: string | undefined;
  readonly html?: string | undefined;
  readonly route: boolean;
  readonly color?: boolean | undefined;
  readonly 'markdown-link'?: string | undefined;
  readonly details: boolean;
  readonly 'show-failures': boolean;
}
