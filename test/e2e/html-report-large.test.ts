import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli, tempDir } from '../support/cli.js';
import { browserTestsRun, openBrowser, type Browser } from '../support/browser.js';
import { makeLargeRun } from '../support/large-run.js';
import { sampleListReady } from '../support/report-page.js';

// The report of a 100,000-record run in real Chromium: the list comes up, scrolls to its end, a
// sample deep in it opens with its own input, and the failed filter counts what records.jsonl says.
// How fast is measured by bench/html-report.ts, not asserted here.

const env = browserTestsRun();
if (!env.run) console.warn(env.why);
const RECORDS = 100_000;

describe.skipIf(!env.run)('HTML report of 100,000 records in Chromium', { timeout: 600_000 }, () => {
  const work = tempDir('haikubench-html-large-');
  const file = join(work, 'report.html');
  let browser: Browser;
  let page: Page;
  let failedSamples: number;

  beforeAll(async () => {
    const run = await makeLargeRun(work, RECORDS);
    const failed = new Set<string>();
    for (const line of readFileSync(join(run.dir, 'records.jsonl'), 'utf8').split('\n')) {
      if (line === '') continue;
      const r = JSON.parse(line) as { sampleId: string; pass?: boolean };
      if (r.pass === false) failed.add(r.sampleId);
    }
    failedSamples = failed.size;
    const r = await runCli(['report', run.dir, '--html', file], { timeoutMs: 600_000 });
    expect(r.code, r.stderr).toBe(0);
    browser = await openBrowser(env.executablePath);
    page = await browser.context.newPage();
    await page.goto(`file://${file}#samples`, { timeout: 300_000 });
    await sampleListReady(page);
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('scrolls the whole list and opens a sample at its end', async () => {
    expect(await page.textContent('#sample-count')).toBe('50,000 of 50,000 samples');
    // Virtualised: a few dozen rows in the page, not 50,000.
    expect(await page.$$eval('.srow', (r) => r.length)).toBeLessThan(100);
    await page.focus('.vlist');
    await page.keyboard.press('End');
    await page.waitForSelector('#s-49999');
    expect(await page.textContent('#s-49999 .sid')).toBe('L-049999');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.answer');
    expect(await page.textContent('#sample-title')).toBe('Sample L-049989');
    expect(await page.textContent('.input')).toContain('(ref 49989)');
    expect(await page.$$('.answer')).toHaveLength(2);
    await page.keyboard.press('Escape');
  });

  it('filters the failed samples of 100,000 records', async () => {
    await page.selectOption('#f-status', 'failed');
    expect(await page.textContent('#sample-count')).toBe(`${failedSamples.toLocaleString('en-US')} of 50,000 samples`);
    await page.click('.srow');
    await page.waitForSelector('.answer .badge.bad');
  });
});
