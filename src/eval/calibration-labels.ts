import { InputError } from '../errors.js';
import { readLabelsFile, scoreLabels } from '../judge/agreement/labels-file.js';
import { scorerScale } from '../scoring/model-graded/scorer-scale.js';
import type { EvalSpec } from '../spec/types.js';

// Before any call: the labels file of every scorer whose judge requires a calibration is read and
// checked (it exists and parses, every id is one of the dataset's samples, every score is on the
// scorer's scale). A problem is an InputError (exit 2) naming the spec's pointer, the file and the
// row or line, with the fix.

/** Human labels by sample id, per scorer name (only scorers whose judge has a calibration). */
export type CalibrationLabels = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** `lineOf`: the spec line of a JSON pointer, shown beside it when known. */
export async function loadCalibrationLabels(spec: EvalSpec, datasetIds: ReadonlySet<string>, file: string, lineOf: (pointer: string) => number | undefined = () => undefined): Promise<CalibrationLabels> {
  const out = new Map<string, ReadonlyMap<string, number>>();
  for (const s of spec.scorers) {
    const c = s.judge?.calibration;
    if (c === undefined) continue;
    const scale = scorerScale(s, c.criterion);
    if (!scale.ok) throw new Error(`scorer ${s.name}: calibration without a scale (the spec resolver should have caught this)`);
    const got = await readLabelsFile(c.labels, c.shown, {
      idField: c.idField, labelField: c.labelField, value: scoreLabels(scale.scale), knownIds: datasetIds,
      settings: { idField: `${c.at}/id_field`, labelField: `${c.at}/label_field` },
    });
    const line = lineOf(`${c.at}/labels`);
    const at = `${file}#${c.at}/labels${line === undefined ? '' : ` (line ${line})`}`;
    if (!got.ok) {
      const fix = got.title === 'no such labels file' ? [`${file}#${c.at}/labels: "${c.shown}" is resolved against the spec's folder (${c.labels}); fix the path or create the file: a sample id and a human score per row (JSONL, JSON, CSV or TSV)`] : got.issues;
      throw new InputError('spec.calibration', `${at}: ${c.shown}: ${got.title} (scorer ${s.name})`, fix);
    }
    if (got.labels.size === 0) throw new InputError('spec.calibration', `${at}: ${c.shown}: no labels (scorer ${s.name})`, ['Label some of the eval\'s samples: one row per sample with its id and your score.']);
    out.set(s.name, got.labels);
  }
  return out;
}
