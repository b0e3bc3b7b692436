import type { CliIO } from './run.js';
import { RECORDS_FILE } from '../run-log/index.js';

let controller: AbortController | undefined;

/**
 * Real process I/O. `graceful` (a command that calls models and writes a run): the first Ctrl-C or
 * SIGTERM stops new calls; the second quits at once (exit 3). Otherwise (validate, run --dry-run:
 * nothing is called or written) no handler is installed, so a signal ends the process at once with
 * the default behaviour, even while a long synchronous step (a forecast over millions of planned
 * items) holds the event loop, where a handler could not run.
 */
export function cliIO(opts: { readonly graceful: boolean } = { graceful: true }): CliIO {
  if (!opts.graceful) return { out: process.stdout, err: process.stderr, env: process.env, cwd: process.cwd(), stopSignal: new AbortController().signal };
  if (controller === undefined) {
    const c = new AbortController();
    controller = c;
    // Ctrl-C, or a CI job being cancelled (SIGTERM): stop cleanly and write what was done.
    const stop = (signal: string) => {
      if (c.signal.aborted) {
        process.stderr.write(`\n${signal} again: quitting now; records written so far are kept in ${RECORDS_FILE}, no summary.\n`);
        process.exit(3);
      }
      process.stderr.write(`\n${signal}: stopping. No new calls; calls in flight get the grace period, then records and a partial summary are written. ${signal} again to quit now.\n`);
      c.abort(new Error(`interrupted (${signal})`));
    };
    process.on('SIGINT', () => stop('Ctrl-C'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  }
  return { out: process.stdout, err: process.stderr, env: process.env, cwd: process.cwd(), stopSignal: controller.signal };
}
