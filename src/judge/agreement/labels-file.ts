import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { readRecords, type Format } from '../../dataset/read.js';
import { offScale, scaleCategories } from '../scale.js';
import type { Scale, Winner } from '../../types/judge-task.js';

// A file of human labels: a sample id and a human score (or pairwise preference) per row (JSONL, JSON, CSV or TSV), read for
// calibrating a judge. Shared by `haikubench calibrate` (--labels) and the spec's judge.calibration;
// each caller names its own settings in the fixes ("set --id-field" or "set id_field") and throws.
// A row without an id or a score, a duplicate id, a score off the scorer's scale, or (when the
// dataset's ids are given) an id the dataset lacks, is a problem named by file and line.

const FORMATS: Readonly<Record<string, Format>> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.tsv': 'tsv' };

/** How one label is read: a score on a scale, or a pairwise preference. */
export interface LabelReader<T> {
  /** What the labels must be, for the error title: "scores on the scorer's scale 1, 2, 3". */
  readonly describe: string;
  read(raw: unknown): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };
}

const scoreOf = (raw: unknown): number => (typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN);

/** Scores on a scorer's scale (never rounded or clamped). */
export function scoreLabels(scale: Scale): LabelReader<number> {
  return {
    describe: `scores on the scorer's scale ${(scaleCategories(scale) ?? []).join(', ')}`,
    read: (raw) => {
      const value = scoreOf(raw);
      const problem = offScale(value, scale);
      return problem === undefined ? { ok: true, value } : { ok: false, problem };
    },
  };
}

const PREFERENCES: Readonly<Record<string, Winner>> = { a: 'A', b: 'B', tie: 'tie' };

/** Pairwise preferences: A (the run's output, the candidate), B (the baseline's) or tie, in any case. */
export const preferenceLabels: LabelReader<Winner> = {
  describe: 'preferences A (this run\'s output), B (the baseline\'s output) or tie',
  read: (raw) => {
    const value = typeof raw === 'string' ? PREFERENCES[raw.trim().toLowerCase()] : undefined;
    return value === undefined ? { ok: false, problem: `${JSON.stringify(raw)} is not A, B or tie` } : { ok: true, value };
  },
};

export interface LabelsFileOptions<T> {
  readonly idField: string;
  readonly labelField: string;
  readonly value: LabelReader<T>;
  /** How the caller's settings are named in a fix: { idField: '--id-field', labelField: '--label-field' }. */
  readonly settings: { readonly idField: string; readonly labelField: string };
  /** The dataset's sample ids: a label of any other id is a problem. */
  readonly knownIds?: ReadonlySet<string>;
}

export type LabelsRead<T> =
  | { readonly ok: true; readonly labels: ReadonlyMap<string, T> }
  /** `title` follows the file's name ("no such labels file", "3 bad label(s); ..."). */
  | { readonly ok: false; readonly title: string; readonly issues: readonly string[] };

/** Read and check a labels file; parse errors of the file itself are thrown as DatasetError (exit 2). */
export async function readLabelsFile<T>(file: string, shown: string, opts: LabelsFileOptions<T>): Promise<LabelsRead<T>> {
  if (!existsSync(file)) return { ok: false, title: 'no such labels file', issues: [] };
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) return { ok: false, title: 'cannot tell the format', issues: ['Use a .jsonl, .json, .csv or .tsv file.'] };
  const labels = new Map<string, T>();
  const issues: string[] = [];
  for await (const { record, where } of readRecords(file, format, shown)) {
    const id = record[opts.idField];
    const raw = record[opts.labelField];
    const got = opts.value.read(raw);
    const bad = id === undefined || id === null || id === '' ? `no "${opts.idField}" (set ${opts.settings.idField})`
      : raw === undefined ? `no "${opts.labelField}" (set ${opts.settings.labelField})`
      : labels.has(String(id)) ? `sample ${String(id)} is labelled twice`
      : opts.knownIds !== undefined && !opts.knownIds.has(String(id)) ? `sample ${String(id)} is not in the dataset (check ${opts.settings.idField} and the ids)`
      : got.ok ? undefined : got.problem;
    if (bad === undefined && got.ok) labels.set(String(id), got.value);
    else issues.push(`${where}: ${bad ?? ''}`);
  }
  if (issues.length > 0) {
    return { ok: false, title: `${issues.length} bad label(s); labels must be ${opts.value.describe}`, issues: issues.slice(0, 20) };
  }
  return { ok: true, labels };
}
