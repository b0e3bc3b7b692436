import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyFile } from '../../src/route/index.js';
import { runCli, tempDir } from '../support/cli.js';

// run --route: the routing section in the run's own terminal and Markdown reports, with route's defaults.

describe('run --route', () => {
  it('prints the tiering analysis after the run, writes route/ in the run directory and a Markdown section', async () => {
    const dir = tempDir('haikubench-run-route-');
    const out = join(dir, 'run');
    const md = join(dir, 'report.md');
    // --details: the whole analysis; a wide $COLUMNS keeps each sentence on one line to match it whole.
    const res = await runCli(['run', 'evals/routing-demo.yaml', '--out', out, '--route', '--markdown', md, '--details'], { env: { COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    const after = res.stdout.slice(res.stdout.indexOf('DONE'));
    expect(after).toMatch(/\nRoute by topic: 3 of 6 values \(.+\) to claude-haiku-5-5 \[SIMULATED\]/);
    expect(after).toContain('Policies (replayed on the recorded answers; ► = recommended)');
    // Without --details, the analysis is folded to its recommendation.
    const folded = await runCli(['run', 'evals/routing-demo.yaml', '--out', join(dir, 'run2'), '--route'], { env: { COLUMNS: '1000' } });
    expect(folded.stdout).toMatch(/\nrouting: Route by topic: 3 of 6 values \(.+\) to claude-haiku-5-5 \[SIMULATED\]/);
    expect(folded.stdout).not.toContain('Policies (replayed');
    const policy = JSON.parse(readFileSync(join(out, 'route', 'policy.json'), 'utf8')) as PolicyFile;
    expect([policy.rule, policy.validated.tolerance, policy.simulated]).toEqual(['segments', 0.02, true]);
    const report = readFileSync(md, 'utf8');
    expect(report).toContain('Tiering (haikubench route)');
    expect(report).toMatch(/\*\*Route by topic: 3 of 6 values/);
    expect(report).not.toContain('## Tiering: haikubench route');
  }, 60_000);

  it('a run of one model has nothing to route: no section, no route/ folder', async () => {
    const out = join(tempDir('haikubench-run-route-'), 'run');
    const res = await runCli(['run', 'evals/routing-demo.yaml', '--model', 'sim:claude-haiku-5-5', '--limit', '20', '--out', out, '--route']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toContain('Policies (replayed');
    expect(existsSync(join(out, 'route'))).toBe(false);
  });
});
