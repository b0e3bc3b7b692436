import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLI, cleanEnv, ROOT, runCli, tempDir } from '../support/cli.js';
import { browserTestsRun, openBrowser, pngSize, type Browser } from '../support/browser.js';

// `haikubench view` over a reports folder of four runs (support-routing with three seeds, one
// math-word-problems), in real headless Chromium: the runs per eval, the trend, a run's report, two
// runs compared (their flipped samples), flaky samples; SIGTERM stops it.

const env = browserTestsRun();
if (!env.run) console.warn(env.why);

describe.skipIf(!env.run)('haikubench view in Chromium', () => {
  const work = tempDir('haikubench-view-');
  const reports = join(work, 'reports');
  const shots = process.env['HAIKUBENCH_SHOTS'] ?? join(work, 'shots');
  let server: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;
  let blank: number;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    for (const seed of [1, 2, 3]) {
      const r = await runCli(['run', 'evals/support-routing.yaml', '--simulate', 'auto', '--seed', String(seed), '--out', join(reports, `sr-${seed}`), '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
    const m = await runCli(['run', 'evals/math-word-problems.yaml', '--simulate', 'auto', '--out', join(reports, 'math'), '--quiet']);
    expect(m.code, m.stderr).toBe(0);
    writeFileSync(join(reports, 'notes.txt'), 'not a run\n');
    server = spawn(process.execPath, [CLI, 'view', reports], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise((ok, fail) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => { out += String(d); const got = /http:\/\/127\.0\.0\.1:\d+\//.exec(out); if (got) ok(got[0]); });
      server.on('exit', (code) => fail(new Error(`view exited with ${code}: ${out}`)));
    });
    browser = await openBrowser(env.executablePath);
    page = await browser.context.newPage();
    await page.goto('about:blank');
    blank = (await page.screenshot()).length;
  });
  afterAll(async () => {
    await browser?.close();
    if (server?.exitCode === null) server.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  async function shot(name: string): Promise<void> {
    const png = await page.screenshot();
    writeFileSync(join(shots, `view-${name}.png`), png);
    expect(pngSize(png)).toEqual({ width: 1280, height: 900 });
    expect(png.length).toBeGreaterThan(blank * 3);
  }

  it('lists the runs per eval with the trend of the pass rate per model', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(url);
    await page.waitForSelector('#eval-support-routing table.runs');
    expect(await page.$$eval('#eval-support-routing table.runs tbody tr', (t) => t.length)).toBe(3);
    expect(await page.$$eval('#eval-math-word-problems table.runs tbody tr', (t) => t.length)).toBe(1);
    expect(await page.$('#eval-support-routing .trend canvas')).not.toBeNull();
    const legend = await page.textContent('#eval-support-routing .legend');
    expect(legend).toMatch(/sim:claude-haiku-5-5: \d+\.\d% → \d+\.\d% → \d+\.\d%/);
    await page.waitForSelector('#eval-support-routing table.flaky');
    expect(await page.textContent('#eval-support-routing table.flaky caption')).toMatch(/^\d+ samples whose verdict changed between runs at the same input \(3 runs read\)$/);
    expect(await page.textContent('#eval-math-word-problems #flaky-none')).toContain('1 runs read');
    await shot('runs');
  });

  it('opens a run in the report view, and compares two runs with their flipped samples', async () => {
    await page.click('#eval-support-routing table.runs tbody tr:nth-child(3) a');
    await page.waitForSelector('#verdict');
    expect(await page.textContent('h1')).toBe('support-routing');
    await page.goBack();
    await page.waitForSelector('#eval-support-routing table.runs');
    await page.check('#eval-support-routing table.runs tbody tr:nth-child(1) input');
    await page.check('#eval-support-routing table.runs tbody tr:nth-child(2) input');
    await page.click('#compare-link');
    await page.waitForSelector('#verdict');
    await page.click('#tab-samples');
    await page.waitForSelector('.srow');
    await page.selectOption('#f-status', 'flipped');
    const count = await page.textContent('#sample-count');
    expect(count).toMatch(/^[1-9]\d* of 80 samples$/);
    await page.click('.srow');
    await page.waitForSelector('.answer');
    expect(await page.textContent('.sample')).toContain('Baseline\'s answer');
    await shot('compare-sample');
  });

  it('stops on SIGTERM', async () => {
    const exited = new Promise<number | null>((ok) => server.on('exit', (code) => ok(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
