import type { Page } from 'playwright-core';

// What the HTML report's page tells a test or a benchmark about itself.

/** Wait until the sample list is usable; the page's own clock then (ms since navigation start). */
export async function sampleListReady(page: Page, timeoutMs = 300_000): Promise<number> {
  // Expressions, not functions: they run in the page (this project's types have no DOM).
  await page.waitForFunction('window.hbReady !== undefined', null, { timeout: timeoutMs });
  return page.evaluate<number>('window.hbReady');
}

/** Wait until a search has read every input and output (the count shows again). */
export async function searchDone(page: Page, timeoutMs = 300_000): Promise<void> {
  await page.waitForFunction("!(document.querySelector('#sample-count')?.textContent ?? 'Reading').startsWith('Reading')", null, { timeout: timeoutMs });
}
