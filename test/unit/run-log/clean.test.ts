import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanRuns } from '../../../src/run-log/clean.js';

// `haikubench clean`: old run directories go; anything else (a folder without run.json, a run a live
// process holds) stays. The clock is a parameter: file times are set, never waited for.

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

/** A directory with these files, every one (and the folder) last modified `ageDays` before NOW. */
function dirAt(path: string, files: Record<string, string>, ageDays: number): void {
  mkdirSync(path, { recursive: true });
  const t = new Date(NOW - ageDays * DAY);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(path, name), text);
    utimesSync(join(path, name), t, t);
  }
  utimesSync(path, t, t);
}

function reports(): string {
  const root = mkdtempSync(join(tmpdir(), 'haikubench-clean-'));
  dirAt(join(root, 'old-run'), { 'run.json': '{}', 'records.jsonl': 'x'.repeat(1000) }, 20);
  dirAt(join(root, 'new-run'), { 'run.json': '{}' }, 2);
  dirAt(join(root, 'not-a-run'), { 'notes.txt': 'mine' }, 30);
  dirAt(join(root, 'live-run'), { 'run.json': '{}', 'run.lock': String(process.pid) }, 20);
  dirAt(join(root, 'dead-lock'), { 'run.json': '{}', 'run.lock': '999999999' }, 20);
  dirAt(join(root, 'group', 'eval-a'), { 'run.json': '{}' }, 20);
  dirAt(join(root, 'group', 'eval-b'), { 'run.json': '{}' }, 1);
  return root;
}

describe('cleanRuns', () => {
  it.each([true, false])('dryRun %s: picks the old run directories only', (dryRun) => {
    const root = reports();
    const outcome = cleanRuns(root, { olderThanMs: 14 * DAY, now: NOW, dryRun });
    expect(outcome.removed.map((r) => r.dir).sort()).toEqual(['dead-lock', 'group/eval-a', 'old-run']);
    expect(outcome.removed.find((r) => r.dir === 'old-run')?.bytes).toBeGreaterThanOrEqual(1002);
    expect(outcome.locked).toEqual(['live-run']);
    for (const d of ['old-run', 'dead-lock', 'group/eval-a']) expect(existsSync(join(root, d))).toBe(dryRun);
    for (const d of ['new-run', 'not-a-run', 'live-run', 'group/eval-b']) expect(existsSync(join(root, d))).toBe(true);
  });

  it('a missing reports directory removes nothing', () => {
    expect(cleanRuns(join(tmpdir(), 'no-such-haikubench-reports'), { olderThanMs: DAY, now: NOW, dryRun: false })).toEqual({ removed: [], locked: [], missing: true });
  });
});
