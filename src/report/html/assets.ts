import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What the page is made of, read when a report is written: the browser builds of the front-end
// libraries from node_modules (resolved like any import, so the versions are package-lock's), and the
// page's own script and style from ./assets (copied next to the compiled module by `npm run build`).
// Nothing is fetched when the page is viewed.

const require = createRequire(import.meta.url);
const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');

/** The page's own files, in the order they load (each defines globals the next ones use). */
export const PAGE_SCRIPTS = ['util.js', 'data.js', 'charts.js', 'overview.js', 'explorer.js', 'sample.js', 'sections.js', 'viewer.js', 'app.js'] as const;

const read = (file: string) => readFileSync(file, 'utf8');
const pkgFile = (spec: string) => require.resolve(spec);

/** @tanstack/virtual-core ships ES modules and CommonJS only: its CommonJS files, wrapped in a small require of their own. */
function virtualCore(): string {
  const dir = dirname(pkgFile('@tanstack/virtual-core'));
  const mods = ['utils', 'lazy-measurements', 'scroll-classifier', 'ios-gesture', 'index'];
  const defs = mods.map((m) => `${JSON.stringify(`./${m}.cjs`)}: function (module, exports, require) {\n${read(join(dir, `${m}.cjs`))}\n}`);
  // Its CommonJS build reads process.env.NODE_ENV (development checks): production, in the page.
  return `var TanstackVirtual = (function () {
var process = { env: { NODE_ENV: 'production' } };
var defs = {${defs.join(',\n')}}; var cache = {};
function req(name) { if (cache[name]) return cache[name].exports; var m = { exports: {} }; cache[name] = m; defs[name](m, m.exports, req); return m.exports; }
return req('./index.cjs'); })();`;
}

export interface PageAssets {
  readonly css: string;
  readonly scripts: readonly string[];
}

let cached: PageAssets | undefined;

/** The libraries and the page's script and style, read once per process. */
export function pageAssets(): PageAssets {
  if (cached !== undefined) return cached;
  const uplotDir = dirname(pkgFile('uplot'));
  const vendor = [
    read(join(dirname(pkgFile('preact')), 'preact.min.umd.js')),
    read(join(dirname(pkgFile('preact/hooks')), 'hooks.umd.js')),
    read(join(dirname(pkgFile('htm')), 'htm.umd.js')),
    virtualCore(),
    read(join(uplotDir, 'uPlot.iife.min.js')),
  ];
  cached = {
    css: read(join(uplotDir, 'uPlot.min.css')) + read(join(ASSETS, 'style.css')),
    scripts: [...vendor, ...PAGE_SCRIPTS.map((f) => read(join(ASSETS, f)))].map((js) => js.replace(/\/\/# sourceMappingURL=\S*/g, '')),
  };
  return cached;
}
