import type { FinishedRun, Reporter } from './reporter.js';
import { terminalReporter, type Output } from './terminal.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter, stepSummaryReporter } from './markdown.js';
import { styleOf } from './render/style.js';
import { htmlReporter } from './html.js';

// The reporters of a command, derived from definitions: each says from the command's options whether
// it takes part and builds itself. Their order is the order of their output.

export interface ReporterOptions {
  readonly out: Output;
  readonly err: Output;
  /** --json: the summaries as JSON instead of the terminal's report. */
  readonly json: boolean;
  /** --quiet: no progress. */
  readonly quiet: boolean;
  /** Redraw the progress line in place (a terminal outside CI). */
  readonly live: boolean;
  /** How many evals the command runs. */
  readonly evals: number;
  /** --junit FILE, --markdown FILE and $GITHUB_STEP_SUMMARY, as absolute paths; absent when not asked for. */
  readonly junit?: string | undefined;
  readonly markdown?: string | undefined;
  /** --junit-samples (default report). */
  readonly junitSamples?: 'report' | 'fail' | undefined;
  readonly stepSummary?: string | undefined;
  /** Columns of stdout and stderr (the terminal's, else $COLUMNS, else 100). */
  readonly width?: number | undefined;
  readonly errWidth?: number | undefined;
  /** Colour in the terminal report (util/terminal-env's useColor). */
  readonly color?: boolean | undefined;
  /** --details: the terminal's folded parts in full (routing, per-class tables, confusion matrices). */
  readonly details?: boolean | undefined;
  /** --show-failures: every failing sample in the terminal. */
  readonly showFailures?: boolean | undefined;
  /** --markdown-link URL: where the full report is (the HTML artifact), linked from the Markdown. */
  readonly markdownLink?: string | undefined;
  /** --html FILE, as an absolute path; absent when not asked for. */
  readonly html?: string | undefined;
}

export interface ReporterDefinition {
  /** The reporter, or undefined when the options do not ask for it. */
  readonly create: (o: ReporterOptions) => Reporter | undefined;
}

export const reporterDefinitions = {
  terminal: {
    create: (o) => (o.json ? undefined : terminalReporter({
      out: o.out, err: o.err, quiet: o.quiet, live: o.live, style: styleOf(o.color === true),
      ...(o.width !== undefined && { width: o.width }), ...(o.errWidth !== undefined && { errWidth: o.errWidth }),
      details: o.details === true, showFailures: o.showFailures === true,
    })),
  },
  json: { create: (o) => (o.json ? jsonReporter({ out: o.out, evals: o.evals }) : undefined) },
  junit: { create: (o) => (o.junit === undefined ? undefined : junitReporter(o.junit, o.junitSamples)) },
  markdown: { create: (o) => (o.markdown === undefined ? undefined : markdownReporter(o.markdown, { link: o.markdownLink })) },
  stepSummary: { create: (o) => (o.stepSummary === undefined ? undefined : stepSummaryReporter(o.stepSummary, { link: o.markdownLink })) },
  html: { create: (o) => (o.html === undefined ? undefined : htmlReporter(o.html)) },
} as const satisfies Record<string, ReporterDefinition>;

export type ReporterName = keyof typeof reporterDefinitions;

export function reportersFor(o: ReporterOptions): Reporter[] {
  return Object.values(reporterDefinitions).flatMap((d: ReporterDefinition) => d.create(o) ?? []);
}

/**
 * Every reporter's end of the command, in order. A reporter that fails (a report file that cannot be
 * written) says so on `err` and the others still run. False when one failed: CI asked for a report it
 * will not find.
 */
export async function endCommand(reporters: readonly Reporter[], runs: readonly FinishedRun[], err: Output): Promise<boolean> {
  let ok = true;
  for (const r of reporters) {
    try {
      await r.onCommandEnd?.(runs);
    } catch (e) {
      ok = false;
      err.write(`haikubench: could not write the report for ${r.label ?? 'a reporter'}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  return ok;
}
