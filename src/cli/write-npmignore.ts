import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

// A build step (run by the bundle step, src/cli/build-bundle.ts, whenever tsc wrote something): writes
// dist/.npmignore naming the declaration files no type of the library reaches. The package's
// `exports` give only "." (dist/index.js and its types), so a type file that dist/index.d.ts does not
// import, directly or through others, can serve no user; it costs a file and a disk block in every
// install (about 230 of them, ~0.9 MiB). npm applies a .npmignore in a folder that `files` includes.
// The CLI's folder is left out of the package whole (package.json `files`), so it is not listed.

const IMPORT = /(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The declaration files dist/index.d.ts reaches through its imports, as paths relative to `dist`. */
export function reachableTypes(dist: string, entry = 'index.d.ts'): Set<string> {
  const seen = new Set<string>();
  const stack = [normalize(entry)];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file) || !existsSync(join(dist, file))) continue;
    seen.add(file);
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(IMPORT)) {
      stack.push(normalize(join(dirname(file), (m[1] as string).replace(/\.js$/, '.d.ts'))));
    }
  }
  return seen;
}

/** Every declaration file under `dist` outside its cli folder, relative to `dist`. */
function allTypes(dist: string, dir = dist): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return relative(dist, path) === 'cli' ? [] : allTypes(dist, path);
    return e.name.endsWith('.d.ts') ? [relative(dist, path)] : [];
  });
}

/** The .npmignore text: one line per unreachable declaration file, sorted, with forward slashes. */
export function npmignoreOf(dist: string): string {
  const reached = reachableTypes(dist);
  const unused = allTypes(dist).filter((f) => !reached.has(f)).map((f) => f.split(sep).join('/')).sort();
  return `# Written by the build (src/cli/write-npmignore.ts): declaration files no library type reaches.\n${unused.map((f) => `/${f}`).join('\n')}\n`;
}

/** Writes dist/.npmignore when its text changed. */
export function writeNpmignore(dist: string): void {
  const out = join(dist, '.npmignore');
  const text = npmignoreOf(dist);
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileSync(out, text);
}
