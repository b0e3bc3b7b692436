import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { table } from 'table';
import { InputError } from '../../errors.js';
import { loadSpecFile } from '../../spec/load.js';
import { validateSpec } from '../../spec/validate.js';
import { readPromptFiles } from '../../spec/prompt-files.js';
import { resolveSpec } from '../../spec/resolve.js';
import { calibrate, meetsMinimum, type MinimumCheck, type ScoreCalibration } from './human-agreement.js';
import { collectVerdicts, pairWithLabels, recordedModels, type Pairing } from './recorded.js';
import { preferenceLabels, readLabelsFile, scoreLabels, type LabelReader } from './labels-file.js';
import { buildPairwiseReport, renderPairwiseText, type PairwiseCalibrateReport } from './calibrate-pairwise.js';
import { scorerScale } from '../../scoring/model-graded/scorer-scale.js';
import type { Scale } from '../../types/judge-task.js';
import type { KappaResult, KappaWeighting } from '../../stats/kappa.js';
import type { ScorerSpec } from '../../scoring/create.js';
import type { Output } from '../../types.js';
import { hasRecords, peekRunInfo, recordLinesSync, RECORDS_FILE } from '../../run-log/index.js';

// `haikubench calibrate <runDir> --labels <file>`: agreement of a model-graded scorer's recorded
// verdicts with human labels (no model calls). The scorer's scale comes from the run's spec (run.json
// names it). Every bad input is an InputError (exit 2); a minimum not met exits 1.

export interface CalibrateArgs {
  readonly runDir: string;
  readonly labels: string;
  readonly scorer?: string | undefined;
  readonly model?: string | undefined;
  readonly criterion?: string | undefined;
  readonly spec?: string | undefined;
  readonly idField: string;
  readonly labelField: string;
  readonly weighting: string;
  readonly minKappa?: number | undefined;
  readonly minAccuracy?: number | undefined;
  readonly bound: string;
  readonly json: boolean;
}

/** What `--json` prints: the inputs, what was left out, the calibration, and the gate. */
export interface CalibrateReport {
  readonly run: string;
  readonly labels: string;
  readonly model: string;
  readonly scorer: string;
  readonly criterion: string | null;
  readonly scale: Scale;
  readonly epochs: { readonly max: number; readonly combined: string; readonly ties: number };
  readonly leftOut: { readonly unlabelled: number; readonly labelsWithoutVerdict: number; readonly judgeErrors: number; readonly modelErrors: number; readonly notInRun: number; readonly judgeErrorRecords: number };
  readonly calibration: ScoreCalibration;
  /** The confusion matrix with human labels as rows and judge verdicts as columns. */
  readonly confusion: { readonly categories: readonly number[]; readonly rows: 'human'; readonly table: readonly (readonly number[])[] };
  readonly gate: MinimumCheck | null;
  readonly notes: readonly string[];
}

const WEIGHTINGS = ['quadratic', 'linear', 'unweighted'] as const;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkFlags(args: CalibrateArgs): void {
  const issues: string[] = [];
  if (!(WEIGHTINGS as readonly string[]).includes(args.weighting)) issues.push(`--weighting ${args.weighting}: one of ${WEIGHTINGS.join(', ')}`);
  if (args.bound !== 'estimate' && args.bound !== 'lower') issues.push(`--bound ${args.bound}: estimate or lower`);
  if (args.minKappa !== undefined && !(args.minKappa >= -1 && args.minKappa <= 1)) issues.push(`--min-kappa ${String(args.minKappa)}: a kappa between -1 and 1, e.g. 0.6`);
  if (args.minAccuracy !== undefined && !(args.minAccuracy >= 0 && args.minAccuracy <= 1)) issues.push(`--min-accuracy ${String(args.minAccuracy)}: a share between 0 and 1, e.g. 0.8`);
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
}

/** run.json's spec path and the parsed records.jsonl lines of a run directory. */
function readRun(dir: string, shown: string): { spec: string | undefined; specSha256: string | undefined; records: unknown[] } {
  if (!hasRecords(dir)) throw new InputError('calibrate.no_run', `${shown}: not a run directory (no ${RECORDS_FILE})`, ['Pass a directory that `haikubench run` wrote (reports/<runId> or its --out).']);
  const corrupt = (line: number) => new InputError('calibrate.bad_record', `${shown}/${RECORDS_FILE}:${line}: not a JSON record`, ['The file was edited or is not a haikubench run.']);
  const records = Array.from(recordLinesSync(dir, { corrupt }), (l) => l.value);
  const run = peekRunInfo(dir);
  const text = (k: string): string | undefined => (isObj(run) && typeof run[k] === 'string' ? run[k] : undefined);
  return { spec: text('spec'), specSha256: text('specSha256'), records };
}

/** The run's resolved scorers, from its spec (or --spec). */
async function runScorers(specFile: string | undefined, shown: string): Promise<{ scorers: readonly ScorerSpec[]; sha256: string }> {
  if (specFile === undefined || !existsSync(specFile)) {
    throw new InputError('calibrate.no_spec', `${shown}: cannot find the run's spec${specFile === undefined ? '' : ` (${specFile})`}, which gives the scorer's scale`, ['Pass it with --spec <file>.']);
  }
  const src = await loadSpecFile(specFile);
  return { scorers: resolveSpec(await readPromptFiles(validateSpec(src), specFile), specFile).scorers, sha256: src.sha256 };
}

type Chosen = { readonly name: string; readonly criterion: string | undefined; readonly scale: Scale; readonly pairwise?: false } | { readonly name: string; readonly pairwise: true };

/** The scorer to calibrate and its scale (or: pairwise); unknown or deterministic scorers are input errors. */
function chooseScorer(scorers: readonly ScorerSpec[], args: CalibrateArgs): Chosen {
  const graded = scorers.filter((s) => s.judge !== undefined);
  const names = (list: readonly ScorerSpec[]) => list.map((s) => `${s.name} (${s.type})`).join(', ') || 'none';
  if (args.scorer === undefined && graded.length !== 1) {
    throw new InputError('calibrate.scorer', `${args.runDir}: name the scorer to calibrate with --scorer`, [`model-graded scorers of the run: ${names(graded)}`]);
  }
  const s = args.scorer === undefined ? graded[0] : scorers.find((x) => x.name === args.scorer);
  if (s === undefined) throw new InputError('calibrate.scorer', `--scorer ${args.scorer ?? ''}: no such scorer in the run's spec`, [`scorers: ${names(scorers)}`]);
  if (s.judge === undefined) throw new InputError('calibrate.scorer', `--scorer ${s.name}: a ${s.type} scorer is not model-graded, so there is no judge to calibrate`, [`model-graded scorers: ${names(graded)}`]);
  const got = scorerScale(s, args.criterion);
  if (got.ok) return { name: s.name, criterion: got.criterion, scale: got.scale };
  if (got.why === 'pairwise') return { name: s.name, pairwise: true };
  if (got.why === 'continuous') throw new InputError('calibrate.scorer', `--scorer ${s.name}: its ${s.type} scale is not a discrete one; kappa needs categories`, []);
  throw new InputError('calibrate.criterion', `--scorer ${s.name}: a criteria scorer needs --criterion <name>${args.criterion === undefined ? '' : ` (no criterion "${args.criterion}")`}`, [`criteria: ${got.criteria.join(', ')}`]);
}

function chooseModel(records: readonly unknown[], wanted: string | undefined, shown: string): string {
  const models = recordedModels(records);
  if (wanted !== undefined && models.includes(wanted)) return wanted;
  if (wanted === undefined && models.length === 1) return models[0] as string;
  const why = wanted === undefined ? 'the run has several models: name the one whose outputs were labelled with --model' : `--model ${wanted}: not in the run`;
  throw new InputError('calibrate.model', `${shown}: ${why}`, [`models: ${models.join(', ') || 'none'}`]);
}

/** The human labels by sample id; a label off the scale, a duplicate or a missing field is an input error. */
async function readLabels<T>(file: string, shown: string, args: CalibrateArgs, value: LabelReader<T>): Promise<ReadonlyMap<string, T>> {
  const got = await readLabelsFile(file, shown, { idField: args.idField, labelField: args.labelField, value, settings: { idField: '--id-field', labelField: '--label-field' } });
  if (got.ok) return got.labels;
  const issues = got.title === 'no such labels file' ? ['Pass --labels <file>: JSONL, JSON, CSV or TSV with a sample id and a human score (pairwise: A, B or tie) per row.'] : got.issues;
  throw new InputError('calibrate.labels', `${shown}: ${got.title}`, issues);
}

const transpose = (t: readonly (readonly number[])[]): number[][] => t.map((_, j) => t.map((row) => row[j] ?? 0));

function leftOut(p: Pairing, judgeErrorRecords: number): CalibrateReport['leftOut'] {
  const labelsWithoutVerdict = p.judgeErrors.length + p.modelErrors.length + p.notInRun.length;
  return { unlabelled: p.unlabelled.length, labelsWithoutVerdict, judgeErrors: p.judgeErrors.length, modelErrors: p.modelErrors.length, notInRun: p.notInRun.length, judgeErrorRecords };
}

/** Build the report (reads the run, its spec and the labels); throws InputError on bad input. */
export async function buildCalibrateReport(args: CalibrateArgs, cwd: string): Promise<CalibrateReport | PairwiseCalibrateReport> {
  checkFlags(args);
  const dir = resolve(cwd, args.runDir);
  const run = readRun(dir, args.runDir);
  const spec = await runScorers(args.spec === undefined ? run.spec : resolve(cwd, args.spec), args.runDir);
  const chosen = chooseScorer(spec.scorers, args);
  const model = chooseModel(run.records, args.model, args.runDir);
  const changed = run.specSha256 !== undefined && run.specSha256 !== spec.sha256;
  if (chosen.pairwise === true) {
    return buildPairwiseReport({
      run: args.runDir, labelsShown: args.labels, records: run.records, model, scorer: chosen.name,
      labels: await readLabels(resolve(cwd, args.labels), args.labels, args, preferenceLabels),
      minimum: { minKappa: args.minKappa, minAccuracy: args.minAccuracy, bound: args.bound as 'estimate' | 'lower' },
      notes: changed ? ['The spec file has changed since the run.'] : [],
    });
  }
  const labels = await readLabels(resolve(cwd, args.labels), args.labels, args, scoreLabels(chosen.scale));
  const collected = collectVerdicts(run.records, { scorer: chosen.name, model, criterion: chosen.criterion });
  const pairing = pairWithLabels(collected, labels);
  if (pairing.items.length === 0) {
    throw new InputError('calibrate.no_pairs', `${args.labels}: no label matches a recorded verdict of ${chosen.name} on ${model}`, [
      `${labels.size} label(s), ${collected.verdicts.size} sample(s) with a verdict; judge errors ${pairing.judgeErrors.length}, model errors ${pairing.modelErrors.length}, not in the run ${pairing.notInRun.length}`,
      `Check that --id-field (${args.idField}) holds the run's sample ids and that the labels are of this run's outputs.`,
    ]);
  }
  const weighting = args.weighting as KappaWeighting;
  const scores = calibrate({ scores: { items: pairing.items, scale: chosen.scale, weighting } }).scores as ScoreCalibration;
  const gated = args.minKappa !== undefined || args.minAccuracy !== undefined;
  const verdicts = [...collected.verdicts.values()];
  return {
    run: args.runDir, labels: args.labels, model, scorer: chosen.name, criterion: chosen.criterion ?? null, scale: chosen.scale,
    epochs: { max: Math.max(...verdicts.map((v) => v.epochs)), combined: 'majority of the epochs\' verdicts (ties: the lower value)', ties: verdicts.filter((v) => v.tie).length },
    leftOut: leftOut(pairing, collected.judgeErrorRecords),
    calibration: scores,
    confusion: { categories: scores.confusion.categories, rows: 'human', table: transpose(scores.confusion.table) },
    notes: changed ? ['The spec file has changed since the run: the scale was read from the current file.'] : [],
    gate: gated ? meetsMinimum({ scores }, { minKappa: args.minKappa, minAccuracy: args.minAccuracy, bound: args.bound as 'estimate' | 'lower' }) : null,
  };
}

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const kappaCell = (k: KappaResult): string[] => (k.defined ? [f3(k.kappa), `${f3(k.ci[0])} – ${f3(k.ci[1])}`, f3(k.se)] : ['undefined', k.reason, '']);

/** The report as terminal text: a summary table and the confusion matrix. */
export function renderCalibrateText(r: CalibrateReport): string {
  const c = r.calibration;
  const lo = r.leftOut;
  const head = `calibrate ${r.scorer}${r.criterion === null ? '' : `/${r.criterion}`} on ${r.model}: ${r.run} vs ${r.labels}\n`;
  const acc = c.accuracy;
  const summary = table([
    ['measure', 'value', '95% CI', 'SE'],
    ['paired samples (n)', String(c.n), '', ''],
    ['exact accuracy', `${f3(acc.rate)} (${acc.x}/${acc.n})`, `${f3(acc.ci[0])} – ${f3(acc.ci[1])}`, ''],
    [`kappa (${c.kappa.weighting})`, ...kappaCell(c.kappa)],
    ['kappa (unweighted)', ...kappaCell(c.unweightedKappa)],
    ['length bias (corr judge − corr human, chars)', f3(c.lengthBias.excess), '', `judge ${f3(c.lengthBias.judge)}, human ${f3(c.lengthBias.human)}`],
  ]);
  const cats = r.confusion.categories.map(String);
  const confusion = table([['human \\ judge', ...cats], ...r.confusion.table.map((row, i) => [cats[i] ?? '', ...row.map(String)])]);
  const notes = [
    `left out: ${lo.unlabelled} sample(s) without a human label; ${lo.labelsWithoutVerdict} label(s) without a verdict (judge errors ${lo.judgeErrors}, model errors ${lo.modelErrors}, not in the run ${lo.notInRun}). Judge errors are never counted as disagreement.`,
    ...(r.epochs.max > 1 ? [`epochs: up to ${r.epochs.max} per sample, combined by ${r.epochs.combined}; ${r.epochs.ties} tie(s).`] : []),
    ...r.notes,
    ...(r.gate === null ? [] : [`${r.gate.pass ? 'PASS' : 'FAIL'}: ${r.gate.reason}`]),
  ];
  return `${head}${summary}${confusion}${notes.join('\n')}\n`;
}

/** Exit code: 1 when a minimum is not met, 0 otherwise; bad input throws InputError (exit 2). */
export async function calibrateFromCli(args: CalibrateArgs, io: { out: Output; cwd: string }): Promise<number> {
  const report = await buildCalibrateReport(args, io.cwd);
  const text = 'kind' in report ? renderPairwiseText(report) : renderCalibrateText(report);
  io.out.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : text);
  return report.gate !== null && !report.gate.pass ? 1 : 0;
}
