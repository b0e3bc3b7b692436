import { paragraph } from '../../report/render/layout.js';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { buildRouteReport } from './report.js';
import type { RouteReport } from './report-types.js';
import { renderRouteText } from '../rendering/render-text.js';
import { unpricedReason } from '../rendering/headline.js';
import { frontPlotInput } from '../rendering/front-plot.js';
import { routingPlotSvg } from '../rendering/plot-svg.js';
import { defaultSegmentFields, pairRecords, type QualityMeasure, type RouteRecord } from '../reading/records.js';
import { chooseModels, modelInfo } from '../reading/models.js';
import { readRunRecords, type RunRecords } from '../reading/read-runs.js';
import { compileSafeRegex, type SafeRegex } from '../../util/safe-regex.js';
import { makeDirSync } from '../../util/make-dir.js';
import { routerOf, routerSignals } from '../reading/router-input.js';

// `haikubench route <runDir..>` and `run --route`: check the options, read the finished runs, pair the
// small and the large model's records, run the routing analysis, and write route.json, policy.json and
// front.svg. Every bad input is an InputError (exit 2) raised before any analysis.

export interface RouteArgs {
  readonly runDir: readonly string[];
  readonly small?: string | undefined;
  readonly large?: string | undefined;
  readonly segment?: readonly string[] | undefined;
  readonly cluster?: string | undefined;
  readonly tolerance: number;
  readonly level: number;
  readonly signal?: string | undefined;
  readonly check?: string | undefined;
  /** Pre-generation router signal: field:<name> or model:<id>. */
  readonly router?: string | undefined;
  /** Which model high values of the router's signal favour: small (default) or large. */
  readonly routerHigh?: string | undefined;
  readonly quality: string;
  readonly seed: number;
  readonly folds: number;
  readonly resamples: number;
  readonly out?: string | undefined;
  readonly json: boolean;
  readonly markdown?: string | undefined;
}

/** "scorer:<name>" → name; undefined when absent. */
function scorerRef(flag: string, v: string | undefined, issues: string[]): string | undefined {
  if (v === undefined) return undefined;
  const m = /^scorer:(.+)$/.exec(v);
  if (m === null) issues.push(`--${flag} ${v}: write scorer:<name>, e.g. scorer:confidence (a scorer of the eval, read on the small model's answer)${flag === 'signal' ? ', or output:<regex> to read a number from the answer itself' : ''}`);
  return m?.[1];
}

/** --signal output:<regex>: a number read from the small model's answer; an invalid regex is an input error. */
function outputPattern(v: string | undefined, issues: string[]): SafeRegex | undefined {
  const m = v === undefined ? null : /^output:(.+)$/s.exec(v);
  if (m === null) return undefined;
  try {
    return compileSafeRegex(m[1] as string, 'i');
  } catch (err) {
    issues.push(`--signal ${v ?? ''}: not a valid regular expression (${err instanceof Error ? err.message : String(err)}); e.g. output:'confidence:\\s*([0-9.]+)'`);
    return undefined;
  }
}

function checkFlags(args: RouteArgs): { signal?: string | undefined; signalPattern?: SafeRegex | undefined; check?: string | undefined; router: ReturnType<typeof routerOf> } {
  const issues: string[] = [];
  if (!(args.tolerance >= 0 && args.tolerance < 1)) issues.push(`--tolerance ${String(args.tolerance)}: a quality loss as a fraction from 0 to 1 (0.02 = 2 points)`);
  if (!(args.level > 0.5 && args.level < 1)) issues.push(`--level ${String(args.level)}: a confidence level between 0.5 and 1, e.g. 0.95`);
  if (!Number.isInteger(args.folds) || args.folds < 2) issues.push(`--folds ${String(args.folds)}: a whole number of folds, at least 2`);
  if (!Number.isInteger(args.seed)) issues.push(`--seed ${String(args.seed)}: a whole number`);
  if (!Number.isInteger(args.resamples) || args.resamples < 100) issues.push(`--resamples ${String(args.resamples)}: a whole number of bootstrap resamples, at least 100`);
  if (args.quality !== 'pass' && args.quality !== 'score') issues.push(`--quality ${args.quality}: pass or score`);
  const fromOutput = args.signal?.startsWith('output:') === true;
  const signalPattern = fromOutput ? outputPattern(args.signal, issues) : undefined;
  const signal = fromOutput ? undefined : scorerRef('signal', args.signal, issues);
  const check = scorerRef('check', args.check, issues);
  const router = routerOf(args.router, args.routerHigh, issues);
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
  return { signal, signalPattern, check, router };
}

/** The chosen models must each come from one run, else the pairing would mix two runs of one model. */
function checkOneRunEach(runs: readonly RunRecords[], models: readonly string[]): void {
  for (const model of models) {
    const holders = runs.filter((r) => r.records.some((rec) => rec.model === model)).map((r) => r.run.dir);
    if (holders.length > 1) throw new InputError('route.models', 'Cannot route:', [`${model} is in more than one run (${holders.join(', ')}); pass one run per model`]);
  }
}

/** Scorers that S's records carry; an unknown --signal/--check scorer is an input error. */
function checkScorers(records: readonly RouteRecord[], small: string, refs: { signal?: string | undefined; check?: string | undefined }): void {
  const names = new Set(records.filter((r) => r.model === small).flatMap((r) => r.scores.map((s) => s.name)));
  const issues: string[] = [];
  for (const [flag, name] of [['signal', refs.signal], ['check', refs.check]] as const) {
    if (name !== undefined && !names.has(name)) issues.push(`--${flag} scorer:${name}: no scorer "${name}" in ${small}'s records (scorers: ${[...names].join(', ') || 'none'})`);
  }
  if (issues.length > 0) throw new InputError('route.scorer', 'Cannot route:', issues);
}

function segmentFields(wanted: readonly string[] | undefined, available: ReadonlySet<string>, fallback: string[]): string[] {
  if (wanted === undefined || wanted.length === 0) return fallback;
  const fields = [...new Set(wanted.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''))];
  const unknown = fields.filter((f) => !available.has(f));
  if (unknown.length > 0) throw new InputError('route.segment', 'Cannot route:', unknown.map((f) => `--segment ${f}: no such metadata field on the paired samples (fields: ${[...available].join(', ') || 'none'})`));
  return fields;
}

function writeOutputs(dir: string, files: Readonly<Record<string, string>>): string[] {
  makeDirSync(dir);
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

/** The analysis of the runs and the files it writes (route.json, policy.json, front.svg), not yet written. */
export interface RouteOutcome {
  readonly report: RouteReport;
  readonly outDir: string;
  readonly files: Readonly<Record<string, string>>;
  readonly plotted: boolean;
}

/** Read, check, pair and analyse the runs as `route` does. Bad input is an InputError (exit 2). */
export async function routeRuns(args: RouteArgs, cwd: string): Promise<RouteOutcome> {
  const refs = checkFlags(args);
  const runs: RunRecords[] = [];
  const routerModel = refs.router?.source.kind === 'model' ? refs.router.source.model : undefined;
  for (const dir of args.runDir) runs.push(await readRunRecords(resolve(cwd, dir), dir, { outputs: refs.signalPattern !== undefined || routerModel !== undefined }));
  const records = runs.flatMap((r) => r.records);
  // The router's own model is neither S nor L: it only gives the signal.
  const named = [args.small, args.large].indexOf(routerModel ?? '\u0000');
  if (routerModel !== undefined && named >= 0) {
    const role = named === 0 ? 'small' : 'large';
    throw new InputError('route.router', 'Cannot route:', [`--router model:${routerModel}: that is the ${role} model; the router's signal must come from a third model (a classifier run on the same samples), or from a field`]);
  }
  const choice = chooseModels(modelInfo(records.filter((r) => r.model !== routerModel)), { small: args.small, large: args.large });
  if (choice.status === 'problem') throw new InputError('route.models', 'Cannot route:', choice.problems);
  checkOneRunEach(runs, [choice.small, choice.large]);
  checkScorers(records, choice.small, refs);
  const router = refs.router === undefined ? undefined : routerSignals(records, refs.router, choice);
  const pairing = pairRecords(records, { small: choice.small, large: choice.large, quality: args.quality as QualityMeasure, signal: refs.signal, signalPattern: refs.signalPattern, check: refs.check, cluster: args.cluster, preSignal: router?.values });
  if (pairing.items.length === 0) {
    const { errors, unpaired, unscored } = pairing.samples;
    const why = unscored > 0
      ? `; ${unscored} have an answer with no verdict (no scorer applies to it: the reference of a pairwise scorer), so route needs a scorer that scores both models`
      : '; were the runs made on the same dataset?';
    throw new InputError('route.no_samples', 'Cannot route:', [`no sample has records of both ${choice.small} and ${choice.large} with a verdict (${errors} left out for errors, ${unpaired} answered by one model only)${why}`]);
  }
  const available = new Set(pairing.items.flatMap((it) => Object.keys(it.segments ?? {})));
  if (args.cluster !== undefined && !available.has(args.cluster)) {
    throw new InputError('route.cluster', 'Cannot route:', [`--cluster ${args.cluster}: no such metadata field on the paired samples (fields: ${[...available].join(', ') || 'none'}); name the field that groups related samples, listed under dataset.fields.metadata`]);
  }
  const fields = segmentFields(args.segment, available, defaultSegmentFields(pairing.items, args.cluster));
  // Without --cluster, the dataset's groups as the runs recorded them (dataset.fields.group) cluster the samples.
  const byGroup = args.cluster === undefined && pairing.items.some((it) => it.cluster !== undefined);
  const evals = [...new Set(runs.map((r) => r.run.evalId))];
  const simulated = (id: string) => records.some((r) => r.model === id && r.simulated === true);
  const priced = { small: pairing.items.every((it) => it.cS !== null), large: pairing.items.every((it) => it.cL !== null) };
  const report = buildRouteReport({
    pairing, small: { id: choice.small, simulated: simulated(choice.small), priced: priced.small }, large: { id: choice.large, simulated: simulated(choice.large), priced: priced.large },
    runs: runs.map((r) => r.run), quality: args.quality as QualityMeasure, signal: args.signal ?? null, check: args.check ?? null,
    router: refs.router === undefined || router === undefined ? null : { signal: refs.router.name, high: refs.router.high, ...(routerModel === undefined ? {} : { costPerItem: router.costPerItem }) },
    segmentFields: fields, cluster: args.cluster ?? (byGroup ? 'group' : null), tolerance: args.tolerance, level: args.level, folds: args.folds, seed: args.seed, resamples: args.resamples,
    notes: [
      `Models: small ${choice.small} (${choice.how.small}), large ${choice.large} (${choice.how.large}).`,
      ...(evals.length > 1 ? [`The runs are of different evals (${evals.join(', ')}): samples were paired by id only.`] : []),
      ...(byGroup ? ['Clusters: the dataset\'s groups (dataset.fields.group) as the runs recorded them; --cluster <field> clusters on a metadata field instead.'] : []),
    ],
  });
  const plot = frontPlotInput(report);
  return {
    report,
    outDir: resolve(cwd, args.out ?? join(args.runDir[0] as string, 'route')),
    files: {
      'route.json': `${JSON.stringify(report, null, 2)}\n`, 'policy.json': `${JSON.stringify(report.policy, null, 2)}\n`,
      ...(plot === null ? {} : { 'front.svg': `${routingPlotSvg(plot)}\n` }),
    },
    plotted: plot !== null,
  };
}

/** Write the outcome's files; the paths written. */
export function writeRoute(o: RouteOutcome): string[] {
  return writeOutputs(o.outDir, o.files);
}

/** The terminal text of an outcome, with the files written. */
export function routeText(o: RouteOutcome, written: readonly string[], layout: { readonly width?: number } = {}): string {
  const noPlot = o.plotted ? '' : `\nfront.svg not written: a cost is unknown (${unpricedReason(o.report)}), so there is no cost axis.`;
  const files = `wrote: ${written.join(', ')}`;
  return `${renderRouteText(o.report, layout)}${noPlot}\n${layout.width === undefined ? files : paragraph(files, layout.width, '  ').join('\n')}\n`;
}
