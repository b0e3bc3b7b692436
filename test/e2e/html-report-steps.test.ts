import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli.js';
import { browserTestsRun, openBrowser, type Browser } from '../support/browser.js';

// The sample view of an agent loop and of a two-turn conversation, in Chromium: each tool call with
// its arguments and result, each user turn with its answer, as the records hold them.

const env = browserTestsRun();
if (!env.run) console.warn(env.why);

interface Rec { sampleId: string; steps?: { text: string; calls: { name: string; input: unknown; result?: unknown }[] }[]; turns?: { user: string; output: string }[] }

describe.skipIf(!env.run)('HTML report: tool steps and conversation turns', () => {
  const work = mkdtempSync(join(tmpdir(), 'haikubench-html-steps-'));
  let browser: Browser;
  let page: Page;

  async function open(example: string): Promise<Rec> {
    const file = join(work, `${example}.html`);
    const r = await runCli(['run', `evals/examples/${example}.yaml`, '--simulate', 'auto', '--out', join(work, example), '--html', file, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const first = JSON.parse(readFileSync(join(work, example, 'records.jsonl'), 'utf8').split('\n')[0]!) as Rec;
    await page.goto(`file://${file}`);
    await page.click('#tab-samples');
    await page.waitForSelector('.srow');
    await page.click('.srow');
    await page.waitForSelector('.answer');
    expect(await page.textContent('#sample-title')).toBe(`Sample ${first.sampleId}`);
    return first;
  }

  beforeAll(async () => {
    browser = await openBrowser(env.executablePath);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists each tool call of an agent loop with its arguments and result', async () => {
    const rec = await open('agent-loop');
    const calls = rec.steps!.flatMap((s) => s.calls);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(await page.$$eval('ol.steps > li', (li) => li.length)).toBe(rec.steps!.length);
    const shown = await page.$$eval('ol.steps .call', (els) => els.map((e) => ({ name: e.querySelector('code')?.textContent, json: [...e.querySelectorAll('pre.json')].map((p) => p.textContent) })));
    expect(shown).toEqual(calls.map((c) => ({ name: c.name, json: [JSON.stringify(c.input, null, 2), ...(c.result === undefined ? [] : [JSON.stringify(c.result, null, 2)])] })));
    expect(await page.textContent('.answer details summary')).toBe(`Tool steps (${rec.steps!.length} responses, ${calls.length} calls)`);
  });

  it('shows each user turn of a conversation with the answer to it', async () => {
    const rec = await open('two-turns');
    const shown = await page.$$eval('ol.turns > li', (li) => li.map((l) => [...l.querySelectorAll('pre.text')].map((p) => p.textContent)));
    expect(shown).toEqual(rec.turns!.map((t) => [t.user, t.output === '' ? '(empty)' : t.output]));
  });
});
