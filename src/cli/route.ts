import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Output } from '../report/terminal.js';
import { renderRouteMarkdown, routeRuns, routeText, writeRoute, type RouteArgs } from '../route/index.js';
import { expandGlobs } from '../util/globs.js';
import { makeDirSync } from '../util/make-dir.js';

// `haikubench route <runDir..>`: the analysis of src/route/report/route-runs.ts, its files written, and the
// report printed (or the route.json as --json).

export type { RouteArgs } from '../route/index.js';

/** Exit code 0 on success; bad input is an InputError (exit 2). */
export async function routeFromCli(args: RouteArgs, io: { out: Output; cwd: string; width?: number }): Promise<number> {
  const outcome = await routeRuns({ ...args, runDir: expandGlobs(args.runDir, { cwd: io.cwd, directories: true, what: 'run directories' }) }, io.cwd);
  const written = writeRoute(outcome);
  if (args.markdown !== undefined) {
    const file = resolve(io.cwd, args.markdown);
    makeDirSync(dirname(file));
    writeFileSync(file, renderRouteMarkdown(outcome.report));
    written.push(file);
  }
  if (args.json) {
    io.out.write(outcome.files['route.json'] as string);
    return 0;
  }
  io.out.write(routeText(outcome, written, { width: io.width ?? 100 }));
  return 0;
}
