import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli.js';
import { browserTestsRun, openBrowser, pngSize, type Browser } from '../support/browser.js';
import { sampleCount, searchDone } from '../support/report-page.js';

// The HTML report of a bundled eval, in real headless Chromium: headline, model table, the failed
// samples, one sample's input and outputs; a screenshot of each main view checked for its size and
// for holding more than a blank page would. The 100,000-record case is in html-report-large.test.ts.

const env = browserTestsRun();
if (!env.run) console.warn(env.why);

interface Rec { sampleId: string; model: string; status: string; pass?: boolean; output: string }

describe.skipIf(!env.run)('HTML report of a bundled eval in Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'haikubench-html-'));
  const file = join(work, 'report.html');
  // HAIKUBENCH_SHOTS=DIR keeps the screenshots there, to look at them.
  const shots = process.env['HAIKUBENCH_SHOTS'] ?? join(work, 'shots');
  let browser: Browser;
  let page: Page;
  let records: Rec[];
  let summary: { verdict: string; models: { model: string; passRate: number }[] };
  let blank: number;

  beforeAll(async () => {
    const r = await runCli(['run', 'evals/support-routing.yaml', '--simulate', 'auto', '--out', join(work, 'run'), '--html', file, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    records = readFileSync(join(work, 'run/records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
    summary = JSON.parse(readFileSync(join(work, 'run/summary.json'), 'utf8')) as typeof summary;
    browser = await openBrowser(env.executablePath);
    page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (q) => { if (!q.url().startsWith('file://')) errors.push(`network request: ${q.url()}`); });
    await page.goto('about:blank');
    blank = (await page.screenshot()).length;
    await page.goto(`file://${file}`);
    await page.waitForSelector('#verdict');
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function shot(name: string): Promise<void> {
    const png = await page.screenshot();
    writeFileSync(join(shots, `${name}.png`), png);
    expect(pngSize(png)).toEqual({ width: 1280, height: 900 });
    expect(png.length).toBeGreaterThan(blank * 3);
  }

  it('shows the verdict, the gates and the models with their intervals', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(shots, { recursive: true });
    expect(await page.textContent('#verdict')).toBe('PASS');
    const rows = await page.$$eval('table.models tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent?.trim() ?? '')));
    expect(rows.map((r) => r[0])).toEqual(summary.models.map((m) => expect.stringContaining(m.model.replace(/^sim:/, ''))));
    for (const [i, m] of summary.models.entries()) {
      expect(rows[i]![5]).toBe(`${(m.passRate * 100).toFixed(1)}%`);
      expect(rows[i]![6]).toMatch(/^\[\d+\.\d%, \d+\.\d%\]$/);
    }
    expect(await page.textContent('table.gates')).toContain('pass rate 90.0% >= 75.0%');
    expect(await page.$('figure.chart svg circle')).not.toBeNull();
    await shot('overview');
  });

  it('filters to the failed samples and opens one: its input, expected answer and both outputs', async () => {
    await page.click('#tab-samples');
    await page.waitForSelector('.srow');
    await page.selectOption('#f-status', 'failed');
    const failed = new Set(records.filter((r) => r.pass === false).map((r) => r.sampleId));
    expect(await page.textContent('#sample-count')).toBe(`${failed.size} of 80 samples`);
    const shown = await page.$$eval('.srow .sid', (els) => els.map((e) => e.textContent));
    expect(shown.length).toBe(failed.size);
    for (const id of shown) expect(failed.has(id!)).toBe(true);
    await shot('samples-failed');
    await page.click('.srow');
    await page.waitForSelector('.answer');
    const id = shown[0]!;
    expect(await page.textContent('#sample-title')).toBe(`Sample ${id}`);
    const input = await page.textContent('.input');
    expect(input).toContain('You route customer support tickets for Lumora');
    const ticket = (readFileSync('datasets/support-tickets.jsonl', 'utf8').split('\n').map((l) => (l ? JSON.parse(l) as { ticket_id: string; ticket: string; queue: string } : undefined)).find((t) => t?.ticket_id === id))!;
    expect(input).toContain(ticket.ticket);
    expect(await page.textContent('pre.expected')).toBe(ticket.queue);
    const outputs = await page.$$eval('.answer pre.output', (els) => els.map((e) => e.textContent));
    expect(outputs).toEqual(records.filter((r) => r.sampleId === id).map((r) => r.output));
    await shot('sample');
    await page.keyboard.press('Escape');
    expect(await page.$('.answer')).toBeNull();
  });

  it('searches outputs and inputs, and moves through the list by keyboard', async () => {
    await page.selectOption('#f-status', '');
    await page.fill('#f-search', 'two-factor');
    await searchDone(page);
    // The system prompt names two-factor codes: every sample's input matches.
    expect(await page.textContent('#sample-count')).toBe('80 of 80 samples');
    await page.fill('#f-search', 'T-1003');
    await sampleCount(page, '1 of 80 samples');
    await page.fill('#f-search', '');
    await sampleCount(page, '80 of 80 samples');
    await page.focus('.vlist');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.answer');
    expect(await page.textContent('#sample-title')).toBe(`Sample ${records[2]!.sampleId}`);
    await page.keyboard.press('Escape');
  });

  it('shows segments and confusion matrices, printable, and in dark mode', async () => {
    await page.click('#tab-more');
    expect(await page.textContent('#panel-more')).toContain('by difficulty');
    expect(await page.$$('table.matrix')).toHaveLength(2);
    await shot('segments');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#panel-overview table.models')).toBe(true);
    expect(await page.isVisible('.tabs')).toBe(false);
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const bg = await page.$eval('body', (b) => b.ownerDocument.defaultView!.getComputedStyle(b).backgroundColor);
    expect(bg).toBe('rgb(17, 20, 24)');
    await page.click('#tab-overview');
    await shot('overview-dark');
  });
});
