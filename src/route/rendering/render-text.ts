import { layoutTable, paragraph } from '../../report/render/layout.js';
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

/** Tables fitted to the width: columns while they fit, one block per row when they do not. */
const grid = (rows: readonly (readonly string[])[], width: number): string => layoutTable(rows, { width }).join('\n');

const bullets = (lines: readonly string[], width: number): string => lines.flatMap((l) => paragraph(`  • ${l}`, width, '    ')).join('\n');

const prose = (text: string, width: number): string => paragraph(text, width).join('\n');

/** The whole routing report, every line at most `width` columns (default: no limit). */
export function renderRouteText(r: RouteReport, o: { readonly width?: number } = {}): string {
  const width = o.width ?? Number.POSITIVE_INFINITY;
  const parts: string[] = [`\n${prose(headline(r), width)}\n`, prose(modelsLine(r), width)];
  for (const field of fieldOrder(r)) {
    parts.push(`\n${prose(`Where S holds up, by ${field} (tolerance ${pts(r.options.tolerance)}, paired):`, width)}`);
    parts.push(grid(segmentTable(r, field), width));
  }
  parts.push(`\n${prose('Policies (replayed on the recorded answers; ► = recommended):', width)}`);
  parts.push(grid(policyTable(r), width));
  parts.push('\nMetrics:', bullets(metricLines(r), width));
  parts.push('\nValidation and notes:', bullets(validationLines(r), width));
  return `${parts.join('\n')}\n`;
}

/** The routing analysis folded to its recommendation, for the compact terminal report. */
export function renderRouteHeadline(r: RouteReport, o: { readonly width: number; readonly more: string }): string {
  return `\n${prose(`routing: ${headline(r)}`, o.width)}\n${paragraph(o.more, o.width, '  ').join('\n')}\n`;
}
