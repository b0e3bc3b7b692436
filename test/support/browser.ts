import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

// Real headless Chromium (Debian's `chromium` package) driven by playwright-core, never a browser
// downloaded by Playwright. Each context gets a fresh user-data-dir, removed on close.

/** The chromium binary on PATH, or undefined. */
export function chromiumPath(): string | undefined {
  try {
    const p = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    return p === '' ? undefined : p;
  } catch {
    return undefined;
  }
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh profile; `viewport` in CSS pixels. */
export async function openBrowser(executablePath: string, viewport = { width: 1280, height: 900 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'haikubench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport, colorScheme });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
