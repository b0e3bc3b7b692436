import { createLogUpdate } from 'log-update';
import { renderSummary } from './render/summary.js';
import { modelName } from './render/summary-notes.js';
import { renderOverview } from './render/overview.js';
import type { FinishedRun, Reporter } from './reporter.js';
import { addToProgress, renderProgress, type ProgressState } from './render/progress.js';
import { readFindings } from './run-findings.js';
import { findingsCollector, type FindingsCollector } from './findings-collector.js';
import { renderFindings } from './render/findings-text.js';
import { clip } from './render/layout.js';
import { displayWidth, fitWidth, wrap } from './render/width.js';
import { plain, type Style } from './render/style.js';
import type { RunSummary } from '../summary/run-summary.js';

export type { Output } from '../types.js';
import type { Output } from '../types.js';

/** The terminal reporter uses every hook. */
export type TerminalReporter = Required<Omit<Reporter, 'label'>>;

/** Failing samples listed per model by default. */
export const FAILURES_SHOWN = 5;

export interface TerminalReporterOptions {
  readonly out: Output;
  readonly err: Output;
  readonly quiet?: boolean;
  /** Redraw the progress in place (a terminal outside CI, colour allowed); else a plain line per 10%. */
  readonly live?: boolean;
  readonly now?: () => number;
  /** Columns of stdout (the report) and stderr (the progress); default: the stream's, else 100. */
  readonly width?: number;
  readonly errWidth?: number;
  readonly style?: Style;
  /** --details: the routing analysis, per-class tables and confusion matrices in full. */
  readonly details?: boolean;
  /** --show-failures: every failing sample, not the first FAILURES_SHOWN per model. */
  readonly showFailures?: boolean;
}

/** A redrawn region on stderr (log-update), its width the terminal's at each draw. */
function liveRegion(err: Output, width: () => number) {
  const stream = { write: (s: string) => err.write(s), get columns() { return width(); }, isTTY: true };
  return createLogUpdate(stream as unknown as NodeJS.WriteStream, { showCursor: true });
}

/**
 * The failing samples and errors of a finished run, as lines for its report: from the records this
 * reporter saw when they were all of the run's, else read back from the run directory.
 */
async function findingLines(summary: RunSummary, run: FinishedRun, seen: FindingsCollector, o: { width: number; style: Style; show: number }): Promise<string[]> {
  const failed = summary.models.reduce((n, m) => n + m.failed, 0);
  if (failed === 0 && summary.items.errors === 0) return [];
  const models = summary.models.map((m) => m.model);
  const findings = run.recordsBefore !== undefined && seen.complete({ before: run.recordsBefore, finished: summary.items.finished })
    ? seen.findings({ models, endpoints: run.endpoints })
    : await readFindings(run.dir, { show: o.show, targets: run.targets, endpoints: run.endpoints, models });
  const name = (id: string) => { const m = summary.models.find((x) => x.model === id); return m === undefined ? id : modelName(m); };
  return renderFindings(findings, { ...o, name, epochs: summary.options.epochs });
}

/**
 * Progress on stderr: on a terminal, one line redrawn in place (at most ~10 times a second, cut to the
 * width so it never wraps); in CI or a pipe, a plain line per 10%. Each eval's report goes to stdout,
 * fitted to the width, then what features added (the comparison with the baseline, the tiering), and
 * with several evals an overview at the end.
 */
export function terminalReporter(opts: TerminalReporterOptions): TerminalReporter {
  const now = opts.now ?? (() => Date.now());
  const live = opts.live ?? opts.err.isTTY === true;
  // A terminal's own width at each use (it may be resized during a run), else the width given.
  const widthOf = (o: Output, given: number | undefined) => () => (o.isTTY === true && o.columns !== undefined && o.columns > 0 ? o.columns : given ?? 100);
  const width = widthOf(opts.out, opts.width);
  const errWidth = widthOf(opts.err, opts.errWidth);
  const style = opts.style ?? plain;
  const region = live && !opts.quiet ? liveRegion(opts.err, errWidth) : undefined;
  const line = (final = false) => fitWidth(renderProgress(state, final), Math.max(20, errWidth() - 1));
  let state: ProgressState = { evalId: '', done: 0, total: 0, elapsedMs: 0, errorsByKind: {}, costUsd: 0 };
  let started = 0;
  let lastDecile = -1;
  let lastDraw = 0;
  const show = opts.showFailures === true ? Number.POSITIVE_INFINITY : FAILURES_SHOWN;
  let seen = findingsCollector(show);
  return {
    onRunStart: (id, planned) => {
      state = { evalId: id, done: 0, total: planned, elapsedMs: 0, errorsByKind: {}, costUsd: 0 };
      started = now();
      lastDecile = -1;
      seen = findingsCollector(show);
      if (!opts.quiet) opts.err.write(`${fitWidth(`${id}: running ${planned} item(s)`, errWidth())}\n`);
    },
    onRecord: (r, p, sample) => {
      seen.add(r, sample?.target);
      const t = now();
      state = addToProgress({ ...state, total: p.total }, r, p.done, t - started);
      if (opts.quiet) return;
      if (region !== undefined) {
        if (t - lastDraw < 100 && p.done < p.total) return;
        lastDraw = t;
        region(line());
        return;
      }
      const decile = Math.floor((p.done / p.total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        // In CI or a pipe the line is a log line, kept whole; on a terminal (CI set) it is cut to the width.
        opts.err.write(`${opts.err.isTTY === true ? line() : renderProgress(state)}\n`);
      }
    },
    onNote: (text) => {
      if (opts.quiet) return;
      if (region === undefined) {
        opts.err.write(`${state.evalId}: ${text}\n`);
        return;
      }
      region.persist(clip([`${state.evalId}: ${text}`], errWidth()).join('\n'));
      if (state.done > 0) region(line());
    },
    onRunEnd: async (summary, run) => {
      // The last records may have been throttled: the final count stays above the report.
      if (region !== undefined && state.done > 0) region(line(true));
      region?.done();
      const w = width();
      const findings = await findingLines(summary, run, seen, { width: w, style, show });
      opts.out.write(`\n${renderSummary(summary, run.shownDir, { width: w, style, details: opts.details === true, findings })}`);
      for (const extra of run.extras) {
        const text = extra.terminal?.({ width: w, details: opts.details === true }) ?? extra.text;
        opts.out.write(fitText(text, w));
      }
    },
    onCommandEnd: (runs) => {
      if (runs.length > 1) opts.out.write(renderOverview(runs.map((r) => ({ summary: r.summary, runDir: r.shownDir })), { width: width(), style }));
    },
  };
}

/** Text built elsewhere (the comparison with a baseline) with any line wider than the terminal wrapped. */
function fitText(text: string, width: number): string {
  return text.split('\n').flatMap((l) => (displayWidth(l) <= width ? [l] : wrap(l, width, '  '))).join('\n');
}
