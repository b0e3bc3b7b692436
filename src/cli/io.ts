import type { CliIO } from './run.js';

let controller: AbortController | undefined;

/** Real process I/O. The first Ctrl-C stops new calls; the second quits at once. */
export function cliIO(): CliIO {
  if (controller === undefined) {
    const c = new AbortController();
    controller = c;
    process.on('SIGINT', () => {
      if (c.signal.aborted) process.exit(130);
      process.stderr.write('\nStopping: no new calls; waiting briefly for calls in flight, then writing records and a partial summary. Ctrl-C again to quit now.\n');
      c.abort(new Error('interrupted'));
    });
  }
  return { out: process.stdout, err: process.stderr, env: process.env, cwd: process.cwd(), stopSignal: controller.signal };
}
