import type { Page } from 'playwright-core';

// What the HTML report's page tells a test or a benchmark about itself.

/** Wait until the sample list is usable; the page's own clock then (ms since navigation start). */
export async function sampleListReady(page: Page, timeoutMs = 300_000): Promise<number> {
  // No string predicates: the page's Content-Security-Policy forbids eval, which they need.
  await page.waitForSelector('body[data-ready="samples"]', { state: 'attached', timeout: timeoutMs });
  return page.evaluate(() => (globalThis as unknown as { hbReady: number }).hbReady);
}

/** Wait until a search has read every input and output (the count shows again). */
export async function searchDone(page: Page, timeoutMs = 300_000): Promise<void> {
  await page.locator('#sample-count').filter({ hasNotText: /^Reading/ }).waitFor({ timeout: timeoutMs });
}

/** Wait until the sample count reads `text` exactly. */
export async function sampleCount(page: Page, text: string): Promise<void> {
  await page.locator('#sample-count', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
}
