import { table } from 'table';
import type { RunSummary } from '../../summary/run-summary.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import type { LabelClassification } from '../../stats/label-tally.js';
import { classificationLines, classificationMarkdown, classificationNotes, classMetricRows, confusionLines, confusionRows } from './classification-text.js';
import { mdText } from '../../util/markdown-text.js';

// The classification section of the reports: per model and label scorer, accuracy and the F1
// averages, the per-class table, the confusion matrix (in the terminal only while it stays narrow) and
// the most confused pairs. Pure.

/** The terminal shows the confusion matrix up to this many columns; summary.json always has it. */
const MAX_TERMINAL_COLUMNS = 8;

const entries = (s: RunSummary): { m: ModelSummary; c: LabelClassification }[] =>
  s.models.flatMap((m) => m.classification.filter((c) => c.report.n > 0).map((c) => ({ m, c })));

const foldedNote = (c: LabelClassification) =>
  (c.folded > 0 ? [`${c.folded} other label(s) only ever predicted are summed into "(other label)".`] : []);

/** Terminal blocks, one per model and label scorer; empty when no label scorer scored anything. */
export function classificationParts(s: RunSummary, name: (m: ModelSummary) => string): string[] {
  return entries(s).map(({ m, c }) => {
    const r = c.report;
    const lines = [`classification — ${name(m)}, scorer ${c.scorer}:`, ...classificationLines(r, s.options.confidence).map((l) => `  ${l}`)];
    const blocks = [lines.join('\n'), table(classMetricRows(r)).trimEnd()];
    if (r.matrix.columns.length <= MAX_TERMINAL_COLUMNS) blocks.push(table(confusionRows(r)).trimEnd());
    const confused = confusionLines(r);
    const tail = [
      ...(confused.length > 0 ? ['most confused (expected → predicted):', ...confused.map((l) => `  ${l}`)] : []),
      ...(r.matrix.columns.length > MAX_TERMINAL_COLUMNS ? [`confusion matrix (${r.matrix.classes.length} × ${r.matrix.columns.length}): in summary.json and the --markdown report`] : []),
      ...classificationNotes(r), ...foldedNote(c),
    ];
    if (tail.length > 0) blocks.push(tail.join('\n'));
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
