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

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Whether chromium tests run here: chromium is installed, or CI is set (then they must run, and fail without it). */
export function browserTestsRun(): { run: boolean; executablePath: string; why: string } {
  const path = chromiumPath();
  if (path !== undefined) return { run: true, executablePath: path, why: '' };
  if (process.env['CI'] !== undefined) return { run: true, executablePath: 'chromium', why: '' };
  return { run: false, executablePath: '', why: 'chromium is not installed (apt-get install -y chromium) and CI is not set: browser tests skipped' };
}
