import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { isBundleOutput, mtimeOf, newestModule, notAnInput } from '../util/build-freshness.js';
import { writeNpmignore } from './write-npmignore.js';

// A build step (`npm run build` runs `node dist/cli/build-bundle.js` after tsc): bundles the compiled
// CLI (dist/cli/entry.js and what it imports, ours and our dependencies') into dist/cli/main.js, the
// `haikubench` bin, with esbuild. Node loads an ES module graph file by file (resolve, stat, read,
// compile, link); the ~360 modules of ours and ~280 of the SDK's and others' that a run loads took
// ~150 ms of every start, which a run bound by the API's latency pays on top of the calls. Code
// loaded only by some commands (`await import`) goes to chunks beside main.js (chunk-<hash>.js), so
// `--version` or `list` load no more than they did. dist/cli/entry.js stays runnable unbundled.
//
// What a bundle changes, and how each is kept as it was:
// - `import.meta.url` would be main.js's (or a chunk's) for every module. Each of our modules that
//   uses it gets its own file's URL back (computed from the bundle's: outputs all sit in dist/cli), so
//   the files it finds beside it (spec-validator.cjs, the HTML report's assets, the plug-in worker,
//   package.json) are found as before.
// - A dependency that finds files beside its own (import.meta, __dirname, __filename) stays external,
//   loaded from node_modules as before; the build fails if a bundled one starts to, naming it.
// - CommonJS dependencies call `require`: each output defines it with createRequire.
// - cli/heap.js must run before any dependency is loaded (it sets V8's heap flags): it stays a module
//   of its own, the entry's first import; only small chunks of ours (constants, error classes, the
//   bundle's helpers) are evaluated before it (test/unit/cli/bundle.test.ts checks both).
// Outputs whose bytes did not change are not rewritten, and chunks no longer produced are removed.
// Nothing is done (a build with no change) when main.js is newer than every other compiled module and
// the installed dependencies (npm's lock files), and every chunk it needs is there.

const here = dirname(fileURLToPath(import.meta.url));
const dist = dirname(here);
const root = dirname(dist);
const ENTRY = join(here, 'entry.js');
const MAIN = join(here, 'main.js');

/**
 * Dependencies loaded from node_modules, not bundled: those that find files beside their own modules
 * (yargs's locales, undici, tinyglobby's fdir), and re2js, one module of 266 kB that costs nothing to
 * load on its own and would only make the package larger.
 */
const EXTERNAL = ['yargs', 'yargs/*', 'undici', 'tinyglobby', 're2js'];
/** Our modules loaded as they are, not bundled. */
const OWN_EXTERNAL = new Set([join(here, 'heap.js')]);
const LOCATION_USE = /\bimport\.meta\b|\b__dirname\b|\b__filename\b/;

/** Gives each module of ours its own URL for `import.meta.url`; refuses other `import.meta` uses. */
const ownUrls: Plugin = {
  name: 'own-urls',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = join(args.resolveDir, args.path);
      return OWN_EXTERNAL.has(path) ? { path: `./${relative(here, path)}`, external: true } : undefined;
    });
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const rest = text.replaceAll('import.meta.url', '');
      if (/\bimport\.meta\b/.test(rest)) throw new Error(`${args.path}: import.meta other than import.meta.url cannot be bundled; use import.meta.url`);
      const own = `new URL(${JSON.stringify(relative(here, args.path))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

/** Every chunk main.js needs, directly or through another chunk, is there. */
function chunksPresent(): boolean {
  const seen = new Set<string>();
  const todo = ['main.js'];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    let text: string;
    try { text = readFileSync(join(here, name), 'utf8'); } catch { return false; }
    for (const m of text.matchAll(/["']\.\/(chunk-[A-Z0-9]+\.js)["']/g)) todo.push(m[1]!);
  }
  return true;
}

const newestInput = (): number => Math.max(
  newestModule(dist, notAnInput(dist)),
  mtimeOf(join(root, 'package-lock.json')),
  mtimeOf(join(root, 'node_modules', '.package-lock.json')),
);

const stale = !(mtimeOf(MAIN) > newestInput() && chunksPresent());
if (stale) await bundle();
// The type files the package leaves out change only with the modules: listed again when they changed.
if (stale || !existsSync(join(dirname(here), '.npmignore'))) writeNpmignore(dirname(here));

async function bundle(): Promise<void> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: here,
    entryNames: 'main',
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    plugins: [ownUrls],
    banner: { js: "import { createRequire as __haikubenchRequire } from 'node:module'; const require = __haikubenchRequire(import.meta.url);" },
    // Spaces and syntax shortened, names kept (an internal error's stack still names its functions):
    // 1.8 MB instead of 3.1 MB, so the installed package stays small.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });

  const located = Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/') && LOCATION_USE.test(readFileSync(f, 'utf8')));
  if (located.length > 0) {
    throw new Error(`These bundled dependency modules find files beside themselves, which a bundle breaks; add their packages to EXTERNAL in src/cli/build-bundle.ts:\n  ${located.join('\n  ')}`);
  }

  const read = (p: string): string | undefined => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };
  const written = new Set<string>();
  for (const file of result.outputFiles) {
    written.add(file.path);
    if (read(file.path) !== file.text) writeFileSync(file.path, file.text);
  }
  for (const name of readdirSync(here)) if (isBundleOutput(name) && !written.has(join(here, name))) rmSync(join(here, name));
  // The same bytes from newer modules: main.js is marked current for the next build's quick check.
  const now = new Date();
  utimesSync(MAIN, now, now);
}
