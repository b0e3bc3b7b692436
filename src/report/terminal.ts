import { renderSummary } from './render/summary.js';
import { renderOverview } from './render/overview.js';
import type { Reporter } from './reporter.js';
import { addToProgress, renderProgress, type ProgressState } from './render/progress.js';

export type { Output } from '../types.js';
import type { Output } from '../types.js';

/** The terminal reporter uses every hook. */
export type TerminalReporter = Required<Omit<Reporter, 'label'>>;

/**
 * Progress on stderr: on a terminal, one line redrawn in place (at most ~10 times a second); in CI or
 * a pipe, a plain line per 10%. Each eval's summary goes to stdout, followed by what features added
 * (the comparison with the baseline, the tiering), and with several evals an overview at the end.
 */
export function terminalReporter(opts: { out: Output; err: Output; quiet?: boolean; live?: boolean; now?: () => number }): TerminalReporter {
  const now = opts.now ?? (() => Date.now());
  const live = opts.live ?? opts.err.isTTY === true;
  let state: ProgressState = { evalId: '', done: 0, total: 0, elapsedMs: 0, errorsByKind: {}, costUsd: 0 };
  let started = 0;
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    onRunStart: (id, planned) => {
      state = { evalId: id, done: 0, total: planned, elapsedMs: 0, errorsByKind: {}, costUsd: 0 };
      started = now();
      lastDecile = -1;
      if (!opts.quiet) opts.err.write(`${id}: running ${planned} item(s)\n`);
    },
    onRecord: (r, p) => {
      const t = now();
      state = addToProgress({ ...state, total: p.total }, r, p.done, t - started);
      if (opts.quiet) return;
      if (live) {
        if (t - lastDraw < 100 && p.done < p.total) return;
        lastDraw = t;
        opts.err.write(`\r\x1b[2K${renderProgress(state)}`);
        return;
      }
      const decile = Math.floor((p.done / p.total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        opts.err.write(`${renderProgress(state)}\n`);
      }
    },
    onNote: (text) => {
      if (opts.quiet) return;
      opts.err.write(`${live ? '\r\x1b[2K' : ''}${state.evalId}: ${text}\n`);
    },
    onRunEnd: (summary, run) => {
      // The last records may have been throttled: draw the final count before the summary.
      if (live && !opts.quiet && state.done > 0) opts.err.write(`\r\x1b[2K${renderProgress(state, true)}\n`);
      opts.out.write(renderSummary(summary, run.shownDir));
      for (const extra of run.extras) opts.out.write(extra.text);
    },
    onCommandEnd: (runs) => {
      if (runs.length > 1) opts.out.write(renderOverview(runs.map((r) => ({ summary: r.summary, runDir: r.shownDir }))));
    },
  };
}
