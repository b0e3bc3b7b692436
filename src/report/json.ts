import type { Output } from './terminal.js';
import type { Reporter } from './reporter.js';

// --json: the summaries on stdout when the command ends, nothing else there. One eval's summary alone
// (null when it was stopped before it ran), an array for several.

export function jsonReporter(opts: { readonly out: Output; readonly evals: number }): Reporter {
  return {
    onCommandEnd: (runs) => {
      const summaries = runs.map((r) => r.summary);
      opts.out.write(`${JSON.stringify(opts.evals === 1 ? summaries[0] ?? null : summaries, null, 2)}\n`);
    },
  };
}
