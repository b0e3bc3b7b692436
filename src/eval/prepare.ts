import { dirname, relative, resolve as resolvePath } from 'node:path';
import type { Json, Provider, Scorer } from '../types.js';
import type { EvalSpec } from '../spec/types.js';
import { loadSpecFile, type SpecSource } from '../spec/load.js';
import { InputError, SpecError } from '../errors.js';
import { validateSpec } from '../spec/validate.js';
import { resolveSpec, type SpecOverrides } from '../spec/resolve.js';
import { checkSamples } from '../spec/check-samples.js';
import { loadDataset } from '../dataset/load.js';
import type { SampleList } from '../dataset/file-samples.js';
import { createScorers } from '../scoring/create.js';
import { readBaselineRun, type Baseline } from '../scoring/model-graded/index.js';
import { createProvider, type Env } from '../providers/create.js';
import { loadCalibrationLabels, type CalibrationLabels } from './calibration-labels.js';

/** Everything a run needs, checked: nothing has been sent to any model yet. */
export interface PreparedEval {
  readonly spec: EvalSpec;
  /** Paths as the user sees them (relative to the working directory). */
  readonly specPath: string;
  readonly specSha256: string;
  /** The overrides the spec was resolved with (a resumed run reuses them). */
  readonly overrides: SpecOverrides;
  readonly datasetPath: string;
  /** In run order; a JSONL/CSV/TSV dataset is re-read from its file sample by sample (dataset/file-samples). */
  readonly samples: SampleList;
  readonly dataset: { readonly sha256: string; readonly total: number; readonly samples: number };
  readonly targetPool: readonly Json[];
  readonly scorers: readonly Scorer[];
  /** Human labels of the scorers whose judge requires a calibration (judge.calibration), by scorer name. */
  readonly calibrationLabels: CalibrationLabels;
}

export interface PrepareOptions {
  readonly overrides?: SpecOverrides;
  readonly cwd: string;
}

const display = (cwd: string, abs: string) => {
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
 * Each pairwise scorer's baseline run, read once (records.jsonl indexed by sample id), by scorer
 * name. `against` is relative to the spec file, as dataset.path is. A missing directory, one without
 * records, or an ambiguous model is a SpecError naming the scorer's `against` pointer (exit 2).
 */
function readBaselines(spec: EvalSpec, file: string): Map<string, Baseline> {
  const out = new Map<string, Baseline>();
  const issues: string[] = [];
  spec.scorers.forEach((s, i) => {
    const against = s.options['against'];
    if (s.type !== 'pairwise' || typeof against !== 'string') return;
    const model = typeof s.options['model'] === 'string' ? s.options['model'] : undefined;
    const got = readBaselineRun(resolvePath(dirname(spec.file), against), against, model);
    if (got.ok) out.set(s.name, got.baseline);
    else issues.push(`${file}#/scorers/${i}/against: ${got.problem}`);
  });
  if (issues.length > 0) throw new SpecError(file, issues);
  return out;
}

/** Distinct targets the simulator draws wrong answers from: the first this many, so the pool stays small. */
const TARGET_POOL = 1000;

/** Load, validate and resolve a spec, load its dataset and check every template against it. */
export async function prepareEval(file: string, opts: PrepareOptions): Promise<PreparedEval> {
  const src = await loadSpecFile(file);
  const input = validateSpec(src);
  const spec = withLines(src, () => resolveSpec(input, file, opts.overrides));
  const datasetPath = display(opts.cwd, spec.dataset.path);
  const loaded = await loadDataset(spec.dataset, datasetPath, { ids: spec.scorers.some((s) => s.judge?.calibration !== undefined) });
  withLines(src, () => checkSamples(spec, loaded.samples, file));
  const baselines = withLines(src, () => readBaselines(spec, file));
  const calibrationLabels = await loadCalibrationLabels(spec, loaded.ids ?? new Set(), file, (pointer) => src.lineOf(pointer));
  const pool = new Map<string, Json>();
  for (const s of loaded.samples) {
    if (pool.size >= TARGET_POOL) break;
    if (s.target !== undefined) pool.set(JSON.stringify(s.target), s.target);
  }
  return {
    spec,
    specPath: display(opts.cwd, spec.file),
    specSha256: src.sha256,
    overrides: opts.overrides ?? {},
    datasetPath,
    samples: loaded.samples,
    dataset: { sha256: loaded.sha256, total: loaded.total, samples: loaded.samples.length },
    targetPool: [...pool.values()],
    scorers: createScorers(spec.scorers, spec.prompt.messages, baselines),
    calibrationLabels,
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
