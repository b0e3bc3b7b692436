import { relative } from 'node:path';
import type { Json, Provider, Sample, Scorer } from '../types.js';
import type { EvalSpec } from '../spec/types.js';
import { loadSpecFile, type SpecSource } from '../spec/load.js';
import type { EvalSpecInput } from '../spec/input.js';
import { DatasetError, InputError, SpecError } from '../errors.js';
import { withoutBrokenScorers } from '../spec/salvage.js';
import { checkPlugins } from './check-plugins.js';
import { validateSpec } from '../spec/validate.js';
import { readPromptFiles } from '../spec/prompt-files.js';
import { sha256 } from '../util/random.js';
import { resolveSpec, type SpecOverrides } from '../spec/resolve.js';
import { checkSamples, samplesChecker, type SamplesChecker } from '../spec/check-samples.js';
import { loadDataset } from '../dataset/load.js';
import type { SampleList } from '../dataset/file-samples.js';
import { createScorers } from '../scoring/create.js';
import { pairwiseOpponents } from './pairwise-opponents.js';
import { createProvider, type Env } from '../providers/create.js';
import { providerDefinition } from '../providers/registry.js';
import { loadCalibrationLabels, type CalibrationLabels } from './calibration-labels.js';
import { requestLimitChecker, type RequestLimitChecker, type RequestLimitFindings } from './request-limits.js';
import { thousands as int } from '../util/thousands.js';

/** Everything a run needs, checked: nothing has been sent to any model yet. */
export interface PreparedEval {
  readonly spec: EvalSpec;
  /** Paths as the user sees them (relative to the working directory). */
  readonly specPath: string;
  readonly specSha256: string;
  /** With prompt variants read from files (`prompts: [{file}]`): the sha256 of the variants they gave, so a resume sees a changed file. */
  readonly promptFilesSha256?: string;
  /** The overrides the spec was resolved with (a resumed run reuses them). */
  readonly overrides: SpecOverrides;
  readonly datasetPath: string;
  /** In run order; a JSONL/CSV/TSV dataset is re-read from its file sample by sample (dataset/file-samples). */
  readonly samples: SampleList;
  readonly dataset: { readonly sha256: string; readonly total: number; readonly samples: number };
  readonly targetPool: readonly Json[];
  readonly scorers: readonly Scorer[];
  /** pairwise against_model: the model whose answers the other models' items wait on (it runs first in each group). */
  readonly pairwiseReference: string | undefined;
  /** Human labels of the scorers whose judge requires a calibration (judge.calibration), by scorer name. */
  readonly calibrationLabels: CalibrationLabels;
  /** Worth saying before any call without refusing the spec: an unknown model id, a dataset that is not UTF-8. */
  readonly warnings: readonly string[];
}

export interface PrepareOptions {
  readonly overrides?: SpecOverrides;
  /** Paths in messages and reports are shown relative to this folder (default: absolute paths). */
  readonly cwd?: string;
  /** PATH, where exec: commands are looked for before the run (without it, a missing program shows at its first call). */
  readonly path?: string | undefined;
  /** run --batch: requests are held to the batch API's size limit instead of the Messages API's. */
  readonly batch?: boolean;
}

const display = (cwd: string | undefined, abs: string) => {
  if (cwd === undefined) return abs;
  const rel = relative(cwd, abs);
  return rel.startsWith('..') || rel === '' ? abs : rel;
};

/** Add "(line N)" to issues of the form "file#/pointer: message" that lack one. */
function withLines<T>(src: SpecSource, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const issues = err.issues.map((issue) => {
      const m = /^(.*?#)(\/[^\s:]*)(: .*)$/s.exec(issue);
      if (m === null || issue.includes('(line ')) return issue;
      const line = src.lineOf(m[2] ?? '');
      return line === undefined ? issue : `${m[1]}${m[2]} (line ${line})${m[3]}`;
    });
    throw new InputError(err.code, err.title, issues);
  }
}

/**
 * The spec's input, checked against the schema. When only whole scorer entries are broken, their
 * problems go to `found` and the input goes on with stand-ins for them, so one pass also reports the
 * dataset's and the templates' problems.
 */
function validated(src: SpecSource, found: InputError[]): EvalSpecInput {
  try {
    return validateSpec(src);
  } catch (err) {
    const rest = err instanceof SpecError ? withoutBrokenScorers(src, err) : undefined;
    if (rest === undefined) throw err;
    let input: EvalSpecInput;
    try {
      input = validateSpec(rest);
    } catch {
      throw err;
    }
    found.push(err as SpecError);
    return input;
  }
}

/**
 * The dataset, loaded and checked against the templates and scorers. A dataset with problems of its
 * own (a misspelt target field) is loaded again without its target, so that its templates are still
 * checked in the same pass; every problem goes to `found`.
 */
async function loadChecked(spec: EvalSpec, file: string, datasetPath: string, lines: <T>(fn: () => T) => T, found: InputError[], limits: StreamedLimits) {
  const ids = spec.scorers.some((s) => s.judge?.calibration !== undefined);
  // The samples are checked, their targets pooled and their requests sized as the file streams by when
  // the run takes them in file order, else in one pass over them once loaded (a shuffled dataset). A
  // checker that cannot be made reports why after loading.
  let checker: SamplesChecker | undefined;
  let unmade: unknown;
  try {
    checker = samplesChecker(spec, file);
  } catch (err) {
    unmade = err;
  }
  const pool = targetPool();
  try {
    const visit = (sample: Sample) => { checker?.add(sample); pool.add(sample); limits.add(sample); };
    const loaded = await loadDataset(spec.dataset, datasetPath, { ids, visit });
    keep(found, () => lines(() => {
      if (checker === undefined) throw unmade;
      if (!loaded.visited) for (const sample of loaded.samples) visit(sample);
      checker.finish();
    }));
    return { ...loaded, targetPool: pool.values() };
  } catch (err) {
    if (!(err instanceof DatasetError) || spec.dataset.fields.target === undefined) throw err;
    found.push(err);
    const fields = { ...spec.dataset.fields, target: undefined };
    const again = await loadDataset({ ...spec.dataset, fields }, datasetPath).catch(() => undefined);
    if (again !== undefined) keep(found, () => lines(() => checkSamples(spec, again.samples, file, { templatesOnly: true })));
    throw allOf(file, found);
  }
}

/** Run a check, keeping its input error in `found` instead of throwing it. */
function keep(found: InputError[], check: () => void): void {
  try {
    check();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    found.push(err);
  }
}

/** One error for every problem found: the only one as it is, several under one heading. */
function allOf(file: string, found: readonly InputError[]): InputError {
  if (found.length === 1) return found[0]!;
  const issues = found.flatMap((e) => e.issues.length === 0 ? [e.title] : e.issues);
  return new InputError(found[0]!.code, `${file}: ${issues.length} problems (in the spec, its dataset and its templates)`, issues);
}

/**
 * The most items one eval may plan. Memory follows the records, not the plan, but a finished item
 * keeps ~85 bytes for the summary and --dry-run visits every planned item (~5 s for 20 million).
 */
export const MAX_PLAN_ITEMS = 100_000_000;

function checkPlanSize(spec: EvalSpec, file: string, samples: number): void {
  const items = samples * spec.models.length * spec.run.epochs;
  if (items <= MAX_PLAN_ITEMS) return;
  throw new InputError('spec.plan_size', `${file}: ${int(items)} items planned (${int(samples)} samples × ${spec.models.length} model(s) × ${int(spec.run.epochs)} epochs); an eval may plan at most ${int(MAX_PLAN_ITEMS)}`, [
    'lower run.epochs (or --epochs), or run fewer samples (dataset.limit, --limit) or models',
  ]);
}

/**
 * The request-limit check fed while the dataset streams by. Until every template is known to fill, a
 * request may fail to build: the first such error is kept, and thrown where the check's result is
 * read, after the checks of the samples (which report the template's problem first, when it is one).
 */
function streamedLimits(checker: RequestLimitChecker) {
  let failed: { readonly error: unknown } | undefined;
  return {
    add(sample: Sample): void {
      if (!checker.needed || failed !== undefined) return;
      try {
        checker.add(sample);
      } catch (error) {
        failed = { error };
      }
    },
    /** The findings over the samples added. */
    finish(): RequestLimitFindings {
      if (failed !== undefined) throw failed.error;
      return checker.finish();
    },
  };
}
type StreamedLimits = ReturnType<typeof streamedLimits>;

/** Distinct targets the simulator draws wrong answers from: the first this many, so the pool stays small. */
const TARGET_POOL = 1000;

/** The first TARGET_POOL distinct targets of the samples added, in their order. */
function targetPool() {
  const pool = new Map<string, Json>();
  return {
    add(s: Sample): void {
      if (pool.size < TARGET_POOL && s.target !== undefined) pool.set(JSON.stringify(s.target), s.target);
    },
    values: (): Json[] => [...pool.values()],
  };
}

/**
 * Load, validate and resolve a spec, load its dataset and check every template against it. The spec is
 * a file, or an already parsed source (an inline spec: relative paths in it resolve against the folder
 * of its `file`).
 */
export async function prepareEval(specFile: string | SpecSource, opts: PrepareOptions = {}): Promise<PreparedEval> {
  const src = typeof specFile === 'string' ? await loadSpecFile(specFile) : specFile;
  const file = src.file;
  const found: InputError[] = [];
  const input = await readPromptFiles(validated(src, found), file).catch((err: unknown) => withLines(src, () => { throw err; }));
  const spec = withLines(src, () => resolveSpec(input, file, opts.overrides));
  const fromFiles = (src.data as { prompts?: readonly { file?: unknown }[] } | null)?.prompts?.some((v) => v?.file !== undefined) === true;
  const filesSha256 = fromFiles ? sha256(JSON.stringify((spec.variants ?? []).map((v) => ({ id: v.id, system: v.system ?? null, messages: v.messages })))) : undefined;
  const datasetPath = display(opts.cwd, spec.dataset.path);
  const streamed = streamedLimits(requestLimitChecker(spec, { batch: opts.batch === true }));
  const loaded = await loadChecked(spec, file, datasetPath, (fn) => withLines(src, fn), found, streamed);
  const plugins = await checkPlugins(spec, file, opts.path);
  if (plugins.length > 0) keep(found, () => withLines(src, () => { throw new SpecError(file, plugins); }));
  if (found.length > 0) throw allOf(file, found);
  checkPlanSize(spec, file, loaded.samples.length);
  // Requests are built from the samples: only once every template is known to fill.
  const limits = streamed.finish();
  if (limits.issues.length > 0) throw new InputError('dataset.request_size', `${datasetPath}: ${limits.issues.length === 1 ? 'a request' : 'requests'} larger than the API takes`, limits.issues);
  const pairwise = withLines(src, () => pairwiseOpponents(spec, file, (opts.overrides?.models?.length ?? 0) > 0));
  const calibrationLabels = await loadCalibrationLabels(spec, loaded.ids ?? new Set(), file, (pointer) => src.lineOf(pointer));
  return {
    spec,
    specPath: display(opts.cwd, spec.file),
    specSha256: src.sha256,
    ...(filesSha256 !== undefined && { promptFilesSha256: filesSha256 }),
    overrides: opts.overrides ?? {},
    datasetPath,
    samples: loaded.samples,
    dataset: { sha256: loaded.sha256, total: loaded.total, samples: loaded.samples.length },
    targetPool: loaded.targetPool,
    scorers: createScorers(spec.scorers, spec.prompt.messages, pairwise.opponents),
    pairwiseReference: pairwise.reference,
    calibrationLabels,
    warnings: [...loaded.warnings, ...limits.warnings, ...[...spec.models, ...spec.judges].flatMap((m) => providerDefinition(m.provider).warnings?.(m) ?? [])],
  };
}

/** Providers for every model of the prepared evals; a missing key throws an InputError (exit 2). */
export function createProviders(prepared: readonly PreparedEval[], env: Env): Map<string, Provider> {
  const out = new Map<string, Provider>();
  for (const p of prepared) {
    for (const m of [...p.spec.models, ...p.spec.judges]) {
      const key = `${p.spec.file}\u0000${m.id}`;
      try {
        if (!out.has(key)) out.set(key, createProvider(m, env, p.spec.run.seed));
      } catch (err) {
        // Name the spec: with several specs, "which eval needs this key?" is the first question.
        if (err instanceof InputError) throw new InputError(err.code, `${p.specPath}: ${err.title}`, err.issues);
        throw err;
      }
    }
  }
  return out;
}

export const providerKey = (spec: EvalSpec, modelId: string) => `${spec.file}\u0000${modelId}`;
