import type { RunRecord } from '../types.js';
import type { Progress } from '../runner/run.js';
import type { RunSummary } from '../stats/run-summary.js';
import { renderSummary } from './render/summary.js';

export interface Output {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export interface TerminalReporter {
  onRunStart(evalId: string, planned: number): void;
  onRecord(record: RunRecord, progress: Progress): void;
  onRunEnd(summary: RunSummary, runDir: string): void;
}

/** Progress on stderr (a live line on a TTY, a line per 10% otherwise); the summary on stdout. */
export function terminalReporter(opts: { out: Output; err: Output; quiet?: boolean; live?: boolean }): TerminalReporter {
  let evalId = '';
  let lastDecile = -1;
  const live = opts.live ?? opts.err.isTTY === true;
  return {
    onRunStart: (id, planned) => {
      evalId = id;
      lastDecile = -1;
      if (!opts.quiet) opts.err.write(`${id}: running ${planned} item(s)\n`);
    },
    onRecord: (_r, p) => {
      if (opts.quiet) return;
      const line = `${evalId}: ${p.done}/${p.total} done, ${p.errors} error(s)`;
      if (live) {
        opts.err.write(`\r${line}${p.done === p.total ? '\n' : ''}`);
        return;
      }
      const decile = Math.floor((p.done / p.total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        opts.err.write(`${line}\n`);
      }
    },
    onRunEnd: (summary, runDir) => {
      if (live && !opts.quiet) opts.err.write('\n');
      opts.out.write(renderSummary(summary, runDir));
    },
  };
}
