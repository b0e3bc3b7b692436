import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { startViewServer } from '../report/view/server.js';
import type { Output } from '../report/terminal.js';
import { harnessVersion } from './version.js';

export interface ViewArgs {
  readonly reportsDir: string;
  readonly port: number;
}

/** `haikubench view [reportsDir]`: serve the run history on 127.0.0.1 until SIGINT or SIGTERM. */
export async function viewFromCli(args: ViewArgs, io: { out: Output; cwd: string; stop: AbortSignal }): Promise<number> {
  const root = resolve(io.cwd, args.reportsDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new InputError('cli.flags', 'Cannot start the viewer:', [`${args.reportsDir}: no such folder; give the folder your runs are in (default reports, the folder run writes to)`]);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new InputError('cli.flags', 'Invalid command-line flags:', [`--port: a port number 0-65535 (0: any free port), got ${args.port}`]);
  const server = await startViewServer({ root, port: args.port, version: harnessVersion() }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new InputError('cli.flags', 'Cannot start the viewer:', [`--port ${args.port}: already in use; choose another, or leave --port out for a free one`]);
    throw err;
  });
  io.out.write(`haikubench view: ${server.url} (runs under ${root}); Ctrl-C to stop\n`);
  await new Promise<void>((done) => { if (io.stop.aborted) done(); else io.stop.addEventListener('abort', () => done(), { once: true }); });
  await server.close();
  io.out.write('haikubench view: stopped\n');
  return 0;
}
