import { relative } from 'node:path';
import type { Json, Provider, Scorer } from '../types.js';
import type { EvalSpec } from '../spec/types.js';
import { loadSpecFile, type SpecSource } from '../spec/load.js';
import { InputError, SpecError } from '../errors.js';
import { checkPlugins } from './check-plugins.js';
import { validateSpec } from '../spec/validate.js';
import { resolveSpec, type SpecOverrides } from '../spec/resolve.js';
import { checkSamples } from '../spec/check-samples.js';
import { loadDataset } from '../dataset/load.js';
import type { SampleList } from '../dataset/file-samples.js';
import { createScorers } from '../scoring/create.js';
import { pairwiseOpponents } from './pairwise-opponents.js';
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
  /** pairwise against_model: the model whose answers the other models' items wait on (it runs first in each group). */
  readonly pairwiseReference: string | undefined;
  /** Human labels of the scorers whose judge requires a calibration (judge.calibration), by scorer name. */
  readonly calibrationLabels: CalibrationLabels;
}

export interface PrepareOptions {
  readonly overrides?: SpecOverrides;
  readonly cwd: string;
  /** PATH, where exec: commands are looked for before the run (without it, a missing program shows at its first call). */
  readonly path?: string | undefined;
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
  const pairwise = withLines(src, () => pairwiseOpponents(spec, file, (opts.overrides?.models?.length ?? 0) > 0));
  const plugins = await checkPlugins(spec, file, opts.path);
  if (plugins.length > 0) withLines(src, () => { throw new SpecError(file, plugins); });
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
    scorers: createScorers(spec.scorers, spec.prompt.messages, pairwise.opponents),
    pairwiseReference: pairwise.reference,
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
