import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { readRecords, type Format } from '../dataset/read.js';
import { offScale, scaleCategories } from './scale.js';
import type { Scale } from './types.js';

// A file of human labels: a sample id and a human score per row (JSONL, JSON, CSV or TSV), read for
// calibrating a judge. Shared by `haikubench calibrate` (--labels) and the spec's judge.calibration;
// each caller names its own settings in the fixes ("set --id-field" or "set id_field") and throws.
// A row without an id or a score, a duplicate id, a score off the scorer's scale, or (when the
// dataset's ids are given) an id the dataset lacks, is a problem named by file and line.

const FORMATS: Readonly<Record<string, Format>> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.tsv': 'tsv' };

export interface LabelsFileOptions {
  readonly idField: string;
  readonly labelField: string;
  readonly scale: Scale;
  /** How the caller's settings are named in a fix: { idField: '--id-field', labelField: '--label-field' }. */
  readonly settings: { readonly idField: string; readonly labelField: string };
  /** The dataset's sample ids: a label of any other id is a problem. */
  readonly knownIds?: ReadonlySet<string>;
}

export type LabelsRead =
  | { readonly ok: true; readonly labels: ReadonlyMap<string, number> }
  /** `title` follows the file's name ("no such labels file", "3 bad label(s); ..."). */
  | { readonly ok: false; readonly title: string; readonly issues: readonly string[] };

const scoreOf = (raw: unknown): number => (typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN);

/** Read and check a labels file; parse errors of the file itself are thrown as DatasetError (exit 2). */
export async function readLabelsFile(file: string, shown: string, opts: LabelsFileOptions): Promise<LabelsRead> {
  if (!existsSync(file)) return { ok: false, title: 'no such labels file', issues: [] };
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) return { ok: false, title: 'cannot tell the format', issues: ['Use a .jsonl, .json, .csv or .tsv file.'] };
  const labels = new Map<string, number>();
  const issues: string[] = [];
  for await (const { record, where } of readRecords(file, format, shown)) {
    const id = record[opts.idField];
    const raw = record[opts.labelField];
    const value = scoreOf(raw);
    const bad = id === undefined || id === null || id === '' ? `no "${opts.idField}" (set ${opts.settings.idField})`
      : raw === undefined ? `no "${opts.labelField}" (set ${opts.settings.labelField})`
      : labels.has(String(id)) ? `sample ${String(id)} is labelled twice`
      : opts.knownIds !== undefined && !opts.knownIds.has(String(id)) ? `sample ${String(id)} is not in the dataset (check ${opts.settings.idField} and the ids)`
      : offScale(value, opts.scale);
    if (bad !== undefined) issues.push(`${where}: ${bad}`);
    else labels.set(String(id), value);
  }
  if (issues.length > 0) {
    return { ok: false, title: `${issues.length} bad label(s); labels must be scores on the scorer's scale ${(scaleCategories(opts.scale) ?? []).join(', ')}`, issues: issues.slice(0, 20) };
  }
  return { ok: true, labels };
}
