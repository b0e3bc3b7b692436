import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

// For the build's own steps after tsc (cli/build-bundle.ts, spec/write-spec-validator.ts), which do
// nothing when what they write is newer than everything it is made from.

/** A file's modification time in ms, or -1 when it does not exist. */
export const mtimeOf = (p: string): number => { try { return statSync(p).mtimeMs; } catch { return -1; } };

/** The bundle's own outputs in dist/cli (made from the other modules, so never an input of a step). */
export const isBundleOutput = (name: string): boolean => name === 'main.js' || /^chunk-[A-Z0-9]+\.js$/.test(name);

/** The newest modification time of the compiled modules under `dir`, less the folders and files `skip` names. */
export function newestModule(dir: string, skip: (path: string, name: string) => boolean): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip(p, e.name)) continue;
    if (e.isDirectory()) newest = Math.max(newest, newestModule(p, skip));
    else if (e.name.endsWith('.js')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * What under `dist` is not an input of a build step: the HTML report's browser assets (copied at
 * every build) and the CLI's bundle (made from the other modules). The `skip` for newestModule.
 */
export function notAnInput(dist: string): (path: string, name: string) => boolean {
  const assets = join(dist, 'report', 'html', 'assets');
  const cli = join(dist, 'cli');
  return (path, name) => path === assets || (dirname(path) === cli && isBundleOutput(name));
}
