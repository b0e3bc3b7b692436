import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli.js';
import { browserTestsRun, openBrowser, type Browser } from '../support/browser.js';

// A vision eval's HTML report in Chromium: the chart sent with the prompt is shown in the sample's
// input, from the report itself (a data: image; the page fetches nothing).

const env = browserTestsRun();
if (!env.run) console.warn(env.why);

describe.skipIf(!env.run)('HTML report of an eval with images', () => {
  const work = mkdtempSync(join(tmpdir(), 'haikubench-html-media-'));
  const file = join(work, 'report.html');
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const r = await runCli(['run', 'evals/vision-charts.yaml', '--simulate', 'auto', '--out', join(work, 'run'), '--html', file, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    browser = await openBrowser(env.executablePath);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (q) => { if (!q.url().startsWith('file://') && !q.url().startsWith('data:')) errors.push(`network request: ${q.url()}`); });
    await page.goto(`file://${file}`);
    await page.waitForSelector('#verdict');
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the image of a sample\'s input, decoded', async () => {
    await page.click('#tab-samples');
    await page.waitForSelector('.srow');
    await page.click('.srow');
    await page.waitForSelector('.input img.media');
    // decode() resolves once the image is decoded, and rejects for a broken one.
    const sizes = await page.$$eval('.input img.media', (imgs) => Promise.all(imgs.map(async (i) => {
      const img = i as HTMLImageElement;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    })));
    expect(sizes.length).toBeGreaterThan(0);
    for (const [w, h] of sizes) { expect(w).toBeGreaterThan(0); expect(h).toBeGreaterThan(0); }
    expect(errors).toEqual([]);
  });
});
