import type { RunSummary } from '../../summary/run-summary.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import type { LabelClassification } from '../../stats/label-tally.js';
import { classificationLines, classificationMarkdown, classificationNotes, classMetricRows, confusionLines, confusionRows } from './classification-text.js';
import { mdText } from './markdown-text.js';
import { layoutTable, paragraph } from './layout.js';
import type { Style } from './style.js';

// The classification section of the reports: per model and label scorer, accuracy and the F1
// averages, the per-class table, the confusion matrix (in the terminal only while it stays narrow) and
// the most confused pairs. Pure.

/** The terminal shows the confusion matrix up to this many columns; summary.json always has it. */
const MAX_TERMINAL_COLUMNS = 8;

const entries = (s: RunSummary): { m: ModelSummary; c: LabelClassification }[] =>
  s.models.flatMap((m) => m.classification.filter((c) => c.report.n > 0).map((c) => ({ m, c })));

const foldedNote = (c: LabelClassification) =>
  (c.folded > 0 ? [`${c.folded} other label(s) only ever predicted are summed into "(other label)".`] : []);

/** How the terminal lays out its blocks; `details` adds the per-class table and the confusion matrix. */
export interface ClassificationLayout {
  readonly width: number;
  readonly style: Style;
  readonly details: boolean;
}

/** Terminal blocks, one per model and label scorer; empty when no label scorer scored anything. */
export function classificationParts(s: RunSummary, name: (m: ModelSummary) => string, o: ClassificationLayout): string[] {
  const fit = (lines: readonly string[]) => lines.flatMap((l) => paragraph(l, o.width, /^ */.exec(l)?.[0] === '' ? '  ' : '    '));
  return entries(s).map(({ m, c }) => {
    const r = c.report;
    const lines = [`classification — ${name(m)}, scorer ${c.scorer}:`, ...classificationLines(r, s.options.confidence).map((l) => `  ${l}`)];
    const blocks = [fit(lines).join('\n')];
    const lay = { width: o.width, style: o.style };
    if (o.details) blocks.push(layoutTable(classMetricRows(r), lay).join('\n'));
    if (o.details && r.matrix.columns.length <= MAX_TERMINAL_COLUMNS) blocks.push(layoutTable(confusionRows(r), lay).join('\n'));
    const confused = confusionLines(r);
    const tail = [
      ...(confused.length > 0 ? ['most confused (expected → predicted):', ...confused.map((l) => `  ${l}`)] : []),
      ...(!o.details ? ['per-class table and confusion matrix: --details, the --markdown report, summary.json'] : []),
      ...(o.details && r.matrix.columns.length > MAX_TERMINAL_COLUMNS ? [`confusion matrix (${r.matrix.classes.length} × ${r.matrix.columns.length}): in summary.json and the --markdown report`] : []),
      ...classificationNotes(r), ...foldedNote(c),
    ];
    if (tail.length > 0) blocks.push(fit(tail).join('\n'));
    return blocks.join('\n');
  });
}

/** Markdown: one sub-heading per model and label scorer; '' when there is nothing to show. */
export function classificationSections(s: RunSummary, heading: string, name: (m: ModelSummary) => string): string {
  return entries(s).map(({ m, c }) => {
    const folded = foldedNote(c).map((t) => mdText(t));
    return [`${heading} ${mdText(name(m))} · ${mdText(c.scorer)}`, classificationMarkdown(c.report, s.options.confidence), ...folded].join('\n\n');
  }).join('\n\n');
}
