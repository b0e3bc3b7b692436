import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli.js';
import { browserTestsRun, openBrowser, type Browser } from '../support/browser.js';

// A vision eval's run keeps each image by type, size and hash (inputs.jsonl holds no image bytes), and
// its HTML report shows that reference and the dataset's own path to the file.

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
    page.on('request', (q) => { if (!q.url().startsWith('file://')) errors.push(`network request: ${q.url()}`); });
    await page.goto(`file://${file}`);
    await page.waitForSelector('#verdict');
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps no image bytes in inputs.jsonl', () => {
    const png = readFileSync('datasets/charts/chart-01.png').toString('base64');
    const inputs = readFileSync(join(work, 'run/inputs.jsonl'), 'utf8');
    expect(inputs).not.toContain(png.slice(0, 200));
    expect(inputs).toContain('"mediaType":"image/png"');
  });

  it('shows a sample\'s image by type, size and hash, and the dataset\'s path to it', async () => {
    await page.click('#tab-samples');
    await page.waitForSelector('.srow');
    await page.click('.srow');
    await page.waitForSelector('.input .media');
    const id = (await page.textContent('#sample-title'))!.replace(/^Sample /, '');
    const row = readFileSync('datasets/vision-charts.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; image: string }).find((r) => r.id === id)!;
    const bytes = readFileSync(join('datasets', row.image)).length;
    expect(await page.textContent('.input p.media')).toBe(`[image: image/png, ${bytes.toLocaleString('en-US')} bytes, sha256 ${(await sha(join('datasets', row.image))).slice(0, 12)}]`);
    expect(await page.textContent('.input .msg.media pre')).toBe(row.image);
    expect(errors).toEqual([]);
  });
});

async function sha(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
