import { table } from 'table';
import type { RunSummary } from '../../summary/run-summary.js';
import type { FieldSegments } from '../../summary/segments.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import { RECORDS_FILE, SUMMARY_FILE } from '../../run-log/index.js';
import { int, ms, pct, usd, signedPts } from './format.js';
import { ciOf, judgeLine, pairwiseLine, pairwiseReferenceLine, unscoredLine, scoreCell, scoreNote } from './lines.js';
import { classificationParts } from './classification-section.js';
import { clusteredLine } from './clustered-text.js';
import { judgeDetailLines } from './judge-text.js';
import { calibrationFailures, calibrationLines } from './calibration-text.js';
import { baselineFailure, inconclusiveWarning, retryErrorsNote } from './verdict.js';
import { cacheLine, costText, maxCostSpent } from './cost-text.js';

// Pure renderers: summary → text. The terminal reporter prints these; tests snapshot them.

const SIM = '[SIMULATED]';

const modelName = (m: ModelSummary) => (m.simulated ? `${m.label} ${SIM}`.replace(' (simulated) [SIMULATED]', ` ${SIM}`) : m.label);

function errorsCell(m: ModelSummary): string {
  if (m.errors === 0) return '0';
  const kinds = Object.entries(m.errorsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${m.errors} (${kinds})`;
}

export function modelRows(s: RunSummary): string[][] {
  const header = ['model', 'scored', 'pass rate', ciOf(s), 'mean score ± SE (CI)', 'errors', 'tokens in / out', 'cost', 'latency p50 / p95'];
  const rows = s.models.map((m) => [
    modelName(m),
    String(m.passed + m.failed),
    `${pct(m.passRate)} (${m.passed}/${m.passed + m.failed})`,
    m.ci === null ? '—' : `${pct(m.ci[0])} – ${pct(m.ci[1])}`,
    scoreCell(m),
    errorsCell(m),
    `${int(m.tokens.input)} / ${int(m.tokens.output)}${m.tokens.thinking > 0 ? ` (${int(m.tokens.thinking)} thinking)` : ''}`,
    costText(m),
    `${ms(m.latencyMs.p50)} / ${ms(m.latencyMs.p95)}`,
  ]);
  return [header, ...rows];
}

export function scorerRows(s: RunSummary): string[][] {
  const names = [...new Set(s.models.flatMap((m) => m.scorers.map((x) => x.name)))];
  const header = ['scorer', ...s.models.map(modelName)];
  return [header, ...names.map((name) => [name, ...s.models.map((m) => {
    const x = m.scorers.find((y) => y.name === name);
    return x === undefined ? '—' : `${pct(x.passRate)} (${x.passed}/${x.n})`;
  })])];
}

/** With epochs, one line per model: the epoch reducers and how many samples were flaky. */
export function epochLine(m: ModelSummary): string | null {
  const e = m.epochs;
  if (e === null) return null;
  const left = e.incomplete > 0 ? `; ${e.incomplete} sample(s) with fewer than ${e.k} scored epochs left out` : '';
  return `${modelName(m)}: ${e.k} epochs: pass@${e.k} ${pct(e.passAtK.share)}, pass^${e.k} ${pct(e.passHatK.share)}, majority ${pct(e.majority.share)}, ` +
    `flaky ${pct(e.flaky.share)} of samples (${e.flaky.count}/${e.samples})${left}`;
}

/** With epochs, each scorer's reduced figure (its spec `reducer`, default mean). */
function reducedScorerLines(s: RunSummary, m: ModelSummary): string[] {
  return m.scorers.flatMap((sc) => {
    const e = sc.epochs;
    if (e === null || e.value === null) return [];
    const value = e.reducer === 'mean' ? e.value.toFixed(3) : pct(e.value);
    const ci = e.ci === null ? '' : `, ${ciOf(s)} ${e.reducer === 'mean' ? `${e.ci[0].toFixed(3)} – ${e.ci[1].toFixed(3)}` : `${pct(e.ci[0])} – ${pct(e.ci[1])}`}`;
    return [`  scorer ${sc.name}, ${e.reducer} per sample: ${value}${ci} over ${e.samples} samples`];
  });
}

function notes(s: RunSummary): string[] {
  const out: string[] = [];
  for (const m of s.models) {
    const epochs = epochLine(m);
    if (epochs !== null) out.push(epochs, ...reducedScorerLines(s, m));
    // Anthropic says max_tokens / refusal; OpenAI-compatible servers say length / content_filter.
    const truncated = (m.stopReasons['max_tokens'] ?? 0) + (m.stopReasons['length'] ?? 0);
    const refused = (m.stopReasons['refusal'] ?? 0) + (m.stopReasons['content_filter'] ?? 0);
    if (truncated > 0) out.push(`${modelName(m)}: ${truncated} output(s) cut off at the max_tokens limit (stop reason max_tokens/length)`);
    if (refused > 0) out.push(`${modelName(m)}: ${refused} refusal(s) (stop reason refusal/content_filter)`);
    if (m.cached > 0) out.push(`${modelName(m)}: ${m.cached} answer(s) from the response cache (no call made; cost ${costText(m)} is what the answers cost, ${m.simulated ? 'nothing paid' : `${usd(m.spentUsd)} was spent`} in this run; --no-cache to call again)`);
    const cache = cacheLine(m);
    if (cache !== undefined) out.push(`${modelName(m)}: ${cache}`);
    if (m.costUsd === null) out.push(`${modelName(m)}: cost unknown (no price for this model in price table ${s.options.priceTable})`);
    if (m.judge !== null) out.push(`${modelName(m)}: ${judgeLine(m.judge)}`, ...judgeDetailLines(m.judge, ciOf(s)).map((l) => `${modelName(m)}: ${l}`));
    for (const p of m.pairwise ?? []) out.push(`${modelName(m)}: ${pairwiseLine(p)}`);
    for (const sc of m.pairwiseReference ?? []) out.push(`${modelName(m)}: ${pairwiseReferenceLine(sc)}`);
    if (m.unscored !== undefined) out.push(`${modelName(m)}: ${unscoredLine(m.unscored)}`);
    const clustered = clusteredLine(s, m, modelName(m));
    if (clustered !== undefined) out.push(clustered);
  }
  if (s.models.some((m) => m.ciMethod === 'clt-over-samples')) out.push(`${ciOf(s)} over per-sample pass shares (epochs: items of one sample are not independent); otherwise Wilson.`);
  else out.push(`${ciOf(s)}: Wilson score interval.`);
  out.push(scoreNote(s));
  if (s.items.errors > 0) out.push(`${s.items.errors} item(s) ended in error: not counted as failures; see records.jsonl (status "error")`);
  if (s.simulated) out.push(`${SIM} models are the built-in simulator, not real model outputs: their quality, latency and cost are settings, not measurements.`);
  return out;
}

/** Each model against the first, paired on the same samples. */
function comparisonLines(s: RunSummary): string[] {
  return s.comparisons.map((c) => {
    const name = (id: string) => { const m = s.models.find((x) => x.model === id); return m === undefined ? id : modelName(m); };
    if (c.diff === null) return `${name(c.model)} vs ${name(c.reference)}: no samples scored by both`;
    const ci = c.ci === null ? '' : `, ${ciOf(s)} [${signedPts(c.ci[0])}, ${signedPts(c.ci[1])}]`;
    const p = c.test.p === null ? '' : `, ${c.test.name === 'mcnemar-exact' ? 'McNemar' : 'permutation'} p ${c.test.p < 0.0001 ? '< 0.0001' : `= ${c.test.p.toPrecision(2)}`}`;
    const mde = c.mde === null ? '' : `; could detect ≥ ${(c.mde * 100).toFixed(1)} pts`;
    return `${name(c.model)} vs ${name(c.reference)} (paired, ${c.n} samples): ${signedPts(c.diff)}${ci}${p}; ${c.regressed} pass→fail, ${c.improved} fail→pass (reference → model)${mde}`;
  });
}

/** One table per metadata field: per value, each model's pass rate and each change against the first model. */
export function segmentRows(s: RunSummary, f: FieldSegments): string[][] {
  const label = (id: string) => s.models.find((x) => x.model === id)?.label ?? id;
  const first = f.segments[0];
  const header = [f.field, 'samples', ...s.models.map((m) => m.label), ...(first?.changes ?? []).map((c) => `change: ${label(c.model)}`)];
  const rows = f.segments.map((seg) => [
    seg.value,
    String(seg.samples),
    ...seg.models.map((m) => `${pct(m.passRate)} (${m.passed}/${m.n})${m.errors > 0 ? `, ${m.errors} err` : ''}`),
    ...seg.changes.map((c) => c.diff === null ? '—'
      : `${signedPts(c.diff)}${c.ci === null ? '' : ` [${signedPts(c.ci[0])}, ${signedPts(c.ci[1])}]`}${c.small ? ' (small)' : ''}`),
  ]);
  return [header, ...rows];
}

function segmentParts(s: RunSummary): string[] {
  const tables = s.segments.filter((f) => f.segments.length > 0).map((f) => table(segmentRows(s, f)).trimEnd());
  const [ref, ...others] = s.models;
  if (tables.length === 0 || ref === undefined) return [];
  const small = s.segments.some((f) => f.segments.some((seg) => seg.changes.some((c) => c.small)));
  const notes = [
    ...(others.length > 0 ? [`segments: change = model − ${ref.label} in pass rate, paired on the segment's samples, ${ciOf(s)} in brackets${small ? '; (small): fewer than 30 paired samples, too small to conclude' : ''}.`] : []),
    ...s.segments.filter((f) => f.values > f.segments.length).map((f) => `${f.field}: ${f.values} values; past the ${f.segments.length - 1} most frequent, summed into "(other)".`),
  ];
  return [...tables, ...(notes.length > 0 ? [notes.join('\n')] : [])];
}

function gateLines(s: RunSummary): string[] {
  return s.gates.map((g) => {
    const m = s.models.find((x) => x.model === g.model);
    return `${g.skipped ? 'SKIP' : g.pass ? 'PASS' : 'FAIL'} gate ${m !== undefined ? modelName(m) : g.model}: ${g.reason}`;
  });
}

/** A path as one shell word: quoted when it holds anything but plain path characters. */
const shellWord = (path: string): string => (/^[\w./:@+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);

/** The last line of a run's report; a stopped run says how to continue it (runDir as the user sees it). */
function verdictLine(s: RunSummary, runDir: string): string {
  if (s.status === 'aborted' && s.stoppedBy === 'max_cost') {
    return `INCOMPLETE: stopped by --max-cost ${usd(s.options.maxCostUsd)}${maxCostSpent(s.models)} after ${s.items.finished}/${s.items.planned} items; partial results written. Continue with: haikubench run --resume ${shellWord(runDir)}`;
  }
  if (s.status === 'aborted' && s.stoppedBy === 'circuit_breaker') return `INCOMPLETE: stopped by the circuit breaker after ${s.items.finished}/${s.items.planned} items: ${s.stopMessage ?? ''}.`;
  if (s.status === 'aborted' && s.stoppedBy === 'batch_error') return `INCOMPLETE: the batch run stopped after ${s.items.finished}/${s.items.planned} items: ${s.stopMessage ?? ''}.`;
  if (s.status === 'aborted') return `INCOMPLETE: run stopped after ${s.items.finished}/${s.items.planned} items; partial results written${s.stopMessage !== null ? `. ${s.stopMessage}` : ''}. Continue with: haikubench run --resume ${shellWord(runDir)}`;
  if (s.verdict === 'incomplete' && s.items.finished === 0) return `INCOMPLETE: no items finished (0/${s.items.planned}); nothing was scored.`;
  if (s.verdict === 'incomplete') {
    const over = s.models.filter((m) => m.n > 0 && m.errors / m.n > s.options.maxErrorRate).map((m) => `${modelName(m)} ${m.errors}/${m.n}`);
    return `INCOMPLETE: items ended in error above the allowed ${pct(s.options.maxErrorRate, 0)} per model (${over.join(', ')}).`;
  }
  if (s.verdict === 'gate_failed' && calibrationFailures(s).length === 0 && s.gates.every((g) => g.pass) && s.baseline !== undefined) return `FAILED: ${baselineFailure(s.baseline)}.`;
  if (s.verdict === 'gate_failed') return calibrationFailures(s).length > 0 ? 'FAILED: a judge is below its required agreement (its scores do not gate), or a quality gate failed.' : 'FAILED: a quality gate failed.';
  const base = s.gates.some((g) => !g.skipped) || (s.judgeCalibration?.length ?? 0) > 0 ? 'PASSED: all quality gates passed' : 'DONE: no gates applied';
  return `${base}${inconclusiveWarning(s)}.`;
}

export function renderSummary(s: RunSummary, runDir: string): string {
  const head = `${s.eval.id}${s.simulated ? ` ${SIM}` : ''} — ${s.dataset.samples} samples × ${s.models.length} model(s) × ${s.options.epochs} epoch(s), pass rule: ${s.options.passRule}`;
  const slice = s.shard !== null ? `\nshard ${s.shard.index}/${s.shard.count}: ${s.items.planned} of the plan's items (join the shards with haikubench merge)`
    : s.mergedFrom !== null ? `\nmerged from ${s.mergedFrom.length} shards: ${s.mergedFrom.join(', ')}` : '';
  const parts = [`${head}${slice}`, table(modelRows(s)).trimEnd()];
  if (s.models.some((m) => m.scorers.length > 1)) parts.push(table(scorerRows(s)).trimEnd());
  parts.push(...segmentParts(s));
  parts.push(...classificationParts(s, modelName));
  const extra = [...comparisonLines(s), ...notes(s), ...calibrationLines(s, (id) => { const m = s.models.find((x) => x.model === id); return m === undefined ? id : modelName(m); }), ...gateLines(s)];
  if (extra.length > 0) parts.push(extra.join('\n'));
  parts.push(`${verdictLine(s, runDir)}${retryErrorsNote(s, runDir)}\nrecords: ${runDir}/${RECORDS_FILE}   summary: ${runDir}/${SUMMARY_FILE}`);
  return `${parts.join('\n')}\n`;
}
