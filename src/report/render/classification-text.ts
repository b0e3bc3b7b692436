import { NONE, type ClassificationReport, type ClassMetrics } from '../../stats/classification.js';
import { levelPct, pct } from '../../util/format.js';
import { mdList, mdTable, mdText, type Align } from '../../util/markdown-text.js';

// A label scorer's classification metrics for people: rows for the terminal (the reporter passes them to
// `table`, as modelRows / segmentRows) and one Markdown block (tables through mdTable, labels through
// mdText, since labels come from datasets and model outputs). Pure; the figures come from
// stats/classification.ts and are only formatted here.

/** Labels longer than this are cut in terminal cells; the whole label is in the records. */
const MAX_LABEL = 40;
/** A per-class metric that was 0/0, reported as 0 (scikit-learn's zero_division="warn"). */
const ZERO_DIVISION_MARK = '*';

/** A label as one short terminal line: line breaks folded, long labels cut with "…". */
function cellLabel(s: string): string {
  const line = s.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
  return line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line;
}

const fixed3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const metric = (c: ClassMetrics, which: 'precision' | 'recall' | 'f1') =>
  `${fixed3(c[which])}${c.zeroDivision.includes(which) ? ZERO_DIVISION_MARK : ''}`;
const hasNone = (r: ClassificationReport) => r.unlabelled > 0;
const anyDeclared = (r: ClassificationReport) => r.perClass.some((c) => c.declared);

/** Why a label is set apart: left out of the averages, or (with declared classes) an expected label outside them. */
function marker(r: ClassificationReport, c: ClassMetrics): string {
  if (!r.macroClasses.includes(c.label)) return ' (not averaged)';
  return anyDeclared(r) && !c.declared ? ' (not declared)' : '';
}

/** Rows = expected, columns = predicted, then "(none)" when any output named no label; a support column last. */
export function confusionRows(r: ClassificationReport, label: (s: string) => string = cellLabel): string[][] {
  const m = r.matrix;
  const header = ['expected \\ predicted', ...m.columns.map(label), ...(hasNone(r) ? [NONE] : []), 'support'];
  const rows = m.classes.map((cls, i) => {
    const counts = m.counts[i] ?? [];
    const none = m.unlabelled[i] ?? 0;
    const support = counts.reduce((s, x) => s + x, 0) + none;
    return [label(cls), ...counts.map(String), ...(hasNone(r) ? [String(none)] : []), String(support)];
  });
  return [header, ...rows];
}

/** One row per label: support, times predicted, precision, recall, F1 ("*" marks a 0/0 reported as 0). */
export function classMetricRows(r: ClassificationReport, label: (s: string) => string = cellLabel): string[][] {
  const header = ['class', 'support', 'predicted', 'precision', 'recall', 'F1'];
  const rows = r.perClass.map((c) => [
    `${label(c.label)}${marker(r, c)}`,
    String(c.support), String(c.predicted), metric(c, 'precision'), metric(c, 'recall'), metric(c, 'f1'),
  ]);
  return [header, ...rows];
}

/** Accuracy with its interval, then the three F1 averages, as one line each. */
export function classificationLines(r: ClassificationReport, level = 0.95): string[] {
  const ci = r.ci === null ? '' : `, ${levelPct(level)} CI ${pct(r.ci[0])} – ${pct(r.ci[1])}`;
  const none = hasNone(r) ? `; ${r.unlabelled} output(s) named no label, counted wrong (column ${NONE})` : '';
  return [
    `accuracy ${pct(r.accuracy)} (${r.correct}/${r.n})${ci}${none}`,
    `macro-F1 ${fixed3(r.macroF1)} over ${r.macroClasses.length} class(es); weighted-F1 ${fixed3(r.weightedF1)}; micro-F1 ${fixed3(r.micro.f1)}`,
  ];
}

/** "expected → predicted: count (share of the expected class)", most confused first. */
export function confusionLines(r: ClassificationReport, label: (s: string) => string = cellLabel): string[] {
  return r.confusions.map((c) => `${label(c.expected)} → ${c.predicted === null ? NONE : label(c.predicted)}: ${c.count} (${pct(c.share)} of ${label(c.expected)})`);
}

/** Footnotes that apply to this report only: the "*" mark and the label markers, when they appear. */
export function classificationNotes(r: ClassificationReport): string[] {
  const notes: string[] = [];
  if (r.perClass.some((c) => c.zeroDivision.length > 0)) {
    notes.push(`${ZERO_DIVISION_MARK}: 0/0 (precision of a class never predicted, recall of a class with no items), reported as 0 as scikit-learn does.`);
  }
  if (r.perClass.some((c) => !r.macroClasses.includes(c.label))) {
    notes.push('(not averaged): a label only ever predicted outside the declared classes, or a class with no items that was never predicted; left out of macro- and weighted-F1.');
  }
  if (r.perClass.some((c) => marker(r, c) === ' (not declared)')) {
    notes.push('(not declared): an expected label outside the declared classes; averaged, since it has items, but the scorer can never pass it.');
  }
  return notes;
}

/** The whole report as Markdown: summary lines, per-class table, confusion matrix, most confused pairs. */
export function classificationMarkdown(r: ClassificationReport, level = 0.95): string {
  const md = (s: string) => mdText(s, 120);
  const table = (rows: string[][]) => {
    const [header = [], ...body] = rows;
    const align: Align[] = header.map((_, i) => (i === 0 ? 'left' : 'right'));
    return mdTable(header, body, align);
  };
  // Summary and notes carry our own wording only (labels are never in them), but go through mdText anyway
  // so "*" and "(none)" are shown, not read as emphasis.
  const blocks = [
    mdList(classificationLines(r, level).map((s) => mdText(s))),
    table(escapeMarks(classMetricRows(r, md))),
    table(confusionRows(r, md).map((row, i) => (i === 0 ? row.map((c, j) => (j === 0 ? mdText(c) : c)) : row))),
  ];
  const confusions = confusionLines(r, md);
  if (confusions.length > 0) blocks.push(`Most confused:\n\n${mdList(confusions)}`);
  const notes = classificationNotes(r).map((s) => mdText(s));
  if (notes.length > 0) blocks.push(notes.join('\n\n'));
  return blocks.join('\n\n');
}

/** The "*" zero-division mark in metric cells (columns past the label) as a literal asterisk in Markdown. */
function escapeMarks(rows: string[][]): string[][] {
  return rows.map((row) => row.map((c, j) => (j === 0 ? c : c.replace(/\*/g, '\\*'))));
}
