import { table } from 'table';
import { headline, pts } from './headline.js';
import { metricLines, validationLines } from './render-notes.js';
import { modelsLine, policyTable, segmentTable } from './render-rows.js';
import type { RouteReport } from '../report/report-types.js';

// The routing report for the terminal: the recommendation first, then where the small model holds up
// per segment (the chosen field first), the policies side by side, the metrics and how the figures
// were validated. Pure: report in, text out.

/** Segment fields in display order: the field the rule routes by first. */
export function fieldOrder(r: RouteReport): string[] {
  const chosen = r.segmentRoute?.rule.field;
  const fields = r.analysis.segments.map((s) => s.field);
  return chosen === undefined ? fields : [chosen, ...fields.filter((f) => f !== chosen)];
}

/** Rules under the header and around the table only: compact, like a report rather than a grid. */
const grid = (rows: readonly (readonly string[])[]): string =>
  table(rows as string[][], { drawHorizontalLine: (i, n) => i === 0 || i === 1 || i === n }).trimEnd();

const bullets = (lines: readonly string[]): string => lines.map((l) => `  • ${l}`).join('\n');

export function renderRouteText(r: RouteReport): string {
  const parts: string[] = [`\n${headline(r)}\n`, modelsLine(r)];
  for (const field of fieldOrder(r)) {
    parts.push(`\nWhere S holds up, by ${field} (tolerance ${pts(r.options.tolerance)}, paired):`);
    parts.push(grid(segmentTable(r, field)));
  }
  parts.push('\nPolicies (replayed on the recorded answers; ► = recommended):');
  parts.push(grid(policyTable(r)));
  parts.push('\nMetrics:', bullets(metricLines(r)));
  parts.push('\nValidation and notes:', bullets(validationLines(r)));
  return `${parts.join('\n')}\n`;
}
