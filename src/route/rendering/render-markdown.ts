import { mdList, mdTable, mdText } from '../../report/render/markdown-text.js';
import { headline, pts } from './headline.js';
import { metricLines, validationLines } from './render-notes.js';
import { modelsLine, policyTable, segmentTable } from './render-rows.js';
import type { RouteReport } from '../report/report-types.js';
import { fieldOrder } from './render-text.js';

// The routing report as GitHub-flavoured Markdown (for a pull-request comment or a wiki page): the same
// parts as the terminal report. Every piece of text goes through mdText, since segment values and model
// ids come from the user's data.

const md = (rows: readonly (readonly string[])[]): string => {
  const [header, ...body] = rows.map((row) => row.map((c) => mdText(c)));
  return mdTable(header ?? [], body);
};

export function renderRouteMarkdown(r: RouteReport): string {
  const parts: string[] = ['## Tiering: haikubench route', `**${mdText(headline(r), 2000)}**`, mdText(modelsLine(r), 2000)];
  for (const field of fieldOrder(r)) {
    parts.push(`### Where S holds up, by ${mdText(field)} (tolerance ${pts(r.options.tolerance)}, paired)`, md(segmentTable(r, field)));
  }
  parts.push('### Policies (replayed on the recorded answers; ► = recommended)', md(policyTable(r)));
  parts.push('### Metrics', mdList(metricLines(r).map((l) => mdText(l, 2000))));
  parts.push('### Validation and notes', mdList(validationLines(r).map((l) => mdText(l, 2000))));
  return `${parts.join('\n\n')}\n`;
}
