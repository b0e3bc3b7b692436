import { InputError } from '../errors.js';
import { join } from 'node:path';
import { renderRouteMarkdown } from '../route/rendering/render-markdown.js';
import { renderRouteHeadline } from '../route/rendering/render-text.js';
import { headline } from '../route/rendering/headline.js';
import { paragraph } from '../report/render/layout.js';
import { mdText } from '../report/render/markdown-text.js';
import type { RunExtra } from '../report/reporter.js';
import type { RunSummary } from '../summary/run-summary.js';
import { routeRuns, routeText, writeRoute } from '../route/report/route-runs.js';

// run --route: after a finished run of two or more models, the tiering analysis of `haikubench route`
// with its defaults (tolerance 2 points, the run's confidence level, 5 folds, no signal or check),
// written to <runDir>/route and printed after the run's report, and a section of the Markdown report.
// A run it cannot analyse (no paired sample, one model's errors everywhere) gets a note, not a failure:
// the run itself is what the exit code reports.

export const ROUTE_DEFAULTS = { tolerance: 0.02, folds: 5, seed: 1, resamples: 2000, quality: 'pass' } as const;

/** The routing section of one finished run, or undefined when there is nothing to route (one model, or an incomplete run). */
export async function routeAfterRun(summary: RunSummary, runDir: string, cwd: string): Promise<RunExtra | undefined> {
  if (summary.status !== 'completed' || summary.models.length < 2) return undefined;
  try {
    const outcome = await routeRuns({ runDir: [runDir], level: summary.options.confidence, json: false, ...ROUTE_DEFAULTS }, cwd);
    const written = writeRoute(outcome);
    const md = renderRouteMarkdown(outcome.report).replace(/^## [^\n]*\n+/, '');
    const more = `Other options (a signal or check cascade, the tolerance, the segment fields): haikubench route ${runDir} (see haikubench route --help).`;
    const folded = `routing in full: --details, or haikubench route ${runDir}; files in ${join(runDir, 'route')}`;
    return {
      text: `\n${routeText(outcome, written)}${more}\n`,
      terminal: ({ width, details }) => (details ? `\n${routeText(outcome, written, { width })}${paragraph(more, width, '  ').join('\n')}\n` : renderRouteHeadline(outcome.report, { width, more: folded })),
      section: { title: 'Tiering (haikubench route)', body: `${md.trimEnd()}\n\n${more}`, lead: `**${mdText(headline(outcome.report), 2000)}**` },
    };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const why = err.issues.join('; ') || err.title;
    return { text: `\nrouting not analysed: ${why}\n`, section: { title: 'Tiering (haikubench route)', body: `Not analysed: ${why}` } };
  }
}
