// The HTML report at scale: a run of N records (default 100,000: the bundled support-routing eval over
// N/2 generated tickets, both models simulated, by the built CLI), its report written by
// `haikubench report --html`, then opened in headless Chromium: the file's size, the time to write it,
// the time until the sample list is usable (measured in the page: performance.now() when the list
// first rendered, from navigation start), the time to open the last sample, and the first search
// (which reads every block of outputs and inputs).
//
//   npm run build && npx tsx bench/html-report.ts [records] [--keep DIR]
//
// Needs Debian's chromium (command -v chromium).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cleanEnv } from '../test/support/cli.js';
import { chromiumPath, openBrowser } from '../test/support/browser.js';
import { makeLargeRun } from '../test/support/large-run.js';
import { sampleListReady, searchDone } from '../test/support/report-page.js';

const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? args[keepAt + 1] : undefined;
const records = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--keep') ?? 100_000);
const chromium = chromiumPath();
if (chromium === undefined) {
  console.error('chromium is not installed (apt-get install -y chromium)');
  process.exit(2);
}
const work = keep ?? mkdtempSync(join(tmpdir(), 'haikubench-html-bench-'));
mkdirSync(work, { recursive: true });
try {
  const run = await makeLargeRun(work, records);
  const file = join(work, 'report.html');
  let t = Date.now();
  execFileSync(process.execPath, ['--heap-growing-percent=100', CLI, 'report', run.dir, '--html', file], { env: cleanEnv(), stdio: 'ignore' });
  const writeMs = Date.now() - t;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const browser = await openBrowser(chromium);
  try {
    const page = await browser.context.newPage();
    await page.goto(`file://${file}#samples`, { timeout: 300_000 });
    const readyMs = await sampleListReady(page);
    const count = await page.textContent('#sample-count');
    await page.focus('.vlist');
    await page.keyboard.press('End');
    t = Date.now();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.answer');
    const openMs = Date.now() - t;
    await page.keyboard.press('Escape');
    t = Date.now();
    await page.fill('#f-search', 'halvorsen');
    await searchDone(page);
    const searchMs = Date.now() - t;
    const found = await page.textContent('#sample-count');
    console.log(`node ${process.version}, ${chromium}, ${new Date().toISOString().slice(0, 10)}`);
    console.log(`records:              ${run.records.toLocaleString('en-US')} (run by the CLI in ${(run.runMs / 1000).toFixed(1)} s)`);
    console.log(`run directory:        records.jsonl ${mb(statSync(join(run.dir, 'records.jsonl')).size)}, inputs.jsonl ${mb(statSync(join(run.dir, 'inputs.jsonl')).size)}`);
    console.log(`report file:          ${mb(statSync(file).size)}, written in ${(writeMs / 1000).toFixed(1)} s`);
    console.log(`sample list usable:   ${Math.round(readyMs)} ms after navigation start (${count})`);
    console.log(`open the last sample: ${openMs} ms`);
    console.log(`first search:         ${searchMs} ms (${found})`);
  } finally {
    await browser.close();
  }
} finally {
  if (keep === undefined) rmSync(work, { recursive: true, force: true });
}
