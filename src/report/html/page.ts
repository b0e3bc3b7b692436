import { gzipSync } from 'node:zlib';
import type { RunData } from './data.js';
import { pageAssets } from './assets.js';

// One self-contained HTML file: the style, `meta` as plain JSON (parsed at once: the summaries are
// small), then every chunk (a run's list rows, its detail blocks, its input blocks) as gzip in base64,
// decompressed in the page with DecompressionStream only when a view needs it; then the libraries and
// the page's script. `mode` tells the page whether it shows a report or the viewer (`haikubench view`).

export interface PageOptions {
  readonly title: string;
  readonly mode: 'report' | 'viewer';
  /** When the page was made and by which version (shown in the footer). */
  readonly generatedAt: string;
  readonly version: string;
}

/** Text safe inside a <script> element. */
const scriptSafe = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

const chunk = (id: string, value: unknown) =>
  `<script type="application/gzip-base64" id="${id}">${gzipSync(JSON.stringify(value), { level: 6 }).toString('base64')}</script>`;

/** The page's meta for a run: everything but the chunks, which it names. */
function runMeta(run: RunData, i: number) {
  return {
    dir: run.dir, summary: run.summary, baselineDir: run.baselineDir, route: run.route, records: run.rows.rows.length,
    rows: `r${i}`, details: run.details.map((_, b) => `r${i}d${b}`), inputs: run.inputs.map((_, b) => `r${i}i${b}`),
  };
}

/** The HTML of a report of `runs` (or the viewer's shell, with no runs: it fetches them). */
export function renderPage(runs: readonly RunData[], o: PageOptions): string {
  const { css, scripts } = pageAssets();
  const meta = { mode: o.mode, generatedAt: o.generatedAt, version: o.version, runs: runs.map(runMeta) };
  const chunks = runs.flatMap((run, i) => [
    chunk(`r${i}`, run.rows),
    ...run.details.map((d, b) => chunk(`r${i}d${b}`, d)),
    ...run.inputs.map((d, b) => chunk(`r${i}i${b}`, d)),
  ]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src ${o.mode === 'viewer' ? "'self'" : "'none'"}">
<title>${escapeHtml(o.title)}</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="app"><p class="loading">Loading the report… (it needs JavaScript)</p></div>
<script type="application/json" id="hb-meta">${scriptSafe(JSON.stringify(meta))}</script>
${chunks.join('\n')}
${scripts.map((s) => `<script>${scriptSafe(s)}</script>`).join('\n')}
</body>
</html>
`;
}
