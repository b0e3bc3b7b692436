import type { RunSummary } from '../../summary/run-summary.js';
import type { FieldSegments } from '../../summary/segments.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import { RECORDS_FILE, SUMMARY_FILE } from '../../run-log/index.js';
import { int, ms, pct, usd, signedPts } from './format.js';
import { ciOf, scoreCell } from './lines.js';
import { classificationParts } from './classification-section.js';
import { calibrationFailures, calibrationLines } from './calibration-text.js';
import { baselineFailure, inconclusiveWarning, retryErrorsNote } from './verdict.js';
import { costText, maxCostSpent } from './cost-text.js';
import { comparisonLines, modelName, notes, SIM } from './summary-notes.js';
import { layoutTable, paragraph } from './layout.js';
import { plain, type Style } from './style.js';
import { variantLines } from './variants.js';

export { epochLine } from './summary-notes.js';

// Pure renderers: summary → text for the terminal. Every line fits `width` columns: tables while they
// fit (a vertical layout when they do not, and always below 80 columns), prose wrapped. The compact
// default leaves out what summary.json and the Markdown report hold in full (tokens, per-class
// tables, confusion matrices); `details` puts them back.

export interface TerminalOptions {
  /** Terminal columns (default: no limit). */
  readonly width?: number;
  readonly style?: Style;
  /** --details: tokens, per-class tables and confusion matrices too. */
  readonly details?: boolean;
  /** Lines placed before the gates (the failing samples, the errors). */
  readonly findings?: readonly string[];
}

/** Model names without their provider prefix when that leaves them distinct ("claude-haiku-5-5 [SIMULATED]"). */
function shortNames(s: RunSummary): (m: ModelSummary) => string {
  const short = (m: ModelSummary) => modelName(m).replace(/^[a-z]+:/, '');
  // Distinct without the [SIMULATED] tag too: "GPT X" and "GPT X [SIMULATED]" would read as one model.
  const names = s.models.map((m) => m.label.replace(/ \(simulated\)$/, '').replace(/^[a-z]+:/, ''));
  return new Set(names).size === names.length ? short : modelName;
}

function errorsCell(m: ModelSummary): string {
  if (m.errors === 0) return '0';
  const kinds = Object.entries(m.errorsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${m.errors} (${kinds})`;
}

/** "609 ms / 1.4 s", or "609 / 1100 ms" when both are in ms. */
function latencyCell(m: ModelSummary): string {
  const [a, b] = [ms(m.latencyMs.p50), ms(m.latencyMs.p95)];
  return a.endsWith(' ms') && b.endsWith(' ms') ? `${a.slice(0, -3)} / ${b}` : `${a} / ${b}`;
}

const ciCell = (ci: readonly [number, number] | null): string => (ci === null ? '—' : `${(ci[0] * 100).toFixed(1)}–${pct(ci[1])}`);

/** A mean score column only when it says more than the pass rate (partial credit, several scorers). */
const showScore = (s: RunSummary): boolean => s.models.some((m) => m.meanScore !== null && m.passRate !== null && Math.abs(m.meanScore - m.passRate) > 1e-9);

/** The per-model table: pass rate with its interval, mean score, errors by kind, cost, latency (tokens with details). */
export function modelRows(s: RunSummary, details = false): string[][] {
  const name = shortNames(s);
  const score = showScore(s) || details;
  const header = ['model', 'pass rate', ciOf(s), ...(score ? ['mean score ± SE'] : []), 'errors', ...(details ? ['tokens in / out'] : []), 'cost', 'p50 / p95'];
  const rows = s.models.map((m) => [
    name(m),
    `${pct(m.passRate)} (${m.passed}/${m.passed + m.failed})`,
    ciCell(m.ci),
    ...(score ? [details ? scoreCell(m) : scoreCell({ ...m, meanScoreCi: null })] : []),
    errorsCell(m),
    ...(details ? [`${int(m.tokens.input)} / ${int(m.tokens.output)}${m.tokens.thinking > 0 ? ` (${int(m.tokens.thinking)} thinking)` : ''}`] : []),
    costText(m),
    latencyCell(m),
  ]);
  return [header, ...rows];
}

const RIGHT = (n: number) => ['left' as const, ...Array.from({ length: n - 1 }, () => 'right' as const)];

export function scorerRows(s: RunSummary): string[][] {
  const name = shortNames(s);
  const names = [...new Set(s.models.flatMap((m) => m.scorers.map((x) => x.name)))];
  const header = ['scorer', ...s.models.map(name)];
  return [header, ...names.map((n) => [n, ...s.models.map((m) => {
    const x = m.scorers.find((y) => y.name === n);
    return x === undefined ? '—' : `${pct(x.passRate)} (${x.passed}/${x.n})`;
  })])];
}

/** One table per metadata field: per value, each model's pass rate and each change against the first model. */
export function segmentRows(s: RunSummary, f: FieldSegments): string[][] {
  const short = shortNames(s);
  const label = (id: string) => { const m = s.models.find((x) => x.model === id); return m === undefined ? id : short(m); };
  const first = f.segments[0];
  const header = [f.field, 'samples', ...s.models.map(short), ...(first?.changes ?? []).map((c) => `change: ${label(c.model)}`)];
  const rows = f.segments.map((seg) => [
    seg.value,
    String(seg.samples),
    ...seg.models.map((m) => `${pct(m.passRate)} (${m.passed}/${m.n})${m.errors > 0 ? `, ${m.errors} err` : ''}`),
    ...seg.changes.map((c) => c.diff === null ? '—'
      : `${signedPts(c.diff)}${c.ci === null ? '' : ` [${signedPts(c.ci[0])}, ${signedPts(c.ci[1])}]`}${c.small ? ' (small)' : ''}`),
  ]);
  return [header, ...rows];
}

function segmentParts(s: RunSummary, o: Required<Pick<TerminalOptions, 'width' | 'style'>>): string[] {
  const tables = s.segments.filter((f) => f.segments.length > 0).map((f) => layoutTable(segmentRows(s, f), { ...o, align: RIGHT(2 + 2 * s.models.length) }).join('\n'));
  const [ref, ...others] = s.models;
  if (tables.length === 0 || ref === undefined) return [];
  const small = s.segments.some((f) => f.segments.some((seg) => seg.changes.some((c) => c.small)));
  const notes = [
    ...(others.length > 0 ? [`segments: change = model − ${modelName(ref)} in pass rate, paired on the segment's samples, ${ciOf(s)} in brackets${small ? '; (small): fewer than 30 paired samples, too small to conclude' : ''}.`] : []),
    ...s.segments.filter((f) => f.values > f.segments.length).map((f) => `${f.field}: ${f.values} values; past the ${f.segments.length - 1} most frequent, summed into "(other)".`),
  ];
  return [...tables, ...(notes.length > 0 ? [notes.flatMap((l) => paragraph(l, o.width)).join('\n')] : [])];
}

function gateLines(s: RunSummary, st: Style): string[] {
  return s.gates.map((g) => {
    const m = s.models.find((x) => x.model === g.model);
    const word = g.skipped ? 'SKIP' : g.pass ? st.green('PASS') : st.red('FAIL');
    return `${word} gate ${m !== undefined ? modelName(m) : g.model}: ${g.reason}`;
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

const TONE = { PASSED: 'green', DONE: 'green', FAILED: 'red', INCOMPLETE: 'yellow' } as const;

/** The verdict line with its first word in colour (the rest plain, so a wrap never splits an escape). */
function tonedVerdict(line: string, st: Style): string {
  const word = /^(PASSED|DONE|FAILED|INCOMPLETE)/.exec(line)?.[1] as keyof typeof TONE | undefined;
  return word === undefined ? line : `${st.bold(st[TONE[word]](word))}${line.slice(word.length)}`;
}

/** The terminal report of one run, every line at most `width` columns. */
export function renderSummary(s: RunSummary, runDir: string, o: TerminalOptions = {}): string {
  const width = o.width ?? Number.POSITIVE_INFINITY;
  const st = o.style ?? plain;
  const lay = { width, style: st };
  const wrapped = (lines: readonly string[]) => lines.flatMap((l) => paragraph(l, width)).join('\n');
  const head = `${s.eval.id}${s.simulated ? ` ${SIM}` : ''} — ${s.dataset.samples} samples × ${s.models.length} model(s) × ${s.options.epochs} epoch(s), pass rule: ${s.options.passRule}`;
  const slice = s.shard !== null ? [`shard ${s.shard.index}/${s.shard.count}: ${s.items.planned} of the plan's items (join the shards with haikubench merge)`]
    : s.mergedFrom !== null ? [`merged from ${s.mergedFrom.length} shards: ${s.mergedFrom.join(', ')}`] : [];
  const parts = [paragraph(head, width).map((l) => st.bold(l)).join('\n') + (slice.length > 0 ? `\n${wrapped(slice)}` : '')];
  const modelAlign = RIGHT(modelRows(s, o.details)[0]?.length ?? 1);
  parts.push(layoutTable(modelRows(s, o.details), { ...lay, align: modelAlign }).join('\n'));
  if (s.models.some((m) => m.scorers.length > 1)) parts.push(layoutTable(scorerRows(s), { ...lay, align: RIGHT(1 + s.models.length) }).join('\n'));
  parts.push(...segmentParts(s, lay));
  parts.push(...classificationParts(s, modelName, { ...lay, details: o.details === true }));
  const extra = [...comparisonLines(s), ...variantLines(s), ...notes(s), ...calibrationLines(s, (id) => { const m = s.models.find((x) => x.model === id); return m === undefined ? id : modelName(m); })];
  if (extra.length > 0) parts.push(wrapped(extra));
  if ((o.findings ?? []).length > 0) parts.push((o.findings ?? []).join('\n'));
  const gates = gateLines(s, st);
  if (gates.length > 0) parts.push(wrapped(gates));
  const verdict = paragraph(`${verdictLine(s, runDir)}${retryErrorsNote(s, runDir)}`, width);
  const files = paragraph(`records: ${runDir}/${RECORDS_FILE}   summary: ${runDir}/${SUMMARY_FILE}`, width);
  parts.push([tonedVerdict(verdict[0] ?? '', st), ...verdict.slice(1), ...files.map((l) => st.dim(l))].join('\n'));
  return `${parts.join('\n\n')}\n`;
}
