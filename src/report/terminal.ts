import type { RunRecord } from '../types.js';
import type { Progress } from '../runner/run.js';
import type { RunSummary } from '../stats/run-summary.js';
import { renderSummary } from './render/summary.js';
import { addToProgress, renderProgress, type ProgressState } from './render/progress.js';

export interface Output {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export interface TerminalReporter {
  onRunStart(evalId: string, planned: number): void;
  onRecord(record: RunRecord, progress: Progress): void;
  onNote(text: string): void;
  onRunEnd(summary: RunSummary, runDir: string): void;
}

/**
 * Progress on stderr: on a terminal, one line redrawn in place (at most ~10 times a second); in CI or
 * a pipe, a plain line per 10%. The summary goes to stdout.
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
    onRunEnd: (summary, runDir) => {
      // The last records may have been throttled: draw the final count before the summary.
      if (live && !opts.quiet && state.done > 0) opts.err.write(`\r\x1b[2K${renderProgress(state, true)}\n`);
      opts.out.write(renderSummary(summary, runDir));
    },
  };
}
